"""Redis down, with real processes: the public portal goes on serving citizens.

``caunoi run`` runs in production mode against the shared PostgreSQL and a ``redis-server`` of
the test's own, which the test stops.
"""

import asyncio
from pathlib import Path

import httpx
import redis

from notify.db import Database
from tests.conftest import free_port
from tests.factories import add_staff, csrf_of, question_fields
from tests.feedback.test_delivery_faults import production_env, reference_data_only, sql, stop, throwaway_redis
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
