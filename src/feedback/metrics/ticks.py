"""The scheduler's heartbeat: when it last sent its due jobs without error.

With Redis (production) the tick is a key every process reads: the web processes' ``/readyz``
and ``/metrics`` see the ``caunoi scheduler`` processes' ticks. In embedded mode the scheduler
is a thread of the web process, so the tick is kept in memory.
"""

import time

import redis
import redis.asyncio as aioredis

TICK_KEY = "caunoi:scheduler:last_tick"

_local_tick: float | None = None


def record_tick(client: redis.Redis | None, at: float | None = None) -> None:
    """Store the time (Unix seconds) of a successful scheduler tick, in Redis too when there is one."""
    global _local_tick  # noqa: PLW0603  (embedded mode: the web process's own scheduler thread)
    at = time.time() if at is None else at
    _local_tick = at
    if client is not None:
        client.set(TICK_KEY, repr(at))


def local_tick() -> float | None:
    """The last tick of this process's own scheduler."""
    return _local_tick


async def last_tick(client: aioredis.Redis | None) -> float | None:
    """The latest tick any scheduler recorded, or None if none did."""
    if client is None:
        return _local_tick
    value = await client.get(TICK_KEY)
    return float(value) if value is not None else None
