"""What every handler may ask for: a transactional session and the settings."""

from collections.abc import AsyncIterator

from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import User
from feedback.settings import Settings

# What handlers declare to receive the request's session and the settings.
Session = NamedDependency[AsyncSession]
AppSettings = NamedDependency[Settings]
Staff = NamedDependency[User]
"""The signed-in member of staff (see :func:`feedback.web.staff_auth.provide_staff`)."""


async def provide_session(state: State) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed after the handler returns, rolled back if anything raised."""
    async with state.db.transaction() as session:
        yield session


def provide_settings(state: State) -> Settings:
    return state.settings
