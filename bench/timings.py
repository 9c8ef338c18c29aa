"""What the benchmarks share: percentiles of a list of milliseconds, signing in, and a timed GET through the app."""

import re
import statistics
import time
from dataclasses import dataclass
from typing import Any

import pyotp
from litestar.testing import AsyncTestClient

SECOND_STEP = "/can-bo/dang-nhap/ma-xac-thuc"
_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Figures:
    """Timings in milliseconds."""

    ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.ms, n=20, method="inclusive")[-1] if len(self.ms) > 1 else self.ms[0]

    @property
    def max(self) -> float:
        return max(self.ms)

    def line(self) -> str:
        return f"p50 {self.p50:.1f} ms, p95 {self.p95:.1f} ms, max {self.max:.1f} ms ({len(self.ms)} runs)"


async def sign_in(
    client: AsyncTestClient[Any], username: str, password: str, *, totp_secret: str | None = None
) -> None:
    """Sign in as a member of staff would, with the second factor when the account has one (admins, leaders)."""
    page = await client.get("/can-bo/dang-nhap")
    fields = {"username": username, "password": password, "_csrf_token": _csrf(page.text), "next": "/can-bo"}
    response = await client.post("/can-bo/dang-nhap", data=fields)
    if response.url.path == SECOND_STEP:
        assert totp_secret is not None, f"{username} needs a second factor"
        code = pyotp.TOTP(totp_secret).now()
        response = await client.post(SECOND_STEP, data={"code": code, "_csrf_token": _csrf(response.text)})
    assert response.status_code == 200 and response.url.path.startswith("/can-bo/"), (username, response.url)
    assert not response.url.path.startswith("/can-bo/dang-nhap"), (username, response.url)


def _csrf(html: str) -> str:
    found = _CSRF.search(html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


async def timed_get(client: AsyncTestClient[Any], path: str) -> float:
    """GET ``path`` through the app in-process; the milliseconds it took (it must answer 200 itself, not redirect)."""
    started = time.perf_counter()
    response = await client.get(path, follow_redirects=False)
    ms = 1000 * (time.perf_counter() - started)
    assert response.status_code == 200, (path, response.status_code)
    return ms
