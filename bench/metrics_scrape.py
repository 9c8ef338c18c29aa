"""Scrape time of ``GET /metrics`` over 100,000 questions and 300,000 deliveries, in PostgreSQL.

The gauges are read from the database at each scrape, so a scrape must stay fast as the history
grows: target under 100 ms of server time.

What it does:

1. drops and recreates its own database ``caunoi_bench_metrics`` (never ``test``), migrates it and
   loads the demo province's reference data;
2. writes 100,000 questions spread over a year (5 % still open, half of those overdue, 1 % of
   them with an escalation event), one notification each with three deliveries (email and SMS):
   all sent but the last 2,000 notifications' (pending, some retrying, some failed);
3. times ``GET /metrics`` through the app in-process (``AsyncTestClient``) ``--repeats`` times
   after one untimed run, and prints p50, p95 and max.

Run it with ``make bench-metrics`` or ``.venv/bin/python bench/metrics_scrape.py`` (``--keep``
keeps the database, ``--reuse`` measures a kept one again). The exit status is 0; a missed target
is reported (MISSED), since it depends on the machine.
"""

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from litestar.testing import AsyncTestClient

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
from bench_db import asyncpg_dsn, keep_or_reuse, own_database, vacuum
from feedback.app import create_app
from feedback.demo import load_reference_data
from feedback.settings import Settings
from notify.db import Database
from timings import Figures, timed_get

DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_metrics"
TICKETS = 100_000
RECENT = 2_000
"""The last notifications, whose deliveries are not all sent yet."""
TARGET_MS = 100.0

INSERT_TICKETS = """
INSERT INTO ticket (
    reference, year, number, token_hash, category_id, department_id, status, priority, channel,
    language, title, body, citizen_name, publish_consent, show_name, search_text, created_at, updated_at,
    answer_due_at
)
SELECT 'BM-' || lpad(i::text, 7, '0'), 2026, i, md5(i::text) || md5((-i)::text),
       ($3::int[])[1 + (i * 7) % cardinality($3::int[])],
       ($4::int[])[1 + (i * 13) % cardinality($4::int[])],
       CASE WHEN i % 20 = 0 THEN 'in_progress' ELSE 'answered' END, 'normal',
       (ARRAY['web', 'api', 'sms', 'email', 'phone'])[1 + i % 5], 'vi',
       'Câu hỏi số ' || i, 'Nội dung câu hỏi', 'Nguyễn Văn A', false, false, '',
       c, c, c + CASE WHEN i % 40 = 0 THEN interval '1 day' ELSE interval '400 days' END
FROM (SELECT i, $1::timestamptz - make_interval(secs => (($2 - i)::float8 / $2 * 365 * 86400)) AS c
      FROM generate_series(1, $2::int) AS s(i)) AS g
"""
INSERT_NOTIFICATIONS = """
INSERT INTO notification (idempotency_key, kind, recipient, topic, data, status, created_at)
SELECT 'bench:' || id, 'ticket_received', 'citizen', reference, '{}', 'expanded', created_at FROM ticket
"""
INSERT_DELIVERIES = """
INSERT INTO delivery (notification_id, channel, address, subject, text, search_key, status, attempts,
                      next_attempt_at, created_at, sent_at)
SELECT n.id, ch, 'dan' || n.id || CASE WHEN ch = 'sms' THEN '' ELSE '@example.com' END || k, '', 'x', '',
       CASE WHEN n.id <= $1 THEN 'sent' WHEN n.id % 10 = 0 THEN 'failed' ELSE 'pending' END,
       CASE WHEN n.id > $1 AND n.id % 3 = 0 THEN 2 ELSE 0 END,
       n.created_at, n.created_at, CASE WHEN n.id <= $1 THEN n.created_at END
FROM notification AS n, (VALUES ('email', 1), ('email', 2), ('sms', 3)) AS v(ch, k)
"""
INSERT_ESCALATIONS = """
INSERT INTO ticket_event (ticket_id, kind, public, data, at)
SELECT id, 'ticket:escalated', false, json_build_object('clock', 'answer', 'level', 1 + id % 3), created_at
FROM ticket WHERE id % 100 = 0
"""


async def load(now: datetime) -> None:
    database = Database(DATABASE_URL)
    async with database.transaction() as session:
        await load_reference_data(session)
    await database.dispose()
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        departments = [r["id"] for r in await connection.fetch("SELECT id FROM department ORDER BY id")]
        categories = [r["id"] for r in await connection.fetch("SELECT id FROM category ORDER BY id")]
        started = time.perf_counter()
        await connection.execute(INSERT_TICKETS, now, TICKETS, categories, departments)
        await connection.execute(INSERT_NOTIFICATIONS)
        await connection.execute(INSERT_DELIVERIES, TICKETS - RECENT)
        await connection.execute(INSERT_ESCALATIONS)
        print(f"  written in {time.perf_counter() - started:.0f} s", flush=True)
        await vacuum(connection, "ticket", "notification", "delivery", "ticket_event")
        counts = await connection.fetchrow(
            "SELECT (SELECT count(*) FROM ticket) AS tickets, (SELECT count(*) FROM delivery) AS deliveries,"
            " (SELECT count(*) FROM delivery WHERE status <> 'sent') AS unsent"
        )
        print(f"  {counts['tickets']:,} questions, {counts['deliveries']:,} deliveries ({counts['unsent']:,} not sent)")
    finally:
        await connection.close()


async def measure(repeats: int) -> bool:
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(database_url=DATABASE_URL, data_dir=Path(data_dir), notify={"redis_url": None})
        logging.getLogger("httpx").setLevel(logging.WARNING)
        async with AsyncTestClient(app=create_app(settings)) as client:
            await timed_get(client, "/metrics")  # warm
            figures = Figures([await timed_get(client, "/metrics") for _ in range(repeats)])
    met = figures.p95 < TARGET_MS
    print(
        f"\nGET /metrics (in-process): {figures.line()} {'met' if met else 'MISSED'} (target p95 < {TARGET_MS:.0f} ms)"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    keep_or_reuse(parser)
    parser.add_argument("--repeats", type=int, default=30, help="timed scrapes")
    args = parser.parse_args()
    with own_database(DATABASE_URL, keep=args.keep, reuse=args.reuse):
        if not args.reuse:
            asyncio.run(load(datetime.now(UTC)))
        asyncio.run(measure(args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
