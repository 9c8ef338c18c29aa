"""Escalations with real processes on a moved clock: two ``caunoi scheduler`` and three ``caunoi worker``.

The processes read their clock through ``CAUNOI_CLOCK_OFFSET_FILE`` (``notify.db.utcnow``), which
the test rewrites to move them through a month in a minute, or to jump an hour and back. The
schedulers time their sends on the monotonic clock, so a moved wall clock does not hurry them
(nor stall them after a jump back): they send the escalation job when they start and every real
minute, and at each step of the clock the test sends it too, twice, as their next ticks would,
then waits until the workers have taken every job. Every step of every ladder must fire once:
the escalation events are counted, not the notifications (whose idempotency key would hide a
second firing).
"""

import asyncio
import json
import os
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker

from feedback.escalations import preview
from feedback.intake import receive_question
from feedback.models import Channel
from notify.db import Database
from tests.conftest import free_port
from tests.factories import question_fields
from tests.feedback.test_delivery_faults import reference_data_only, sql, stop, throwaway_redis, wait_until
from tests.feedback.test_escalations import RECEIVED, vn
from tests.feedback.test_production_processes import start

TICKETS = 20
SLA_QUEUE = "dramatiq:sla"


class FakeClock:
    """The instant the processes see, set by writing their offset file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self, instant: datetime) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(str(instant.timestamp() - time.time()))
        tmp.replace(self.path)  # atomic: a process never reads half a number


async def receive(url: str, upload_dir: Path, count: int) -> None:
    database = Database(url)
    for _ in range(count):
        async with database.transaction() as session:
            await receive_question(
                session,
                question_fields(category="giao-duc"),
                [],
                channel=Channel.WEB,
                language="vi",
                upload_dir=upload_dir,
                now=RECEIVED,
            )
    await database.dispose()


async def planned(url: str, until: datetime) -> Counter[tuple[str, str, int]]:
    """What should fire by ``until``, planned in this process before anything runs."""
    database = Database(url)
    async with database.transaction() as session:
        steps = await preview(session, at=until)
    await database.dispose()
    return Counter((p.reference, str(p.clock), p.level) for p in steps)


def fired(url: str) -> Counter[tuple[str, str, int]]:
    rows = sql(
        url,
        "SELECT t.reference, e.data FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
        " WHERE e.kind = 'ticket:escalated'",
    )
    events = [(reference, json.loads(data) if isinstance(data, str) else data) for reference, data in rows]
    return Counter((reference, data["clock"], data["level"]) for reference, data in events)


class Escalations:
    """Two schedulers and three workers on a throw-away Redis, with a clock the test moves."""

    def __init__(self, url: str, tmp_path: Path, redis_port: int) -> None:
        self.clock = FakeClock(tmp_path / "clock-offset")
        self.redis = redis.Redis(port=redis_port)
        self.broker = RedisBroker(url=f"redis://127.0.0.1:{redis_port}/0")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {
            "CAUNOI_DATABASE_URL": url,
            "CAUNOI_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CAUNOI_DATA_DIR": str(tmp_path),  # staff mail goes to the local outbox
            "CAUNOI_CLOCK_OFFSET_FILE": str(self.clock.path),
        }
        self.processes: list = []

    def start(self) -> None:
        workers = [start("worker", self.env, "--threads", "2") for _ in range(3)]
        self.processes = [*workers, start("scheduler", self.env), start("scheduler", self.env)]

    def at(self, instant: datetime) -> None:
        """Move the clock to ``instant`` and wait until the scans it calls for are done."""
        self.clock.set(instant)
        for _ in range(2):  # the two schedulers' next ticks
            self.broker.enqueue(
                dramatiq.Message(queue_name="sla", actor_name="escalate_due_tickets", args=(), kwargs={}, options={})
            )
        # A job stays in the queue's hash of messages until a worker has run it and acknowledged it.
        wait_until(lambda: self.redis.hlen(f"{SLA_QUEUE}.msgs") == 0, self.processes, timeout=60)

    def stop(self) -> str:
        return stop(self.processes)


def test_two_schedulers_and_three_workers_fire_every_level_of_a_month_once(postgresql_url: str, tmp_path: Path) -> None:
    asyncio.run(reference_data_only(postgresql_url))
    asyncio.run(receive(postgresql_url, tmp_path / "uploads", TICKETS))
    month_later = RECEIVED + timedelta(days=35)
    expected = asyncio.run(planned(postgresql_url, month_later))
    assert len(expected) == TICKETS * 3 * 4  # transfer, acceptance and answer: a warning and three levels each
    redis_port = free_port()
    escalations = Escalations(postgresql_url, tmp_path, redis_port)
    escalations.clock.set(RECEIVED)
    began = time.monotonic()
    with throwaway_redis(redis_port):
        escalations.start()
        try:
            instant = RECEIVED
            while instant < month_later:  # a scan every half day of the month
                instant += timedelta(hours=12)
                escalations.at(instant)
        finally:
            outputs = escalations.stop()
    assert fired(postgresql_url) == expected, outputs
    notifications = sql(postgresql_url, "SELECT count(*) FROM notification WHERE kind LIKE 'sla_%'")
    assert notifications[0][0] == len(expected)
    assert sum("escalations_fired" in log for log in outputs.split("worker: ")[1:]) >= 1, outputs
    assert time.monotonic() - began < 120


def test_the_clock_jumping_an_hour_forward_and_back_neither_repeats_nor_loses_an_escalation(
    postgresql_url: str, tmp_path: Path
) -> None:
    asyncio.run(reference_data_only(postgresql_url))
    asyncio.run(receive(postgresql_url, tmp_path / "uploads", TICKETS))
    warning_at = vn(2026, 3, 4, 10)  # the answer's warning (75 % of its working time)
    before, later = warning_at - timedelta(minutes=30), vn(2026, 3, 20, 12)
    expected = asyncio.run(planned(postgresql_url, later))
    redis_port = free_port()
    escalations = Escalations(postgresql_url, tmp_path, redis_port)
    escalations.clock.set(before)
    with throwaway_redis(redis_port):
        escalations.start()
        try:
            escalations.at(before)  # the acceptance and transfer ladders, caught up
            caught_up = fired(postgresql_url)
            assert not any(clock == "answer" for _, clock, _ in caught_up)
            escalations.at(before + timedelta(hours=1))  # the machine's clock jumps an hour ahead
            ahead = fired(postgresql_url)
            assert ahead - caught_up == Counter({(r, "answer", 0): 1 for r, _, _ in caught_up})
            escalations.at(before)  # and back
            escalations.at(before + timedelta(minutes=40))  # past the warning a second time
            assert fired(postgresql_url) == ahead
            escalations.at(later)  # nothing that fell due during or after the jump is lost
        finally:
            outputs = escalations.stop()
    assert fired(postgresql_url) == expected, outputs
    assert set(fired(postgresql_url).values()) == {1}
