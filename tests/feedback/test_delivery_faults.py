"""Delivery surviving faults, with real processes: PostgreSQL, a throw-away Redis, an SMTP server we control.

Each test runs ``caunoi worker`` and ``caunoi scheduler`` (and ``caunoi run`` where citizens ask
through the API) against the shared PostgreSQL and a ``redis-server`` of its own. Two waits of
the real system are skipped by changing the rows as time would: a retry's ``next_attempt_at``
(30 s after a failure) and a dead worker's ``lease_until`` (2 min). A scheduler sweeps at once
when it starts, so a test that needs a sweep starts one rather than wait for the minute.
"""

import asyncio
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from feedback.demo import load_reference_data
from notify.db import Database
from notify.delivery import LANES
from tests.conftest import empty_tables, free_port, unavailable
from tests.factories import question_fields, submit
from tests.feedback.test_production_processes import _wait_ready, start
from tests.notify.smtp_server import PASSWORD, USERNAME, Inbox, smtp_server


@contextmanager
def throwaway_redis(port: int) -> Iterator[subprocess.Popen]:
    """A redis-server of our own on ``port``, which the test may stop without touching the shared one."""
    if shutil.which("redis-server") is None:
        unavailable("redis-server")
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, check=False).stdout != b"PONG\n":
        assert time.monotonic() < deadline, "the throw-away Redis did not start"
        time.sleep(0.1)
    try:
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


async def reference_data_only(url: str) -> None:
    database = Database(url)
    await empty_tables(database)
    async with database.transaction() as session:
        await load_reference_data(session)
    await database.dispose()


def production_env(database_url: str, data_dir: Path, *, redis_port: int, smtp_port: int) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {
        "CAUNOI_DATABASE_URL": database_url,
        "CAUNOI_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CAUNOI_DATA_DIR": str(data_dir),
        "CAUNOI_SMTP_HOST": "127.0.0.1",
        "CAUNOI_SMTP_PORT": str(smtp_port),
        "CAUNOI_SMTP_SECURITY": "none",
        "CAUNOI_SMTP_USERNAME": USERNAME,
        "CAUNOI_SMTP_PASSWORD": PASSWORD,
        "CAUNOI_MAIL_FROM": "Cổng hỏi đáp <hoidap@thanhhoa.example.gov.vn>",
    }


def stop(processes: list[subprocess.Popen]) -> str:
    """Stop them all; what they said."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    return "\n".join(process.communicate(timeout=30)[0].decode(errors="replace") for process in processes)


def wait_until(condition: Callable[[], bool], processes: list[subprocess.Popen], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert all(p.poll() is None for p in processes), "a process died:\n" + stop(processes)
        assert time.monotonic() < deadline, "timed out:\n" + stop(processes)
        time.sleep(0.2)


async def citizens_ask(url: str, upload_dir: Path, count: int) -> list[str]:
    """``count`` questions, each by a citizen with an email and no phone; their addresses."""
    database = Database(url)
    await empty_tables(database)
    async with database.transaction() as session:
        await load_reference_data(session)
    people = [f"nguoi.hoi.{n}@example.com" for n in range(count)]
    for person in people:
        await submit(database, upload_dir, email=person, phone=None)
    await database.dispose()
    return people


def sql(url: str, statement: str) -> list[sa.Row]:
    async def run() -> list[sa.Row]:
        database = Database(url)
        try:
            async with database.transaction() as session:
                result = await session.execute(sa.text(statement))
                return list(result.all()) if result.returns_rows else []
        finally:
            await database.dispose()

    return asyncio.run(run())


def receipts(url: str) -> list[sa.Row]:
    """The citizens' email deliveries: status, attempts, error."""
    return sql(url, "SELECT status, attempts, error FROM delivery WHERE channel = 'email' ORDER BY id")


def ask(base_url: str, email: str) -> int:
    fields = {k: v for k, v in question_fields(email=email, phone=None).items() if k != "area"}
    request = urllib.request.Request(
        f"{base_url}/api/v1/questions",
        data=json.dumps(fields).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_questions_asked_while_redis_is_down_are_kept_and_answered_by_mail_once_it_returns(
    postgresql_url: str, tmp_path: Path
) -> None:
    redis_port, web_port, smtp_port = free_port(), free_port(), free_port()
    env = production_env(postgresql_url, tmp_path, redis_port=redis_port, smtp_port=smtp_port)
    env["CAUNOI_PORT"] = str(web_port)
    asyncio.run(reference_data_only(postgresql_url))
    with smtp_server(port=smtp_port) as (inbox, _):
        processes: list[subprocess.Popen] = []
        try:
            with throwaway_redis(redis_port):
                processes.append(web := start("run", env))
                _wait_ready(f"http://127.0.0.1:{web_port}/healthz", web)
            # Redis is down: citizens still ask, and every question is kept.
            people = [f"nguoi.hoi.{n}@example.com" for n in range(3)]
            assert [ask(f"http://127.0.0.1:{web_port}", email) for email in people] == [201, 201, 201]
            with throwaway_redis(redis_port):  # back, empty: the jobs asked for while it was down are gone
                processes += [start("worker", env), start("scheduler", env)]
                wait_until(lambda: all(inbox.by_recipient(p) for p in people), processes, timeout=90)
                time.sleep(2)  # anything sent twice would have arrived by now
        finally:
            outputs = stop(processes)
    for person in people:
        [receipt] = inbox.by_recipient(person)  # exactly once
        assert receipt["Subject"].startswith("Đã tiếp nhận câu hỏi"), outputs
    ids = [message["Message-ID"] for _, message in inbox.messages]
    assert len(ids) == len(set(ids))


def test_mail_waits_out_an_smtp_server_that_is_down_and_then_arrives_once(postgresql_url: str, tmp_path: Path) -> None:
    redis_port, smtp_port = free_port(), free_port()
    people = asyncio.run(citizens_ask(postgresql_url, tmp_path / "uploads", 5))
    env = production_env(postgresql_url, tmp_path, redis_port=redis_port, smtp_port=smtp_port)
    with throwaway_redis(redis_port):
        processes = [start("worker", env), start("scheduler", env)]
        try:
            # Nothing listens on the SMTP port: each receipt is tried once and kept for a retry.
            tried_once = [("pending", 1)] * len(people)  # claimed, refused, and the outcome recorded
            wait_until(lambda: [(r.status, r.attempts) for r in receipts(postgresql_url)] == tried_once, processes)
            tried = receipts(postgresql_url)
            assert {r.status for r in tried} == {"pending"}
            assert all("Connect" in r.error or "refused" in r.error for r in tried), tried
            with smtp_server(port=smtp_port) as (inbox, _):
                sql(postgresql_url, "UPDATE delivery SET next_attempt_at = now()")  # the 30 s to the retry
                processes.append(start("scheduler", env))
                wait_until(lambda: all(inbox.by_recipient(p) for p in people), processes)
                time.sleep(2)  # anything sent twice would have arrived by now
        finally:
            outputs = stop(processes)
    for person in people:
        [receipt] = inbox.by_recipient(person)
        assert receipt["Subject"].startswith("Đã tiếp nhận câu hỏi"), outputs
    assert [(r.status, r.attempts, r.error) for r in receipts(postgresql_url)] == [("sent", 2, None)] * len(people)


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_what_was_in_flight(
    postgresql_url: str, tmp_path: Path
) -> None:
    redis_port, smtp_port = free_port(), free_port()
    people = asyncio.run(citizens_ask(postgresql_url, tmp_path / "uploads", 40))
    env = production_env(postgresql_url, tmp_path, redis_port=redis_port, smtp_port=smtp_port)
    inbox = Inbox()
    inbox.delay_s = 0.1  # a slow server: the batch of 40 takes about a second over four connections
    with smtp_server(port=smtp_port, inbox=inbox), throwaway_redis(redis_port):
        doomed = start("worker", env)
        processes = [start("scheduler", env)]
        try:
            wait_until(lambda: len(inbox.messages) >= 8, [doomed, *processes])
            os.killpg(doomed.pid, signal.SIGKILL)
            doomed.wait(timeout=10)
            claimed = [r for r in receipts(postgresql_url) if r.status == "sending"]
            assert claimed, "the worker was killed after its batch, not in the middle of it"
            assert len(inbox.messages) < len(people)
            sql(postgresql_url, "UPDATE delivery SET lease_until = now() WHERE status = 'sending'")  # its 2 minutes
            processes += [start("worker", env), start("scheduler", env)]
            wait_until(lambda: all(inbox.by_recipient(p) for p in people), processes)
            time.sleep(2)
        finally:
            outputs = stop(processes)
            doomed.communicate(timeout=10)
    arrived = Counter(message["Message-ID"] for _, message in inbox.messages)
    assert len(arrived) == len(people), outputs
    repeated = sum(n - 1 for n in arrived.values())
    # In flight when the worker died: one message per connection, and the outcomes being committed.
    assert repeated <= 2 * LANES, arrived
    assert {r.status for r in receipts(postgresql_url)} == {"sent"}


def test_two_workers_on_one_queue_share_the_work_and_send_nothing_twice(postgresql_url: str, tmp_path: Path) -> None:
    redis_port, smtp_port = free_port(), free_port()
    people = asyncio.run(citizens_ask(postgresql_url, tmp_path / "uploads", 150))
    env = production_env(postgresql_url, tmp_path, redis_port=redis_port, smtp_port=smtp_port)
    inbox = Inbox()
    inbox.delay_s = 0.1  # a batch of 100 lasts 2.5 s: long enough for the other worker to see the next job
    with smtp_server(port=smtp_port, inbox=inbox), throwaway_redis(redis_port):
        # One job at a time each, so that one worker cannot take every job itself.
        workers = [start("worker", env, "--threads", "1") for _ in range(2)]
        processes = [*workers, start("scheduler", env)]
        try:
            wait_until(lambda: len(inbox.messages) >= len(people), processes)
            time.sleep(2)
        finally:
            outputs = stop(processes)
    arrived = Counter(message["Message-ID"] for _, message in inbox.messages)
    assert len(arrived) == len(people) and set(arrived.values()) == {1}, arrived.most_common(3)
    worker_logs = outputs.split("worker: ")[1:]
    assert sum("notifications_delivered" in log for log in worker_logs) == 2, outputs
    assert {r.status for r in receipts(postgresql_url)} == {"sent"}
