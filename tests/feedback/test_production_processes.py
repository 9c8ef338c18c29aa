"""Production mode for real: `caunoi scheduler` sends the periodic jobs through Redis to `caunoi worker`."""

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from feedback import migrations
from notify.db import Database
from tests.conftest import POSTGRES_URL, free_port, unavailable
from tests.factories import png_bytes

REDIS_DB_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied first
CAUNOI = Path(sys.executable).parent / "caunoi"


@pytest.fixture
def redis_db() -> str:
    try:
        redis.Redis.from_url(REDIS_DB_URL).flushdb()
    except redis.ConnectionError as exc:
        unavailable(f"Redis ({exc})")
    return REDIS_DB_URL


def start(command: str, env: dict[str, str], *options: str) -> subprocess.Popen:
    """``caunoi <command>`` in a process group of its own (so that it can be stopped or killed whole)."""
    return subprocess.Popen(
        [str(CAUNOI), command, *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_scheduler_and_worker_processes_do_the_sweep_over_redis(redis_db: str, tmp_path: Path) -> None:
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'prod.sqlite3'}"
    migrations.upgrade(database_url)
    orphan = tmp_path / "uploads" / f"{datetime.now(UTC):%Y/%m}" / "left-behind.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(png_bytes())
    two_hours_ago = time.time() - 7200
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")}
    env |= {"CAUNOI_REDIS_URL": redis_db, "CAUNOI_DATABASE_URL": database_url, "CAUNOI_DATA_DIR": str(tmp_path)}

    processes = [start("worker", env), start("scheduler", env)]
    try:
        deadline = time.monotonic() + 30
        while orphan.exists() and time.monotonic() < deadline:
            assert all(p.poll() is None for p in processes), "a process died"
            time.sleep(0.2)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        outputs = [process.communicate(timeout=20)[0].decode() for process in processes]
    assert not orphan.exists(), "\n".join(outputs)
    assert "orphan_uploads_swept" in outputs[0]


def test_worker_refuses_to_start_without_redis(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {"CAUNOI_DATA_DIR": str(tmp_path)}
    result = subprocess.run([str(CAUNOI), "worker"], check=False, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "CAUNOI_REDIS_URL is not set" in result.stderr


def _web_processes(pid: int) -> list[int]:
    """The server's child processes that serve requests (not multiprocessing's resource tracker)."""
    children = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return [child for child in children if b"resource_tracker" not in Path(f"/proc/{child}/cmdline").read_bytes()]


def _wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0].decode()
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server never became ready")


def test_several_web_processes_serve_stop_together_and_fall_together(redis_db: str) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")}
    env |= {"CAUNOI_REDIS_URL": redis_db, "CAUNOI_DATABASE_URL": POSTGRES_URL, "CAUNOI_PORT": str(port)}
    try:
        asyncio.run(Database(POSTGRES_URL).ping())
    except OSError as exc:
        unavailable(f"PostgreSQL ({exc})")

    server = subprocess.Popen(
        [str(CAUNOI), "run", "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}/readyz", server)
        assert len(_web_processes(server.pid)) == 2
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
    finally:
        server.kill()

    server = subprocess.Popen(
        [str(CAUNOI), "run", "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}/readyz", server)
        os.kill(_web_processes(server.pid)[0], signal.SIGKILL)
        assert server.wait(timeout=20) == 1  # the process manager restarts the whole service
    finally:
        server.kill()
