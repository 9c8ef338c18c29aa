"""Every migration on a big ``ticket`` table, while citizens keep asking: how long is intake stalled?

What it does, start to finish:

1. drops and recreates its own database ``caunoi_bench_migrations`` (never ``test``) and migrates
   it to ``--from`` (default ``0001``, the first release);
2. bulk-generates ``--rows`` tickets (default 1,000,000) with one ``INSERT … SELECT FROM
   generate_series`` in the columns that 0001 defined (a tenth in triage, the rest spread over the
   other statuses, most routed, some answered and published-consenting), one event per hundredth
   ticket, then ``VACUUM (ANALYZE)``;
3. upgrades one revision at a time to ``head``. During each upgrade a second connection inserts a
   ticket every 100 ms (only 0001's columns, a fresh reference each time) and records how long
   each insert waited; an insert that fails after its wait (a column a later release requires)
   still counts its wait;
4. prints, per revision, the migration's duration and the longest intake stall, and exits 1 when a
   stall exceeds ``--max-stall`` seconds (default 3).

Run it with ``.venv/bin/python bench/migrations_lock.py`` (``--rows 100000`` for a quick look,
``--keep`` keeps the database). It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust
auth); set ``CAUNOI_BENCH_MIGRATIONS_URL`` to use another server.
"""

import argparse
import asyncio
import os
import sys
import threading
import time

import asyncpg
from alembic.script import ScriptDirectory

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
from bench_db import asyncpg_dsn, drop_database, recreate_database
from feedback.migrations import alembic_config, upgrade

DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_MIGRATIONS_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_migrations"
)
INTAKE_PERIOD = 0.1

_STATUSES = "ARRAY['received','triage','assigned','in_progress','awaiting_citizen','pending_approval','answered','closed','reopened','rejected']"

_REFERENCE_DATA = """
INSERT INTO area (id, code, name, active) VALUES (1, 'P01', 'Phường Một', true);
INSERT INTO department (id, code, name, name_en, is_coordinating_office, active)
VALUES (1, 'VP', 'Văn phòng UBND', 'Office', true, true), (2, 'SXD', 'Sở Xây dựng', 'Construction', false, true);
INSERT INTO category (id, code, name, name_en, "group", group_en, position, default_department_id, active)
VALUES (1, 'xay-dung', 'Xây dựng', 'Construction', 'Đô thị', 'Urban', 1, 2, true);
INSERT INTO staff_user (id, username, full_name, role, department_id, password_hash, active, created_at)
VALUES (1, 'xd.cv', 'Cán bộ Xây dựng', 'officer', 2, 'x', true, now());
"""

# Ticket i: one status in ten, routed unless received or in triage, answered when answered/closed.
_TICKETS = f"""
INSERT INTO ticket (id, reference, year, number, token_hash, category_id, department_id, assignee_id, status,
    priority, channel, language, title, body, area_id, citizen_name, citizen_email, publish_consent, show_name,
    search_text, created_at, updated_at, routed_at, accept_due_at, answer_due_at, answered_at, next_check_at)
SELECT i, 'B' || lpad(i::text, 9, '0'), 2026, i, md5(i::text) || md5(i::text), 1,
    CASE WHEN i % 10 IN (0, 1) THEN NULL ELSE 2 END, CASE WHEN i % 10 IN (0, 1) THEN NULL ELSE 1 END,
    ({_STATUSES})[i % 10 + 1], 'normal', 'web', 'vi', 'Câu hỏi số ' || i, 'Nội dung câu hỏi số ' || i, 1,
    'Công dân ' || i, 'c' || i || '@example.com', i % 3 = 0, false, 'cau hoi so ' || i,
    t, t, CASE WHEN i % 10 IN (0, 1) THEN NULL ELSE t + interval '1 hour' END,
    t + interval '2 days', t + interval '15 days',
    CASE WHEN i % 10 IN (6, 7) THEN t + interval '5 days' END, t + interval '1 day'
FROM (SELECT i, timestamptz '2026-01-01' + i * interval '20 seconds' AS t FROM generate_series(1, $1) AS i) AS g
"""

_EVENTS = """
INSERT INTO ticket_event (ticket_id, actor_id, kind, public, data, at)
SELECT i, NULL, 'ticket:submitted', true, '{}', timestamptz '2026-01-01' + i * interval '20 seconds'
FROM generate_series(1, $1, 100) AS i
"""

_INTAKE = """
INSERT INTO ticket (reference, year, number, token_hash, category_id, status, priority, channel, language, title,
    body, citizen_name, publish_consent, show_name, search_text, created_at, updated_at)
VALUES ($1, 2027, $2, 'x', 1, 'received', 'normal', 'web', 'vi', 'Câu hỏi mới', 'Nội dung', 'Công dân',
    false, false, 'cau hoi moi', now(), now())
"""


async def load(dsn: str, rows: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(_REFERENCE_DATA)
        await connection.execute(_TICKETS, rows)
        await connection.execute(_EVENTS, rows)
        await connection.execute("SELECT setval(pg_get_serial_sequence('ticket', 'id'), max(id)) FROM ticket")
        await connection.execute("VACUUM (ANALYZE)")
    finally:
        await connection.close()


class Intake(threading.Thread):
    """Inserts a ticket every 100 ms on its own connection and keeps the longest wait since :meth:`reset`."""

    def __init__(self, dsn: str) -> None:
        super().__init__(daemon=True)
        self.dsn = dsn
        self.stop = threading.Event()
        self.longest = 0.0
        self.inserted = 0
        self.failed = 0
        self.number = 0

    def reset(self) -> None:
        self.longest, self.inserted, self.failed = 0.0, 0, 0

    def run(self) -> None:
        asyncio.run(self._run())

    async def _run(self) -> None:
        connection = await asyncpg.connect(self.dsn)
        try:
            while not self.stop.is_set():
                self.number += 1
                started = time.perf_counter()
                try:
                    await connection.execute(_INTAKE, f"I{self.number:09d}", self.number)
                    self.inserted += 1
                except asyncpg.PostgresError:
                    self.failed += 1
                self.longest = max(self.longest, time.perf_counter() - started)
                await asyncio.sleep(INTAKE_PERIOD)
        finally:
            await connection.close()


def revisions_after(start: str) -> list[str]:
    """The revisions from ``start`` (excluded) to head, oldest first."""
    script = ScriptDirectory.from_config(alembic_config(DATABASE_URL))
    chain = [r.revision for r in script.walk_revisions("base", "heads")]
    chain.reverse()
    return chain[chain.index(start) + 1 :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--from", dest="start", default="0001")
    parser.add_argument("--max-stall", type=float, default=3.0)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    dsn = asyncpg_dsn(DATABASE_URL)
    recreate_database(DATABASE_URL)
    upgrade(DATABASE_URL, args.start)
    started = time.perf_counter()
    asyncio.run(load(dsn, args.rows))
    print(f"loaded {args.rows:,} tickets at {args.start} in {time.perf_counter() - started:.1f} s", flush=True)

    intake = Intake(dsn)
    intake.start()
    failures = []
    print(f"{'revision':>8} {'duration s':>11} {'max stall s':>12} {'inserted':>9} {'failed':>7}", flush=True)
    try:
        for revision in revisions_after(args.start):
            time.sleep(0.5)  # a calm moment before each, so the stall is the migration's
            intake.reset()
            started = time.perf_counter()
            upgrade(DATABASE_URL, revision)
            duration = time.perf_counter() - started
            time.sleep(3 * INTAKE_PERIOD)  # the insert queued behind the lock completes
            flag = " <- over" if intake.longest > args.max_stall else ""
            if flag:
                failures.append(revision)
            print(
                f"{revision:>8} {duration:>11.2f} {intake.longest:>12.2f} {intake.inserted:>9} {intake.failed:>7}{flag}",
                flush=True,
            )
    finally:
        intake.stop.set()
        intake.join()
        if not args.keep:
            drop_database(DATABASE_URL)
    if failures:
        print(f"intake stalled more than {args.max_stall} s during: {', '.join(failures)}")
        return 1
    print(f"no migration stalled intake more than {args.max_stall} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
