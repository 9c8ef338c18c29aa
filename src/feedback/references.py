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
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import Ticket

# Years whose PostgreSQL sequence this process has seen exist: saves a savepoint per request.
_known_sequences: set[int] = set()


def format_reference(year: int, number: int) -> str:
    return f"{year}-{number:06d}"


def _sequence(year: int) -> str:
    return f"ticket_number_{int(year)}"


async def next_number(session: AsyncSession, year: int) -> int:
    if session.bind.dialect.name != "postgresql":
        highest = await session.scalar(sa.select(sa.func.max(Ticket.number)).where(Ticket.year == year))
        return (highest or 0) + 1
    nextval = sa.text(f"SELECT nextval('{_sequence(year)}')")
    if year in _known_sequences:
        return int(await session.scalar(nextval))
    try:
        async with session.begin_nested():
            number = int(await session.scalar(nextval))
    except DBAPIError:
        # First ticket of the year on this database: create the sequence. IF NOT EXISTS makes
        # concurrent first submissions safe; the losers of that race simply find it there.
        with contextlib.suppress(DBAPIError):
            async with session.begin_nested():
                await session.execute(sa.text(f"CREATE SEQUENCE IF NOT EXISTS {_sequence(year)}"))
        number = int(await session.scalar(nextval))
    _known_sequences.add(year)
    return number
