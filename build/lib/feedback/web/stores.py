"""Where rate limits, staff sessions and failed logins are kept: Redis when there is one, else local files.

The rate limiter's stores fail open: with Redis down, a citizen's question is still taken (the
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
    """Redis, counting with INCR in scripts: atomic across every process that shares it."""

    __slots__ = ("_count_script", "_uncount_script", "_window_script")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._count_script = self._redis.register_script(
            b"""
            local count = redis.call('INCR', KEYS[1])
            if count <= tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
            return count
            """
        )
        self._window_script = self._redis.register_script(
            b"""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('TTL', KEYS[1])}
            """
        )
        self._uncount_script = self._redis.register_script(
            b"if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end"
        )

    async def count_attempt(self, key: str, *, limit: int, window: timedelta) -> int:
        """An :class:`feedback.accounts.AttemptCounter`."""
        seconds = int(window.total_seconds())
        return int(await self._count_script(keys=[self._make_key(key)], args=[limit, seconds]))

    async def count_in_window(self, key: str, *, window: timedelta) -> tuple[int, int]:
        """A :class:`feedback.web.limits.WindowCounter`."""
        count, ttl = await self._window_script(keys=[self._make_key(key)], args=[int(window.total_seconds())])
        return int(count), max(int(ttl), 0)

    async def uncount(self, key: str) -> None:
        await self._uncount_script(keys=[self._make_key(key)])


class FileCounterStore(FileStore):
    """Local files, counting under a lock: atomic in the one process of embedded mode."""

    def __init__(self, path: PathLike[str], *, create_directories: bool = False) -> None:
        super().__init__(path, create_directories=create_directories)
        self._counting = asyncio.Lock()

    async def count_attempt(self, key: str, *, limit: int, window: timedelta) -> int:
        """An :class:`feedback.accounts.AttemptCounter`."""
        async with self._counting:
            count = int(await self.get(key) or 0) + 1
            if count <= limit:
                await self.set(key, str(count), expires_in=window)
            return count

    async def count_in_window(self, key: str, *, window: timedelta) -> tuple[int, int]:
        """A :class:`feedback.web.limits.WindowCounter`."""
        async with self._counting:
            stored, left = await self.get(key), await self.expires_in(key)
            if stored is None or not left:
                count, left = 1, int(window.total_seconds())
            else:
                count = int(stored) + 1
            await self.set(key, str(count), expires_in=left)
            return count, left

    async def uncount(self, key: str) -> None:
        async with self._counting:
            stored, left = await self.get(key), await self.expires_in(key)
            if stored is not None and left:
                await self.set(key, str(int(stored) - 1), expires_in=left)


class FailOpenCounterStore(FailOpenStore):
    """A Redis counter through which a failing Redis counts nothing: a question is taken, not
    refused, while the counter cannot be read (see the module's docstring)."""

    inner: RedisCounterStore

    async def count_in_window(self, key: str, *, window: timedelta) -> tuple[int, int]:
        try:
            return await self.inner.count_in_window(key, window=window)
        except (RedisError, OSError) as error:
            self._failed(error)
            return 0, 0

    async def uncount(self, key: str) -> None:
        try:
            await self.inner.uncount(key)
        except (RedisError, OSError) as error:
            self._failed(error)


def stores(settings: Settings) -> dict[str, Store]:
    """Rate limits, staff sessions and failed logins: in Redis when there is one (shared by every
    process), else on the local disk under the data directory (embedded mode, one process)."""
    if url := settings.notify.redis_url:
        found: dict[str, Store] = {
            name: FailOpenStore(RedisStore.with_client(url=url, namespace=f"caunoi_{name}"), name)
            for name in ("rate_limit", "sessions")
        }
        found["login_failures"] = RedisCounterStore.with_client(url=url, namespace="caunoi_login_failures")
        submissions = RedisCounterStore.with_client(url=url, namespace="caunoi_submissions")
        found["submissions"] = FailOpenCounterStore(submissions, "submissions")
        return found
    state = settings.data_dir / "state"
    return {
        "sessions": FileStore(state / "sessions", create_directories=True),
        **{name: FileCounterStore(state / name, create_directories=True) for name in ("login_failures", "submissions")},
    }
