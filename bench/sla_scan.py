"""The escalation scan at scale: 1,000,000 open tickets, 1,000 of them due.

What it does, start to finish:

1. drops and recreates its own database ``caunoi_bench_sla`` (never ``test``, which the suite uses),
   migrates it with :func:`feedback.migrations.upgrade` and loads the demo reference data
   (departments, categories, calendar overrides);
2. inserts 1,000,000 tickets in progress with a few ``INSERT … SELECT FROM generate_series``
   statements: each was routed and accepted, so only its answer clock runs (10 working days, the
   default policy). 999,000 have their next check in the coming weeks (the warning, or the
   deadline once the warning has fired); every 1,000th (1,000 tickets) was routed 15 to 20 days
   before :data:`NOW`, is 1 to 4 working days overdue and has fired nothing yet, so one scan fires
   the warning, level 1 and, for some, level 2 on it. Then ``VACUUM (ANALYZE) ticket``;
3. times one :func:`feedback.escalations.escalate_due` at :data:`NOW` in one transaction, commit
   included, and checks what it left: one ``ticket:escalated`` event and one notification per
   step fired, only on the due tickets, and no ticket whose next check is still at or before NOW;
4. times the scan again, now with nothing due, :data:`REPEATS` times (median and max); the routing
   data it reads is cached for a minute, so it also times a few scans with that cache emptied;
5. prints ``EXPLAIN (ANALYZE, BUFFERS)`` of the due query exactly as the scan issues it (``FOR
   UPDATE SKIP LOCKED``) and whether it uses the index ``ix_ticket_next_check_at``;
6. prints the figures against the targets: the 1,000 due under 2 s, nothing due under 20 ms.

Run it with ``.venv/bin/python bench/sla_scan.py`` (``--keep`` keeps the database afterwards).
It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth); set
``CAUNOI_BENCH_SLA_URL`` to use another server. The load takes a minute or two. The exit status is
1 when a check fails or a target is missed.
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import asyncpg
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
from bench_db import asyncpg_dsn, drop_database, maintenance_dsn, recreate_database, vacuum
from feedback.clocks import ClockKind, next_check_at
from feedback.demo import load_reference_data
from feedback.escalations import due_query, escalate_due
from feedback.lifecycle import EventKind
from feedback.migrations import upgrade
from notify.db import Database
from routing.calendar import WorkingCalendar
from routing.models import CalendarOverride
from routing.policy import DEFAULT_POLICY
from routing.services import forget_routing_data
from routing.sla import Clock
from routing.text import fold

DATABASE_URL = os.environ.get("CAUNOI_BENCH_SLA_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_sla")

NOW = datetime(2026, 12, 16, 3, 0, tzinfo=UTC)
"""The scan's instant: Wednesday 16 December 2026, 10:00 in Hà Nội, an ordinary working day."""
TICKETS = 1_000_000
DUE_EVERY = 1_000
"""Every ``DUE_EVERY``-th ticket (by number) is due: 1,000 of the million."""
FUTURE_SCHEDULES = 5_000
"""Distinct (routed, due, next check) combinations shared by the tickets that are not due."""
REPEATS = 20
COLD_REPEATS = 5
INDEX = "ix_ticket_next_check_at"

TARGET_DUE_MS = 2000.0
TARGET_IDLE_MS = 20.0

TITLES = [
    "Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    "Phản ánh rác thải ùn ứ tại khu dân cư",
    "Hỏi về chế độ bảo hiểm xã hội một lần",
    "Đề nghị sửa chữa đường liên xã bị sạt lở",
    "Hỏi về hồ sơ đăng ký hộ kinh doanh",
    "Thắc mắc về tiền hỗ trợ người có công",
    "Hỏi về tuyển sinh vào lớp 10 năm học mới",
]
BODY = (
    "Kính gửi quý cơ quan, gia đình tôi đã nộp hồ sơ từ tháng trước nhưng chưa nhận được kết quả. "
    "Xin hỏi thời hạn giải quyết là bao lâu và tôi cần bổ sung giấy tờ gì? Xin trân trọng cảm ơn."
)
NAMES = ["Nguyễn Thị Hương", "Trần Văn Nam", "Lê Thị Mai", "Phạm Văn Hùng", "Hoàng Thị Lan", "Vũ Đức Thắng"]


# --- The tickets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """The SLA columns of a group of tickets: routed and accepted, the answer clock running."""

    routed_at: datetime
    accepted_at: datetime
    transfer_due_at: datetime
    accept_due_at: datetime
    answer_due_at: datetime
    answer_level: int | None
    next_check_at: datetime


def schedule(calendar: WorkingCalendar, routed_at: datetime, accepted_after: timedelta) -> Schedule:
    """The columns a ticket routed at ``routed_at`` has, the scan having run on time until :data:`NOW`.

    A ticket whose warning is still ahead has fired nothing; one past it has fired the warning
    (level 0). Due tickets are built by the caller from a schedule with nothing fired.
    """
    policy = DEFAULT_POLICY
    answer = Clock.start(calendar, policy.answer, routed_at)
    level = None if answer.warning_at(calendar, policy.warning_ratio) > NOW else 0
    next_check = next_check_at({ClockKind.ANSWER: (answer, level)}, policy, calendar)
    assert next_check is not None
    return Schedule(
        routed_at=routed_at,
        accepted_at=routed_at + accepted_after,
        transfer_due_at=policy.transfer.after(calendar, routed_at),
        accept_due_at=policy.accept.after(calendar, routed_at),
        answer_due_at=answer.due_at,
        answer_level=level,
        next_check_at=next_check,
    )


def future_schedules(calendar: WorkingCalendar, rng: random.Random, count: int) -> list[Schedule]:
    """Tickets routed in the last two weeks whose next check (warning or deadline) is still to come."""
    schedules: list[Schedule] = []
    while len(schedules) < count:
        routed_at = NOW - timedelta(seconds=rng.uniform(1, 14) * 86400)
        candidate = schedule(calendar, routed_at, timedelta(hours=rng.uniform(0.5, 20)))
        if candidate.next_check_at > NOW + timedelta(minutes=1) and candidate.accepted_at < NOW:
            schedules.append(candidate)
    return schedules


def due_schedules(calendar: WorkingCalendar, rng: random.Random, count: int) -> list[Schedule]:
    """Tickets routed 15 to 20 days ago, now overdue, on which the scan has fired nothing yet."""
    schedules: list[Schedule] = []
    while len(schedules) < count:
        routed_at = NOW - timedelta(seconds=rng.uniform(15, 20) * 86400)
        base = schedule(calendar, routed_at, timedelta(hours=rng.uniform(0.5, 20)))
        if base.answer_due_at >= NOW:
            continue
        answer = Clock(routed_at, base.answer_due_at)
        warning = answer.warning_at(calendar, DEFAULT_POLICY.warning_ratio)
        schedules.append(replace(base, answer_level=None, next_check_at=warning))
    return schedules


# The schedules are numbered 1..n: the due ones first (schedule k for ticket number k * DUE_EVERY),
# then the others (ticket number i takes schedule DUE + 1 + i % FUTURE).
INSERT_TICKETS = """
WITH schedule AS (
    SELECT * FROM unnest(
        $1::timestamptz[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[],
        $5::timestamptz[], $6::int[], $7::timestamptz[]
    ) WITH ORDINALITY AS s(routed_at, accepted_at, transfer_due_at, accept_due_at,
                           answer_due_at, answer_level, next_check_at, k)
),
category_pick AS (
    SELECT array_agg(id ORDER BY id) AS ids, array_agg(default_department_id ORDER BY id) AS departments
    FROM category WHERE default_department_id IS NOT NULL
),
numbers AS (
    SELECT i,
           CASE WHEN i % $10 = 0 THEN i / $10 ELSE $11 + 1 + i % $12 END AS k
    FROM generate_series($8::int, $9::int) AS g(i)
)
INSERT INTO ticket (
    reference, year, number, token_hash, category_id, department_id, status, priority, channel,
    language, title, body, citizen_name, citizen_phone, publish_consent, show_name, search_text,
    created_at, updated_at, transfer_due_at, assigned_at, accept_due_at, accepted_at, routed_at,
    answer_due_at, next_check_at, answer_level
)
SELECT '2026-' || lpad(n.i::text, greatest(6, length(n.i::text)), '0'),
       2026,
       n.i,
       encode(sha256(convert_to('bench-token-' || n.i, 'UTF8')), 'hex'),
       c.ids[1 + n.i % cardinality(c.ids)],
       c.departments[1 + n.i % cardinality(c.ids)],
       'in_progress', 'normal', 'web', 'vi',
       ($13::text[])[1 + n.i % cardinality($13::text[])],
       $14::text,
       ($15::text[])[1 + n.i % cardinality($15::text[])],
       '09' || lpad((n.i % 100000000)::text, 8, '0'),
       false, false,
       ($16::text[])[1 + n.i % cardinality($16::text[])],
       s.routed_at, s.accepted_at, s.transfer_due_at, s.routed_at, s.accept_due_at, s.accepted_at,
       s.routed_at, s.answer_due_at, s.next_check_at, s.answer_level
FROM numbers n
JOIN schedule s ON s.k = n.k
CROSS JOIN category_pick c
"""


async def load_tickets(schedules: Sequence[Schedule], due_count: int, *, chunks: int = 4) -> None:
    """Insert the tickets in ``chunks`` statements (numbers 1..TICKETS) in one transaction."""
    columns = [
        [getattr(s, name) for s in schedules]
        for name in (
            "routed_at",
            "accepted_at",
            "transfer_due_at",
            "accept_due_at",
            "answer_due_at",
            "answer_level",
            "next_check_at",
        )
    ]
    texts = [TITLES, BODY, NAMES, [fold(f"{title}\n{BODY}") for title in TITLES]]
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        async with connection.transaction():
            size = TICKETS // chunks
            for first in range(1, TICKETS + 1, size):
                last = min(first + size - 1, TICKETS)
                await connection.execute(
                    INSERT_TICKETS,
                    *columns,
                    first,
                    last,
                    DUE_EVERY,
                    due_count,
                    len(schedules) - due_count,
                    *texts,
                )
        await vacuum(connection, "ticket")
    finally:
        await connection.close()


async def calendar_of(database: Database) -> WorkingCalendar:
    """The calendar the scan will use: Vietnam's, with the demo's swapped days."""
    async with database.transaction() as session:
        overrides = dict((await session.execute(select(CalendarOverride.day, CalendarOverride.working))).all())
    return WorkingCalendar.vietnam(overrides=overrides)


async def load(database: Database) -> float:
    """Reference data, then the million tickets; returns the seconds the tickets took."""
    async with database.transaction() as session:
        await load_reference_data(session)
    calendar = await calendar_of(database)
    rng = random.Random(2026)
    due = due_schedules(calendar, rng, TICKETS // DUE_EVERY)
    future = future_schedules(calendar, rng, FUTURE_SCHEDULES)
    started = time.perf_counter()
    await load_tickets([*due, *future], len(due))
    return time.perf_counter() - started


# --- Measurements ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scan:
    scanned: int
    fired: int
    ms: float


async def timed_scan(database: Database, *, cold_cache: bool = False) -> Scan:
    """One scan at NOW in its own transaction, the commit included in the time."""
    if cold_cache:
        async with database.transaction() as session:
            forget_routing_data(session)
    started = time.perf_counter()
    async with database.transaction() as session:
        result = await escalate_due(session, now=NOW)
    return Scan(result.scanned, result.fired, 1000 * (time.perf_counter() - started))


async def check_after_scan(scan: Scan) -> list[str]:
    """What the first scan must have left behind; returns the problems found."""
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        row = await connection.fetchrow(
            """
            SELECT
              (SELECT count(*) FROM ticket_event WHERE kind = $1) AS events,
              (SELECT count(DISTINCT ticket_id) FROM ticket_event WHERE kind = $1) AS escalated_tickets,
              (SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                WHERE e.kind = $1 AND t.number % $3 <> 0) AS events_on_others,
              (SELECT count(*) FROM notification) AS notifications,
              (SELECT count(*) FROM ticket WHERE next_check_at <= $2) AS still_due,
              (SELECT count(*) FROM ticket WHERE number % $3 = 0 AND answer_level >= 1) AS due_at_level_1
            """,
            str(EventKind.ESCALATED),
            NOW,
            DUE_EVERY,
        )
        levels = await connection.fetch(
            """
            SELECT (data->>'level')::int AS level, count(*) AS n FROM ticket_event
            WHERE kind = $1 GROUP BY 1 ORDER BY 1
            """,
            str(EventKind.ESCALATED),
        )
    finally:
        await connection.close()
    due = TICKETS // DUE_EVERY
    by_level = ", ".join(f"level {r['level']}: {r['n']}" for r in levels)
    print(
        f"  after the scan: {row['events']} escalation events on {row['escalated_tickets']} tickets"
        f" ({by_level}),"
        f" {row['notifications']} notifications, {row['still_due']} tickets still due"
    )
    problems = []
    if scan.scanned != due:
        problems.append(f"the scan read {scan.scanned} tickets, not the {due} due")
    if scan.fired < 2 * due:
        problems.append(f"{scan.fired} steps fired, fewer than a warning and a level 1 on each of the {due}")
    if row["events"] != scan.fired:
        problems.append(f"{row['events']} escalation events for {scan.fired} steps fired")
    if row["notifications"] != scan.fired:
        problems.append(f"{row['notifications']} notifications for {scan.fired} steps fired")
    if row["escalated_tickets"] != due or row["events_on_others"]:
        problems.append(f"events on {row['escalated_tickets']} tickets, {row['events_on_others']} on tickets not due")
    if row["due_at_level_1"] != due:
        problems.append(f"only {row['due_at_level_1']} of the {due} due tickets reached level 1")
    if row["still_due"]:
        problems.append(f"{row['still_due']} tickets still have next_check_at <= NOW")
    return problems


def due_query_sql() -> str:
    """The scan's due query, as it issues it, with its parameters written in."""
    query = due_query(NOW, DUE_EVERY).with_for_update(skip_locked=True)
    return str(query.compile(dialect=postgresql.asyncpg.dialect(), compile_kwargs={"literal_binds": True}))


async def explain(*, analyze: bool) -> list[str]:
    """The plan of the due query; ANALYZE runs it in a transaction rolled back afterwards."""
    options = "ANALYZE, BUFFERS" if analyze else "COSTS"
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    transaction = connection.transaction()
    await transaction.start()
    try:
        rows = await connection.fetch(f"EXPLAIN ({options}) {due_query_sql()}")
        return [row[0] for row in rows]
    finally:
        await transaction.rollback()
        await connection.close()


def print_plan(title: str, plan: Sequence[str]) -> bool:
    print(f"\n{title}:")
    for line in plan:
        print(f"  {line}")
    used = any(INDEX in line for line in plan)
    print(f"  -> uses {INDEX}: {'yes' if used else 'NO'}")
    return used


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


async def measure() -> int:
    database = Database(DATABASE_URL, pool_size=2)
    try:
        print(f"loading {TICKETS:,} tickets ({TICKETS // DUE_EVERY:,} due at {NOW:%Y-%m-%d %H:%M} UTC)", flush=True)
        seconds = await load(database)
        print(f"  loaded in {seconds:.1f} s (INSERT … SELECT FROM generate_series, then VACUUM ANALYZE)")
        print_plan("plan with 1,000 due (EXPLAIN, not run)", await explain(analyze=False))

        await database.ping()  # the pool's connection is open before the clock starts
        print("\nscan with 1,000 due (routing data read afresh, as after a minute's pause):", flush=True)
        due_scan = await timed_scan(database, cold_cache=True)
        print(f"  scanned {due_scan.scanned}, fired {due_scan.fired} steps in {due_scan.ms:.1f} ms")
        problems = await check_after_scan(due_scan)
        for problem in problems:
            print(f"  CHECK FAILED: {problem}")

        idle = [await timed_scan(database) for _ in range(REPEATS)]
        idle_ms = sorted(scan.ms for scan in idle)
        if busy := [scan for scan in idle if scan.scanned or scan.fired]:
            problems.append(f"{len(busy)} scans with nothing due scanned or fired something")
        median = statistics.median(idle_ms)
        print(
            f"\nscan with nothing due, {REPEATS} times (routing data cached):"
            f" median {median:.2f} ms, min {idle_ms[0]:.2f} ms, max {idle_ms[-1]:.2f} ms"
        )
        cold_ms = sorted([(await timed_scan(database, cold_cache=True)).ms for _ in range(COLD_REPEATS)])
        print(
            f"scan with nothing due, {COLD_REPEATS} times (routing data cache emptied first):"
            f" median {statistics.median(cold_ms):.2f} ms, max {cold_ms[-1]:.2f} ms"
        )

        print(f"\ndue query as the scan issues it:\n  {due_query_sql()}")
        index_used = print_plan("plan with nothing due (EXPLAIN (ANALYZE, BUFFERS))", await explain(analyze=True))
    finally:
        await database.dispose()

    due_ok = due_scan.ms < TARGET_DUE_MS
    idle_ok = median < TARGET_IDLE_MS
    print("\nsummary")
    print(f"  load of {TICKETS:,} tickets: {seconds:.1f} s")
    print(
        f"  escalate {due_scan.scanned} due ({due_scan.fired} steps): {due_scan.ms:.0f} ms"
        f" (target < {TARGET_DUE_MS:.0f} ms)  {verdict(due_ok)}"
    )
    print(
        f"  nothing due: median {median:.2f} ms, max {idle_ms[-1]:.2f} ms"
        f" (target < {TARGET_IDLE_MS:.0f} ms)  {verdict(idle_ok)}"
    )
    print(f"  index used: {'yes' if index_used else 'no'}  {verdict(index_used)}")
    print(f"  checks: {'OK' if not problems else f'{len(problems)} FAILED'}")
    return 0 if due_ok and idle_ok and index_used and not problems else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    _, name = maintenance_dsn(DATABASE_URL)
    print(f"database {name}: recreating and migrating", flush=True)
    recreate_database(DATABASE_URL)
    upgrade(DATABASE_URL)
    try:
        status = asyncio.run(measure())
    finally:
        if args.keep:
            print(f"\ndatabase kept: {DATABASE_URL}")
        else:
            drop_database(DATABASE_URL)
    return status


if __name__ == "__main__":
    sys.exit(main())
