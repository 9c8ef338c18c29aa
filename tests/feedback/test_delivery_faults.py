"""Delivery surviving faults, with real processes: PostgreSQL, a throw-away Redis, an SMTP server we control."""

import asyncio
import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from feedback.demo import load_reference_data
from notify.db import Database
from tests.conftest import empty_tables, free_port, unavailable
from tests.factories import question_fields
from tests.feedback.test_production_processes import CAUNOI, _wait_ready
from tests.notify.smtp_server import smtp_server


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
    redis_port, web_port = free_port(), free_port()
    with smtp_server() as (inbox, reach):
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {
            "CAUNOI_DATABASE_URL": postgresql_url,
            "CAUNOI_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CAUNOI_DATA_DIR": str(tmp_path),
            "CAUNOI_PORT": str(web_port),
            "CAUNOI_SMTP_HOST": reach["smtp_host"],
            "CAUNOI_SMTP_PORT": str(reach["smtp_port"]),
            "CAUNOI_SMTP_SECURITY": "none",
            "CAUNOI_SMTP_USERNAME": reach["smtp_username"],
            "CAUNOI_SMTP_PASSWORD": reach["smtp_password"],
            "CAUNOI_MAIL_FROM": "Cổng hỏi đáp <hoidap@thanhhoa.example.gov.vn>",
        }
        asyncio.run(reference_data_only(postgresql_url))
        processes: list[subprocess.Popen] = []
        try:
            with throwaway_redis(redis_port):
                web = subprocess.Popen([str(CAUNOI), "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                processes.append(web)
                _wait_ready(f"http://127.0.0.1:{web_port}/healthz", web)
            # Redis is down: citizens still ask, and every question is kept.
            people = [f"nguoi.hoi.{n}@example.com" for n in range(3)]
            assert [ask(f"http://127.0.0.1:{web_port}", email) for email in people] == [201, 201, 201]
            with throwaway_redis(redis_port):  # back, empty: the jobs asked for while it was down are gone
                for command in ("worker", "scheduler"):
                    processes.append(
                        subprocess.Popen(
                            [str(CAUNOI), command], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
                        )
                    )
                deadline = time.monotonic() + 90
                while time.monotonic() < deadline and not all(inbox.by_recipient(p) for p in people):
                    assert all(p.poll() is None for p in processes), "a process died"
                    time.sleep(0.5)
                time.sleep(2)  # anything sent twice would have arrived by now
        finally:
            for process in processes:
                process.terminate()
            outputs = [process.communicate(timeout=30)[0].decode(errors="replace") for process in processes]
    for person in people:
        [receipt] = inbox.by_recipient(person)  # exactly once
        assert receipt["Subject"].startswith("Đã tiếp nhận câu hỏi"), "\n".join(outputs)
    ids = [message["Message-ID"] for _, message in inbox.messages]
    assert len(ids) == len(set(ids))
