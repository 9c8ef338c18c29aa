"""A merge of two departments holding 100,000 questions, in PostgreSQL: the target is under 30 s.

What it does, start to finish:

1. drops and recreates its own database ``caunoi_bench_reorganise`` (never ``test``), migrates it
   and loads the demo reference data;
2. inserts 100,000 questions split between the Sở Xây dựng (SXD) and the Sở Tài chính (STC) with
   ``INSERT … SELECT FROM generate_series``, each with its ``ticket:received`` event: 70 % answered
   and closed, the rest open (in progress, assigned, paused for the citizen, extended, a share
   overdue), then ``VACUUM (ANALYZE)``;
3. takes a fingerprint of every question's clock columns, times :func:`plan_merge` (the preview's
   counts) and :func:`apply` of the merge of SXD and STC into a new Sở Xây dựng và Tài chính, in one
   transaction, commit included;
4. checks what it left: every open question with the new department and one ``ticket:reorganised``
   event, every closed one with its old department, the clock fingerprint unchanged;
5. prints the figures against the target.

Run it with ``make bench-reorganise`` or ``.venv/bin/python bench/reorganise.py`` (``--keep``
keeps the database). It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth); set
``CAUNOI_BENCH_REORGANISE_URL`` to use another server. The exit status is 1 when a check fails or
the target is missed.
"""

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, date, datetime

import asyncpg
from sqlalchemy import select

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
from bench_db import asyncpg_dsn, drop_database, recreate_database, vacuum
from feedback.demo import load_reference_data
from feedback.migrations import upgrade
from feedback.reorganisation.apply import apply
from feedback.reorganisation.plans import NewDepartment, plan_merge
from notify.db import Database
from routing.models import Department

DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_REORGANISE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_reorganise"
)
NOW = datetime(2026, 12, 16, 3, 0, tzinfo=UTC)
"""Wednesday 16 December 2026, 10:00 in Hà Nội."""
ON = date(2026, 12, 16)
QUESTIONS = 100_000
TARGET_S = 30.0
MERGED = NewDepartment("SXDTC", "Sở Xây dựng và Tài chính", "Department of Construction and Finance")

# One statement: question i belongs to SXD or STC by the parity of i / 10; by i % 10: 0-6 closed,
# 7 in progress, 8 paused for the citizen or assigned and not yet accepted (by the parity of i / 20),
# 9 extended; every third open question is overdue. Deadlines are spread over minutes.
INSERT_QUESTIONS = """
WITH d AS (
    SELECT (SELECT id FROM department WHERE code = 'SXD') AS sxd,
           (SELECT id FROM department WHERE code = 'STC') AS stc,
           (SELECT id FROM category WHERE code = 'giay-phep-xay-dung') AS building,
           (SELECT id FROM category WHERE code = 'tai-chinh-ngan-sach') AS budget
), q AS (
    SELECT g.i,
           g.i % 10 AS kind,
           (g.i / 10) % 2 = 0 AS first,
           g.i % 10 = 8 AND (g.i / 20) % 2 = 1 AS unaccepted,
           $1::timestamptz - make_interval(days => 1 + g.i % 300, mins => g.i % 997) AS created,
           CASE WHEN g.i % 3 = 0 THEN -1 ELSE 1 END * make_interval(days => 1 + g.i % 20, mins => g.i % 113) AS due_shift
    FROM generate_series(1, $2::int) AS g(i)
)
INSERT INTO ticket (
    reference, year, number, token_hash, category_id, department_id, status, priority, channel, language,
    title, body, citizen_name, publish_consent, show_name, search_text, created_at, updated_at,
    transfer_due_at, assigned_at, accept_due_at, accepted_at, routed_at, answer_due_at, paused_at,
    extended_at, answered_at, answer_minutes, waited_minutes, next_check_at, answer_level
)
SELECT '2026-' || lpad(q.i::text, 6, '0'), 2026, q.i,
       encode(sha256(convert_to('bench-token-' || q.i, 'UTF8')), 'hex'),
       CASE WHEN q.first THEN d.building ELSE d.budget END,
       CASE WHEN q.first THEN d.sxd ELSE d.stc END,
       CASE WHEN q.kind < 7 THEN 'closed'
            WHEN q.unaccepted THEN 'assigned'
            WHEN q.kind = 8 THEN 'awaiting_citizen'
            ELSE 'in_progress' END,
       'normal', 'web', 'vi',
       'Câu hỏi số ' || q.i, 'Nội dung câu hỏi thử nghiệm.', 'Công dân ' || q.i, true, false,
       'cau hoi so ' || q.i, q.created, q.created,
       q.created + interval '7 days', q.created,
       q.created + interval '3 days', CASE WHEN q.unaccepted THEN NULL ELSE q.created + interval '1 day' END,
       q.created,
       CASE WHEN q.kind < 7 THEN q.created + interval '14 days' ELSE $1::timestamptz + q.due_shift END,
       CASE WHEN q.kind = 8 AND NOT q.unaccepted THEN $1::timestamptz - interval '2 days' END,
       CASE WHEN q.kind = 9 THEN q.created + interval '5 days' END,
       CASE WHEN q.kind < 7 THEN q.created + interval '10 days' END,
       CASE WHEN q.kind < 7 THEN 3000 + q.i % 1000 END,
       q.i % 60,
       CASE WHEN q.kind >= 7 THEN $1::timestamptz + q.due_shift END,
       CASE WHEN q.kind >= 7 AND q.i % 3 = 0 THEN 1 END
FROM q CROSS JOIN d
"""
INSERT_EVENTS = """
INSERT INTO ticket_event (ticket_id, kind, public, data, at)
SELECT id, 'ticket:received', true, '{}'::json, created_at FROM ticket
"""
FINGERPRINT = """
SELECT md5(string_agg(concat_ws('|', id, status, assignee_id, transfer_due_at, assigned_at, accept_due_at,
       accepted_at, routed_at, answer_due_at, paused_at, extended_at, waited_minutes, next_check_at,
       transfer_level, accept_level, answer_level), ',' ORDER BY id))
FROM ticket
"""


async def load(database: Database) -> dict[str, int]:
    async with database.transaction() as session:
        await load_reference_data(session)
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        async with connection.transaction():
            await connection.execute(INSERT_QUESTIONS, NOW, QUESTIONS)
            await connection.execute(INSERT_EVENTS)
        await vacuum(connection, "ticket", "ticket_event")
        rows = await connection.fetch("SELECT status, count(*) FROM ticket GROUP BY status ORDER BY status")
        return {row["status"]: row["count"] for row in rows}
    finally:
        await connection.close()


async def scalar(statement: str) -> object:
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        return await connection.fetchval(statement)
    finally:
        await connection.close()


async def run() -> bool:
    database = Database(DATABASE_URL)
    try:
        started = time.perf_counter()
        by_status = await load(database)
        print(f"loaded {QUESTIONS:,} questions in {time.perf_counter() - started:.1f} s: {by_status}")
        before = await scalar(FINGERPRINT)
        async with database.transaction() as session:
            old = {
                d.code: d.id
                for d in await session.scalars(select(Department).where(Department.code.in_(["SXD", "STC"])))
            }

        started = time.perf_counter()
        async with database.transaction() as session:
            plan = await plan_merge(session, ["SXD", "STC"], into=MERGED, on=ON, now=NOW)
            planned = time.perf_counter() - started
            done = await apply(session, plan, actor_id=None, now=NOW)
            applied_at = time.perf_counter()
        total = time.perf_counter() - started  # commit included
        counts = plan.counts
        print(
            f"plan: {planned * 1000:.0f} ms ({counts.open:,} open: {dict(counts.open_by_status)}, "
            f"paused {counts.paused:,}, extended {counts.extended:,}, overdue {counts.overdue:,}; "
            f"{counts.closed_staying:,} closed stay)"
        )
        print(
            f"apply: {(applied_at - started - planned):.2f} s; plan + apply + commit: {total:.2f} s (target < {TARGET_S:.0f} s)"
        )

        closed = sum(n for status, n in by_status.items() if status == "closed")
        merged = await scalar(f"SELECT id FROM department WHERE code = '{MERGED.code}'")
        moved = await scalar(f"SELECT count(*) FROM ticket WHERE department_id = {merged}")
        stayed = await scalar(f"SELECT count(*) FROM ticket WHERE department_id IN ({old['SXD']}, {old['STC']})")
        events = await scalar("SELECT count(*) FROM ticket_event WHERE kind = 'ticket:reorganised'")
        after = await scalar(FINGERPRINT)
        checks = {
            "every open question moved": done.moved == moved == QUESTIONS - closed,
            "every closed question stayed": stayed == closed,
            "one event per moved question": events == moved,
            "every clock unchanged": before == after,
            f"under {TARGET_S:.0f} s": total < TARGET_S,
        }
        for name, ok in checks.items():
            print(f"  {'ok  ' if ok else 'FAIL'} {name}")
        return all(checks.values())
    finally:
        await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    recreate_database(DATABASE_URL)
    upgrade(DATABASE_URL)
    try:
        ok = asyncio.run(run())
    finally:
        if not args.keep:
            drop_database(DATABASE_URL)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
