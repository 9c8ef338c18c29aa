"""How long ``GET /healthz`` takes while 20 staff logins arrive at once.

argon2 costs tens of milliseconds of CPU per password by design. Checked on the event loop,
a burst of logins would hold every other request behind it; checked in a worker thread
(``feedback.accounts``), the loop keeps answering.

What it does: migrates an SQLite database in a temporary folder, starts ``caunoi run``
(embedded mode) on a free port, times 50 ``/healthz`` alone, then 3 bursts of 20 concurrent
logins (unknown usernames, so that no account locks; each costs one argon2 check, as a real
account would) while ``/healthz`` is asked every 50 ms, and prints both sets of figures.

Run it with ``make bench-login`` or ``.venv/bin/python bench/login_burst.py``.
"""

import asyncio
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from timings import Figures

CAUNOI = Path(sys.executable).with_name("caunoi")
LOGINS = 20
BURSTS = 3
CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def healthz_ms(client: httpx.AsyncClient) -> float:
    started = time.perf_counter()
    response = await client.get("/healthz")
    response.raise_for_status()
    return 1000 * (time.perf_counter() - started)


async def burst(client: httpx.AsyncClient, number: int) -> tuple[list[float], float]:
    """``LOGINS`` logins at once; the /healthz timings taken meanwhile, and how long the burst lasted."""
    page = await client.get("/can-bo/dang-nhap")
    token = CSRF_FIELD.search(page.text).group(1)
    started = time.perf_counter()
    logins = asyncio.gather(
        *(
            client.post(
                "/can-bo/dang-nhap",
                data={"username": f"bench-{number}-{n}", "password": "not the password", "_csrf_token": token},
            )
            for n in range(LOGINS)
        )
    )
    timings: list[float] = []
    while not logins.done():
        timings.append(await healthz_ms(client))
        await asyncio.sleep(0.05)  # a probe's pace, not a flood competing with the logins
    answers = await logins
    assert {answer.status_code for answer in answers} == {422}, [answer.status_code for answer in answers]
    return timings, 1000 * (time.perf_counter() - started)


async def measure(base_url: str) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        alone = []
        for _ in range(50):
            alone.append(await healthz_ms(client))
            await asyncio.sleep(0.05)
        during: list[float] = []
        lasted: list[float] = []
        for number in range(BURSTS):
            timings, ms = await burst(client, number)
            during += timings
            lasted.append(ms)
    print(f"/healthz alone:                       {Figures(alone).line()}")
    print(f"/healthz during {LOGINS} concurrent logins: {Figures(during).line()}")
    print(f"each burst of {LOGINS} logins took:         {Figures(lasted).line()}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="caunoi-login-bench-") as folder:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")} | {
            "CAUNOI_DATA_DIR": folder,
            "CAUNOI_PORT": str(port),
        }
        subprocess.run([str(CAUNOI), "db", "upgrade"], env=env, check=True, capture_output=True)
        server = subprocess.Popen([str(CAUNOI), "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base_url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{base_url}/readyz").raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            asyncio.run(measure(base_url))
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
