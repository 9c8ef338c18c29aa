"""Where rate limits, staff sessions and failed logins are kept: Redis when there is one, else local files.

The rate limiter's store fails open: with Redis down, a citizen's question is still taken (the
ticket and its notifications are in the database; the job queue catches up when Redis is
back) rather than refused because a counter could not be read. So does the session store: a
staff member's cookie then reads as signed out, and the public pages they visit still work.
"""

import asyncio
from datetime import timedelta
from os import PathLike
from typing import Any

import structlog
from litestar.stores.base import Store
from litestar.stores.file import FileStore
from litestar.stores.redis import RedisStore
from redis.exceptions import RedisError

from feedback.settings import Settings

log = structlog.get_logger()


class FailOpenStore(Store):
    """Another store, through which a failing backend reads as empty and swallows writes."""

    def __init__(self, inner: Store, name: str) -> None:
        self.inner, self.name = inner, name

    def _failed(self, error: Exception) -> None:
        log.warning("store_unavailable", store=self.name, error=str(error))

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        try:
            return await self.inner.get(key, renew_for)
        except (RedisError, OSError) as error:
            self._failed(error)
            return None

    async def set(self, key: str, value: str | bytes, expires_in: int | timedelta | None = None) -> None:
        try:
            await self.inner.set(key, value, expires_in)
        except (RedisError, OSError) as error:
            self._failed(error)

    async def delete(self, key: str) -> None:
        try:
            await self.inner.delete(key)
        except (RedisError, OSError) as error:
            self._failed(error)

    async def delete_all(self) -> None:
        await self.inner.delete_all()

    async def exists(self, key: str) -> bool:
        try:
            return await self.inner.exists(key)
        except (RedisError, OSError) as error:
            self._failed(error)
            return False

    async def expires_in(self, key: str) -> int | None:
        try:
            return await self.inner.expires_in(key)
        except (RedisError, OSError) as error:
            self._failed(error)
            return None


class RedisCounterStore(RedisStore):
    """Redis, counting with INCR in a script: atomic across every process that shares it
    (a :class:`feedback.accounts.AttemptCounter`)."""

    __slots__ = ("_count_script",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._count_script = self._redis.register_script(
            b"""
            local count = redis.call('INCR', KEYS[1])
            if count <= tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
            return count
            """
        )

    async def count_attempt(self, key: str, *, limit: int, window: timedelta) -> int:
        seconds = int(window.total_seconds())
        return int(await self._count_script(keys=[self._make_key(key)], args=[limit, seconds]))


class FileCounterStore(FileStore):
    """Local files, counting under a lock: atomic in the one process of embedded mode."""

    def __init__(self, path: PathLike[str], *, create_directories: bool = False) -> None:
        super().__init__(path, create_directories=create_directories)
        self._counting = asyncio.Lock()

    async def count_attempt(self, key: str, *, limit: int, window: timedelta) -> int:
        async with self._counting:
            count = int(await self.get(key) or 0) + 1
            if count <= limit:
                await self.set(key, str(count), expires_in=window)
            return count


def stores(settings: Settings) -> dict[str, Store]:
    """Rate limits, staff sessions and failed logins: in Redis when there is one (shared by every
    process), else on the local disk under the data directory (embedded mode, one process)."""
    if url := settings.notify.redis_url:
        found: dict[str, Store] = {
            name: FailOpenStore(RedisStore.with_client(url=url, namespace=f"caunoi_{name}"), name)
            for name in ("rate_limit", "sessions")
        }
        found["login_failures"] = RedisCounterStore.with_client(url=url, namespace="caunoi_login_failures")
        return found
    state = settings.data_dir / "state"
    return {
        "sessions": FileStore(state / "sessions", create_directories=True),
        "login_failures": FileCounterStore(state / "login_failures", create_directories=True),
    }
