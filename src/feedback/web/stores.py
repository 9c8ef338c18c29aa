"""Where rate limits, staff sessions and failed logins are kept: Redis when there is one, else local files.

The rate limiter's store fails open: with Redis down, a citizen's question is still taken (the
ticket and its notifications are in the database; the job queue catches up when Redis is
back) rather than refused because a counter could not be read. So does the session store: a
staff member's cookie then reads as signed out, and the public pages they visit still work.
"""

from datetime import timedelta

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


def stores(settings: Settings) -> dict[str, Store]:
    """Rate limits, staff sessions and failed logins: in Redis when there is one (shared by every
    process), else on the local disk under the data directory (embedded mode, one process)."""
    names = ("rate_limit", "sessions", "login_failures")
    if url := settings.notify.redis_url:
        found: dict[str, Store] = {name: RedisStore.with_client(url=url, namespace=f"caunoi_{name}") for name in names}
        for name in ("rate_limit", "sessions"):
            found[name] = FailOpenStore(found[name], name)
        return found
    return {name: FileStore(settings.data_dir / "state" / name, create_directories=True) for name in names[1:]}
