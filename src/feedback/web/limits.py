"""How many questions one client address may send in a minute, and when it may send the next.

Citizens behind a mobile carrier's shared address (CGNAT) all count as one address, so only a
question actually *accepted* counts towards ``CAUNOI_RATE_LIMIT``: a form refused for a mistake
stores nothing, and a neighbour's typos must not lock a citizen out. Floods are still cut off,
cheaply and before the body is read, by Litestar's limiter over every attempt, valid or not, at
:data:`ATTEMPTS_PER_QUESTION` times that limit (see :func:`feedback.app.create_app`).
"""

import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from litestar import Request
from litestar.middleware.rate_limit import get_remote_address
from litestar.stores.base import Store

from feedback.i18n import ngettext
from feedback.settings import Settings

WINDOW = timedelta(minutes=1)
ATTEMPTS_PER_QUESTION = 5
"""Attempts (mistakes included) an address may make per question it may have accepted, a minute."""
STORE = "rate_limit"  # the store Litestar's limiter uses: shared through Redis in production


@dataclass(frozen=True)
class SubmissionQuota:
    """The questions accepted from one client address in the last minute.

    Read, then written after the question is accepted: two questions accepted at the same instant
    may both count as one, which the limiter over every attempt bounds.
    """

    store: Store
    key: str
    limit: int

    @classmethod
    def of(cls, request: Request, settings: Settings) -> "SubmissionQuota":
        address = get_remote_address(request)
        return cls(request.app.stores.get(STORE), f"{cls.__name__}::{address}", settings.rate_limit)

    async def _accepted(self, now: datetime) -> list[float]:
        """When each question of the last minute was accepted (POSIX seconds), oldest first."""
        stored = await self.store.get(self.key)
        since = (now - WINDOW).timestamp()
        return sorted(at for at in (json.loads(stored) if stored else []) if at > since)

    async def wait(self, now: datetime) -> int | None:
        """Whole seconds until this address may send another question; None if it may now."""
        accepted = await self._accepted(now)
        if len(accepted) < self.limit:
            return None
        # Free again when enough of the minute's questions have aged out to leave one place.
        frees_at = accepted[len(accepted) - self.limit] + WINDOW.total_seconds()
        return max(1, math.ceil(frees_at - now.timestamp()))

    async def spend(self, now: datetime) -> None:
        """Count a question just accepted."""
        accepted = await self._accepted(now)
        await self.store.set(self.key, json.dumps([*accepted, now.timestamp()]), expires_in=WINDOW)


def wait_words(seconds: int) -> str:
    """``45 seconds``, ``1 minute``: how long until the next question may be sent, as people say it."""
    if seconds < 60:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
