"""Timings the benchmarks share: percentiles of a list of milliseconds, and a timed GET through the app."""

import statistics
import time
from dataclasses import dataclass
from typing import Any

from litestar.testing import AsyncTestClient


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


async def timed_get(client: AsyncTestClient[Any], path: str) -> float:
    """GET ``path`` through the app in-process; the milliseconds it took (it must answer 200)."""
    started = time.perf_counter()
    response = await client.get(path)
    ms = 1000 * (time.perf_counter() - started)
    assert response.status_code == 200, (path, response.status_code)
    return ms
