"""The communes and wards as the admin page and ``caunoi areas list`` show them, with their former names."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from routing.areas import bare_key
from routing.models import Area, AreaFormerName, AreaKind
from routing.text import fold


@dataclass(frozen=True)
class FormerName:
    name: str
    official_code: str | None
    district: str


@dataclass(frozen=True)
class AreaRow:
    code: str
    official_code: str | None
    name: str
    kind: AreaKind | None
    province_code: str | None
    active: bool
    valid_from: date | None
    valid_to: date | None
    successor: str | None
    former_names: tuple[FormerName, ...]


async def list_areas(session: AsyncSession, *, query: str = "") -> list[AreaRow]:
    """Every unit, current ones first, by name; ``query`` keeps those whose name or a former name contains it
    (compared without marks)."""
    successor = aliased(Area)
    rows = (
        await session.execute(
            select(Area, successor.name)
            .outerjoin(successor, successor.id == Area.successor_id)
            .order_by(Area.active.desc(), Area.name, Area.id)
        )
    ).all()
    former: dict[int, list[FormerName]] = {}
    for row in await session.scalars(select(AreaFormerName).order_by(AreaFormerName.name, AreaFormerName.id)):
        former.setdefault(row.area_id, []).append(FormerName(row.name, row.official_code, row.district_name))
    wanted = bare_key(query) if query.strip() else ""
    result = []
    for area, successor_name in rows:
        names = former.get(area.id or 0, [])
        keys = [fold(area.name), area.code, area.official_code or ""] + [fold(f.name) for f in names]
        if wanted and not any(wanted in key for key in keys):
            continue
        result.append(
            AreaRow(
                area.code,
                area.official_code,
                area.name,
                area.kind,
                area.province_code,
                area.active,
                area.valid_from,
                area.valid_to,
                successor_name,
                tuple(names),
            )
        )
    return result
