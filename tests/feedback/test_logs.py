"""What the production log says about a failure, read from a real `caunoi run` process."""

import asyncio
import json
import os
import secrets
import sqlite3
from pathlib import Path

import httpx

from feedback import migrations
from tests.conftest import free_port
from tests.factories import csrf_of, question_fields
from tests.feedback.test_delivery_faults import stop
from tests.feedback.test_production_processes import _wait_ready, start
from tests.feedback.test_redis_outages import log_in, reference_data_and_an_officer


def ask(browser: httpx.Client, **fields: str) -> httpx.Response:
    form = browser.get("/gui-cau-hoi")
    typed = {k: str(v) for k, v in question_fields(**fields).items()}
    return browser.post("/gui-cau-hoi", data={**typed, "_csrf_token": csrf_of(form.text)})


def test_a_500_is_logged_with_its_traceback_and_without_cookies_tokens_or_citizens_data(tmp_path: Path) -> None:
    database_file = tmp_path / "caunoi.sqlite3"
    database_url = f"sqlite+aiosqlite:///{database_file}"
    migrations.upgrade(database_url)
    asyncio.run(reference_data_and_an_officer(database_url))
    port, secret_key = free_port(), secrets.token_hex(32)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {
        "CAUNOI_ENVIRONMENT": "production",
        "CAUNOI_SECRET_KEY": secret_key,
        "CAUNOI_DATABASE_URL": database_url,
        "CAUNOI_DATA_DIR": str(tmp_path),
        "CAUNOI_PORT": str(port),
    }
    web = start("run", env)
    browser = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, follow_redirects=True)
    try:
        _wait_ready(f"http://127.0.0.1:{port}/readyz", web)
        assert log_in(browser).url.path == "/can-bo/hop-thu"  # a staff member who also asks, with their cookies
        asked = ask(browser)
        tracking_token = asked.url.params["token"]  # the private link was followed
        with sqlite3.connect(database_file) as database:  # the database starts refusing new questions
            database.execute(
                "CREATE TRIGGER full_disk BEFORE INSERT ON ticket BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        failed = ask(
            browser, email="tran.van.binh@example.com", phone="0987 654 321", question="Câu hỏi riêng tư của tôi"
        )
        assert failed.status_code == 500
    finally:
        output = stop([web])

    [line] = [line for line in output.splitlines() if '"unhandled_error"' in line]
    event = json.loads(line)
    frames = [frame for exception in event["exception"] for frame in exception["frames"]]
    assert "ask_submit" in {frame["name"] for frame in frames}  # the traceback is there, frame by frame
    assert "disk full" in " ".join(exception["exc_value"] for exception in event["exception"])
    assert not [frame for frame in frames if "locals" in frame]
    cookies = [browser.cookies["session"], browser.cookies["csrftoken"]]
    citizens = ["tran.van.binh@example.com", "0987 654 321", "+84987654321", "Câu hỏi riêng tư của tôi"]
    for secret in [*cookies, secret_key, tracking_token, *citizens, "hong.nguyen@example.com", "+84912345678"]:
        assert secret not in output, secret
