"""Reading the reference data that forms and integrations offer to choose from."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from routing.models import Area, Category


async def active_categories(session: AsyncSession) -> Sequence[Category]:
    return (
        await session.scalars(select(Category).where(Category.active).order_by(Category.position, Category.id))
    ).all()


async def active_areas(session: AsyncSession) -> Sequence[Area]:
    return (await session.scalars(select(Area).where(Area.active).order_by(Area.name))).all()
