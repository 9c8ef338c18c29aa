"""The reorganisations made, read back from the departments' successor links (the admin page lists them)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from routing.models import Department


@dataclass(frozen=True)
class Past:
    """An ended version and what took over from it."""

    department: Department
    successor: Department


async def history(session: AsyncSession) -> list[Past]:
    """The reorganisations made, most recent first, from the departments' successor links."""
    successor = Department.__table__.alias("successor")
    rows = await session.execute(
        select(Department, successor.c.id)
        .join(successor, successor.c.id == Department.successor_id)
        .order_by(Department.valid_to.desc(), Department.name)
    )
    found = rows.all()
    following = {
        d.id: d for d in await session.scalars(select(Department).where(Department.id.in_([s for _, s in found])))
    }
    return [Past(department, following[successor_id]) for department, successor_id in found]
