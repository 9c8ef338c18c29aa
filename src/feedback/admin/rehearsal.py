"""A change made and undone, so that its preview is refused by exactly the rules that will make it."""

from collections.abc import Awaitable, Callable

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession


async def rehearse(session: AsyncSession, change: Callable[[], Awaitable[object]]) -> None:
    """Run ``change`` in a savepoint, then roll it back; a refusal (:class:`~routing.admin.AdminError`) propagates.

    A preview that checked the form with rules of its own would drift from the change; this one
    cannot. The rows the change touched are read again, since a rolled-back savepoint expires them
    and an async session cannot load them lazily (the page still shows the signed-in member).
    """
    savepoint = await session.begin_nested()
    try:
        await change()
    finally:
        await savepoint.rollback()
        for row in list(session):
            if inspect(row).expired_attributes:
                await session.refresh(row)
