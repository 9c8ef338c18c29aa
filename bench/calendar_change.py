"""A calendar change at scale: a day off added inside the answer windows of 50,000 open questions.

What it does, start to finish:

1. drops and recreates its own database ``caunoi_bench_calendar`` (never ``test``), migrates it
   and loads the demo reference data, then inserts :data:`TICKETS` questions in progress routed
   in the two weeks before :data:`NOW` (the rows of :mod:`sla_scan`, its schedules and insert);
2. times :func:`feedback.calendar.recount.preview_add` of a day off on :data:`DAY_OFF`, a weekday
   inside most of their answer windows, then :func:`~feedback.calendar.recount.add_override` in one
   transaction, commit included;
3. checks that the preview counted what the change moved, that each moved question has one
   ``ticket:deadline_recounted`` event and its stored deadline equals the new calendar's count,
   and prints the figures and the process's peak memory.

Run it with ``.venv/bin/python bench/calendar_change.py`` (``--keep`` keeps the database). It needs
PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth); ``CAUNOI_BENCH_CALENDAR_URL`` names
another. The exit status is 1 when a check fails.
"""

import argparse
import asyncio
import os
import random
import resource
import sys
import time
from datetime import date

import asyncpg

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
import sla_scan
from bench_db import asyncpg_dsn, drop_database, recreate_database
from feedback.calendar import recount
from feedback.demo import load_reference_data
from feedback.lifecycle import EventKind
from feedback.migrations import upgrade
from notify.db import Database
from routing.calendar import WorkingCalendar
from routing.policy import DEFAULT_POLICY

DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_CALENDAR_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_calendar"
)
TICKETS = 50_000
NOW = sla_scan.NOW
"""Wednesday 16 December 2026, 10:00 in Hà Nội (the escalation bench's instant)."""
DAY_OFF = date(2026, 12, 18)
"""The Friday after :data:`NOW`: inside the window of every question routed in the two weeks before it and not yet due."""
REASON = "Nghỉ thêm theo thông báo (bench)"


async def load(database: Database) -> float:
    async with database.transaction() as session:
        await load_reference_data(session)
    calendar = await sla_scan.calendar_of(database)
    schedules = sla_scan.future_schedules(calendar, random.Random(2026), sla_scan.FUTURE_SCHEDULES)
    sla_scan.TICKETS, sla_scan.DATABASE_URL = TICKETS, DATABASE_URL
    sla_scan.DUE_EVERY = TICKETS + 1  # none of them due: every number takes one of the schedules
    started = time.perf_counter()
    await sla_scan.load_tickets(schedules, 0, chunks=1)
    return time.perf_counter() - started


async def check(moved: int, calendar: WorkingCalendar) -> list[str]:
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        events = await connection.fetchval(
            "SELECT count(*) FROM ticket_event WHERE kind = $1", EventKind.DEADLINE_RECOUNTED
        )
        rows = await connection.fetch("SELECT routed_at, answer_due_at FROM ticket ORDER BY random() LIMIT 2000")
    finally:
        await connection.close()
    problems = []
    if events != moved:
        problems.append(f"{events} recount events for {moved} questions moved")
    wrong = sum(1 for r in rows if DEFAULT_POLICY.answer.after(calendar, r["routed_at"]) != r["answer_due_at"])
    if wrong:
        problems.append(f"{wrong} of 2,000 sampled deadlines differ from the new calendar's count")
    return problems


async def measure() -> list[str]:
    database = Database(DATABASE_URL)
    try:
        loaded = await load(database)
        print(f"loaded {TICKETS:,} open questions in {loaded:.1f} s")
        started = time.perf_counter()
        async with database.transaction() as session:
            preview = await recount.preview_add(
                session, first=DAY_OFF, last=None, working=False, reason=REASON, now=NOW
            )
        preview_s = time.perf_counter() - started
        started = time.perf_counter()
        async with database.transaction() as session:
            applied = await recount.add_override(
                session, first=DAY_OFF, last=None, working=False, reason=REASON, actor_id=None, now=NOW
            )
        apply_s = time.perf_counter() - started
        calendar = await sla_scan.calendar_of(database)
        print(f"preview: {preview.tickets:,} questions would move ({dict(preview.clocks)}) in {preview_s:.2f} s")
        print(f"apply:   {applied.tickets:,} questions moved, events and notices written, in {apply_s:.2f} s")
        print(f"peak memory of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        problems = await check(applied.tickets, calendar)
        if preview.tickets != applied.tickets:
            problems.append(f"the preview counted {preview.tickets}, the change moved {applied.tickets}")
    finally:
        await database.dispose()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    keep = parser.parse_args().keep
    recreate_database(DATABASE_URL)
    upgrade(DATABASE_URL)
    try:
        problems = asyncio.run(measure())
    finally:
        if not keep:
            drop_database(DATABASE_URL)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
