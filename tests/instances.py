"""Real Cầu Nối instances on loopback, started the way the README tells a newcomer to.

``caunoi db upgrade``, ``caunoi demo load``, then ``caunoi run`` in embedded mode, in a data
directory of its own: its own SQLite file, its own in-process worker, no Redis and no CAUNOI_*
setting inherited from the shell. Browser tests drive one; tests of portals talking to each
other run several side by side.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import free_port

CAUNOI = Path(sys.executable).parent / "caunoi"
STARTUP_SECONDS = 30


@dataclass(frozen=True)
class Instance:
    url: str
    """Its base URL, ``http://127.0.0.1:{port}``."""
    database_url: str
    """Its SQLite database, for a test to look at what it stored."""


def environment(data_dir: Path, port: int, settings: dict[str, str]) -> dict[str, str]:
    # Nothing from the developer's or CI's own configuration: above all no CAUNOI_REDIS_URL or
    # CAUNOI_DATABASE_URL, which would take the server out of embedded SQLite mode.
    env = {name: value for name, value in os.environ.items() if not name.startswith("CAUNOI_")}
    env.update(CAUNOI_DATA_DIR=str(data_dir), CAUNOI_HOST="127.0.0.1", CAUNOI_PORT=str(port), PYTHONUNBUFFERED="1")
    env.update(settings)
    return env


def caunoi(*args: str, env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(
        [str(CAUNOI), *args], check=False, env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        pytest.fail(f"caunoi {' '.join(args)} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}")


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"caunoi run exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"caunoi run did not answer /healthz within {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


@contextmanager
def running_instance(
    data_dir: Path, *, prepare: Callable[[str], None] | None = None, port: int | None = None, **settings: str
) -> Iterator[Instance]:
    """An instance with the demo loaded in ``data_dir``, with ``CAUNOI_*`` ``settings``.

    ``prepare`` is given its database URL once the demo is loaded and before it serves (to
    register an app, say). ``port`` starts it again where it was (a peer coming back up).
    """
    if not CAUNOI.exists():
        pytest.fail(f"{CAUNOI} is missing: install the project with pip install -e '.[test]'")
    port = port or free_port()
    env = environment(data_dir, port, settings)
    caunoi("db", "upgrade", env=env, cwd=data_dir)
    caunoi("demo", "load", env=env, cwd=data_dir)
    database_url = f"sqlite+aiosqlite:///{data_dir / 'caunoi.sqlite3'}"
    if prepare is not None:
        prepare(database_url)
    log = data_dir / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(CAUNOI), "run"],
            env=env,
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so teardown stops it and nothing else
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server, log)
        yield Instance(url, database_url)
    finally:
        _stop(server)
