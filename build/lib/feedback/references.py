"""Reference numbers: ``2026-000123``, sequential per year of receipt (Vietnamese time).

A single counter row that every submission updates would serialise all intake behind one
row lock. PostgreSQL therefore draws numbers from one sequence per year, which never blocks
(a rolled-back submission leaves a gap, as paper registers do for a spoiled form). SQLite
has one writer at a time anyway (our transactions begin IMMEDIATE), so the next number is
simply the year's highest plus one.
"""

import contextlib

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from feedback.models import Ticket
from notify.db import on_commit

# Years whose sequence this process has seen committed; the next ones skip the check.
_known_sequences: set[tuple[str, int]] = set()


PATTERN = r"^[0-9]{4}-[0-9]{6,11}$"
"""What :func:`format_reference` writes (the number grows past six digits if it must; 16 characters at most)."""


def format_reference(year: int, number: int) -> str:
    return f"{year}-{number:06d}"


def _sequence(year: int) -> str:
    return f"ticket_number_{int(year)}"


async def _ensure_sequence(session: AsyncSession, year: int) -> None:
    """Create the year's sequence on the caller's own connection, in a savepoint.

    Never on a second connection: at the first question of a year, every request in flight would
    hold one and wait for another, and a full pool would stall them all. Two transactions creating
    it at once: the second waits for the first to commit, and its error means it now exists.
    """
    key = (str(session.bind.url), year)
    if key in _known_sequences:
        return
    connection = await session.connection()
    with contextlib.suppress(DBAPIError):
        async with connection.begin_nested():
            await connection.execute(sa.text(f"CREATE SEQUENCE IF NOT EXISTS {_sequence(year)}"))
    # Known once committed: a rolled-back transaction takes the sequence it created with it.
    on_commit(session, lambda: _known_sequences.add(key))


async def next_number(session: AsyncSession, year: int) -> int:
    engine = session.bind
    assert isinstance(engine, AsyncEngine)
    if engine.dialect.name != "postgresql":
        highest = await session.scalar(sa.select(sa.func.max(Ticket.number)).where(Ticket.year == year))
        return (highest or 0) + 1
    await _ensure_sequence(session, year)
    connection = await session.connection()
    return int((await connection.execute(sa.text(f"SELECT nextval('{_sequence(year)}')"))).scalar_one())
