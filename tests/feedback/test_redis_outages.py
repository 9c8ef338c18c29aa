"""Redis down, with real processes: the public portal goes on serving citizens, and the
scheduler waits for Redis and then does what fell due meanwhile.

``caunoi run``, ``caunoi worker`` and ``caunoi scheduler`` run in production mode against the
shared PostgreSQL and a ``redis-server`` of the test's own, which the test stops.
"""

import asyncio
import os
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import httpx
import redis

from feedback.escalations import preview
from notify.db import Database, utcnow
from tests.conftest import free_port
from tests.factories import add_staff, csrf_of, question_fields, submit
from tests.feedback.test_delivery_faults import (
    production_env,
    reference_data_only,
    sql,
    stop,
    throwaway_redis,
    wait_until,
)
from tests.feedback.test_production_processes import _wait_ready, start

PUBLIC_PAGES = ["/", "/gui-cau-hoi", "/hoi-dap", "/hoi-dap/feed.atom", "/thong-ke", "/can-bo/dang-nhap"]


async def reference_data_and_an_officer(url: str) -> None:
    await reference_data_only(url)
    database = Database(url)
    await add_staff(database, "xd.cv", "officer", "SXD")
    await database.dispose()


def log_in(browser: httpx.Client) -> httpx.Response:
    page = browser.get("/can-bo/dang-nhap")
    return browser.post(
        "/can-bo/dang-nhap",
        data={"username": "xd.cv", "password": "mat-khau-can-bo-2026", "_csrf_token": csrf_of(page.text)},
    )


def test_public_pages_and_the_ask_form_work_while_redis_is_down(postgresql_url: str, tmp_path: Path) -> None:
    redis_port, web_port = free_port(), free_port()
    env = production_env(postgresql_url, tmp_path, redis_port=redis_port, smtp_port=free_port())
    env["CAUNOI_PORT"] = str(web_port)
    base_url = f"http://127.0.0.1:{web_port}"
    asyncio.run(reference_data_and_an_officer(postgresql_url))
    processes = []
    staff = httpx.Client(base_url=base_url, timeout=30, follow_redirects=True)
    try:
        with throwaway_redis(redis_port):
            processes.append(web := start("run", env))
            _wait_ready(f"{base_url}/readyz", web)
            for path in PUBLIC_PAGES * 5:  # visitors without cookies, as feed readers and crawlers come
                visit = httpx.get(base_url + path, timeout=30)
                assert visit.status_code == 200, path
                assert "session" not in visit.cookies, path
            assert redis.Redis(port=redis_port).keys("*") == []  # nothing kept for anonymous visitors
            assert log_in(staff).url.path == "/can-bo/hop-thu"
            assert redis.Redis(port=redis_port).keys("caunoi_sessions*")  # a staff session is kept in Redis

        # Redis is down.
        citizen = httpx.Client(base_url=base_url, timeout=30, follow_redirects=True)
        for path in PUBLIC_PAGES:
            assert citizen.get(path).status_code == 200, path
            assert staff.get(path).status_code == 200, path  # the staff session cookie cannot be read: signed out
        form = citizen.get("/gui-cau-hoi")
        fields = {k: str(v) for k, v in question_fields(title="Hỏi khi Redis ngừng hoạt động").items()}
        sent = citizen.post("/gui-cau-hoi", data={**fields, "_csrf_token": csrf_of(form.text)})
        assert sent.status_code == 200 and "Hỏi khi Redis ngừng hoạt động" in sent.text
        assert sent.url.path.startswith("/cau-hoi/")
        assert staff.get("/can-bo/hop-thu").url.path == "/can-bo/dang-nhap"
    finally:
        outputs = stop(processes)
    [(reference,)] = sql(postgresql_url, "SELECT reference FROM ticket WHERE title = 'Hỏi khi Redis ngừng hoạt động'")
    assert sent.url.path == f"/cau-hoi/{reference}", outputs


async def questions_left_unhandled(url: str, upload_dir: Path, count: int) -> Counter[tuple[str, str, int]]:
    """``count`` questions asked 90 days ago that nobody took up: every step of their
    escalation ladders is due. The steps, as (reference, clock, level), each once."""
    database = Database(url)
    for _ in range(count):
        await submit(database, upload_dir, now=utcnow() - timedelta(days=90))
    async with database.transaction() as session:
        due = await preview(session, at=utcnow())
    await database.dispose()
    return Counter((step.reference, str(step.clock), step.level) for step in due)


def escalations(url: str) -> Counter[tuple[str, str, int]]:
    """The escalation steps fired, as (reference, clock, level), from the tickets' histories."""
    rows = sql(
        url,
        "SELECT t.reference, e.data->>'clock', (e.data->>'level')::int FROM ticket_event e"
        " JOIN ticket t ON t.id = e.ticket_id WHERE e.kind = 'ticket:escalated'",
    )
    return Counter((reference, clock, level) for reference, clock, level in rows)


def test_the_scheduler_outlives_a_redis_outage_and_escalations_due_meanwhile_fire_once(
    postgresql_url: str, tmp_path: Path
) -> None:
    redis_port = free_port()
    asyncio.run(reference_data_only(postgresql_url))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {
        "CAUNOI_DATABASE_URL": postgresql_url,
        "CAUNOI_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CAUNOI_DATA_DIR": str(tmp_path),
    }
    processes = []
    try:
        with throwaway_redis(redis_port):
            processes.append(start("worker", env))
            wait_until(lambda: redis.Redis(port=redis_port).exists("dramatiq:__heartbeats__"), processes)

        # Redis is down for 30 s: a scheduler starts (its first sends fail), and questions fall due.
        outage_began = time.monotonic()
        processes.append(start("scheduler", env))
        due = asyncio.run(questions_left_unhandled(postgresql_url, tmp_path / "uploads", 3))
        assert len({reference for reference, _, _ in due}) == 3 and set(due.values()) == {1}
        wait_until(lambda: time.monotonic() - outage_began > 30, processes)  # every process lives through it
        assert escalations(postgresql_url) == Counter()

        with throwaway_redis(redis_port):  # back, and empty
            wait_until(lambda: escalations(postgresql_url) == due, processes, timeout=90)
            processes.append(start("scheduler", env))  # sends a scan at once: nothing may fire twice
            time.sleep(5)
    finally:
        outputs = stop(processes)
    assert escalations(postgresql_url) == due, outputs
    [(notifications,)] = sql(
        postgresql_url, "SELECT count(*) FROM notification WHERE kind IN ('sla_warning', 'sla_escalation')"
    )
    assert notifications == due.total()
    assert "scheduler_broker_unavailable" in outputs and "scheduler_broker_back" in outputs
