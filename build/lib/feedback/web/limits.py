"""How many questions one client address may send in a minute, and when it may send the next.

Citizens behind a mobile carrier's shared address (CGNAT) all count as one address, so only a
question actually *accepted* counts towards ``CAUNOI_RATE_LIMIT``: a form refused for a mistake
stores nothing, and a neighbour's typos must not lock a citizen out. Floods are still cut off,
cheaply and before the body is read, by Litestar's limiter over every attempt, valid or not, at
:data:`ATTEMPTS_PER_QUESTION` times that limit (see :func:`feedback.app.create_app`).
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol, cast

from litestar import Request
from litestar.middleware.rate_limit import get_remote_address

from feedback.i18n import ngettext
from feedback.settings import Settings

WINDOW = timedelta(minutes=1)
ATTEMPTS_PER_QUESTION = 5
"""Attempts (mistakes included) an address may make per question it may have accepted, a minute."""


class WindowCounter(Protocol):
    """Counts per key in one atomic step, over a window that starts at the first count
    (:mod:`feedback.web.stores` has one for Redis and one for embedded mode)."""

    async def count_in_window(self, key: str, *, window: timedelta) -> tuple[int, int]:
        """Count one and return the count, this one included, and the seconds the window has left."""
        ...

    async def uncount(self, key: str) -> None:
        """Take one back, within the same window."""
        ...


@dataclass(frozen=True)
class SubmissionQuota:
    """The questions one client address may still send this minute.

    A question takes its place before it is stored, in one atomic count, so that questions sent
    at the same instant cannot all find the last place free; one refused for a mistake gives its
    place back.
    """

    counter: WindowCounter
    key: str
    limit: int

    @classmethod
    def of(cls, request: Request, settings: Settings) -> "SubmissionQuota":
        counter = cast(WindowCounter, request.app.stores.get("submissions"))
        return cls(counter, f"submissions:{get_remote_address(request)}", settings.rate_limit)

    async def take(self) -> int | None:
        """Take a place for a question about to be stored: None, or the seconds until one is free."""
        count, left = await self.counter.count_in_window(self.key, window=WINDOW)
        return None if count <= self.limit else max(1, left)

    async def give_back(self) -> None:
        """The question was refused: its place is free again."""
        await self.counter.uncount(self.key)


def wait_words(seconds: int) -> str:
    """``45 seconds``, ``1 minute``: how long until the next question may be sent, as people say it."""
    if seconds < 60:
        return ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
