"""Reading the reference data that forms and integrations offer to choose from."""

import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from routing.models import Area, Category


async def active_categories(session: AsyncSession) -> Sequence[Category]:
    return (
        await session.scalars(select(Category).where(Category.active).order_by(Category.position, Category.id))
    ).all()


async def active_areas(session: AsyncSession) -> Sequence[Area]:
    return (await session.scalars(select(Area).where(Area.active).order_by(Area.name))).all()


@dataclass(frozen=True)
class Choices:
    """Codes of the active categories and areas, with their ids."""

    categories: dict[str, int]
    areas: dict[str, int]


CHOICES_TTL_SECONDS = 60.0
# Per database engine: every submission checks its codes, and they change a few times a year.
_choices: weakref.WeakKeyDictionary[AsyncEngine, tuple[float, Choices]] = weakref.WeakKeyDictionary()


async def active_choices(session: AsyncSession) -> Choices:
    """The codes a citizen may choose, read at most once a minute per process.

    A category deactivated by an admin may still be accepted for up to a minute; one just
    created is found on a cache miss by :func:`category_id_for` and :func:`area_id_for`.
    """
    engine = session.bind
    cached = _choices.get(engine)
    if cached and time.monotonic() - cached[0] < CHOICES_TTL_SECONDS:
        return cached[1]
    choices = Choices(
        categories=dict((await session.execute(select(Category.code, Category.id).where(Category.active))).all()),
        areas=dict((await session.execute(select(Area.code, Area.id).where(Area.active))).all()),
    )
    _choices[engine] = (time.monotonic(), choices)
    return choices


async def category_id_for(session: AsyncSession, code: str) -> int | None:
    return (await active_choices(session)).categories.get(code) or await session.scalar(
        select(Category.id).where(Category.code == code, Category.active)
    )


async def area_id_for(session: AsyncSession, code: str) -> int | None:
    return (await active_choices(session)).areas.get(code) or await session.scalar(
        select(Area.id).where(Area.code == code, Area.active)
    )
