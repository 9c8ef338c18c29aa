"""``caunoi areas import``: bring a province's communes and wards in line with the shipped register.

Idempotent: a second run changes nothing. Units are matched by official code, then (for rows
entered by hand before the register, like an older demo) by their slug ``code``; names and
former names are updated; a unit of the province the register no longer lists is ended
(``valid_to``, inactive, its successor when one unit took it over), never deleted, since
questions refer to it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.areas.register import Province, Unit, register, slug_of
from feedback.audit.services import record
from routing.admin import AdminError
from routing.models import Area, AreaFormerName
from routing.services import forget_routing_data

ACTION_IMPORTED = "areas:imported"


@dataclass(frozen=True)
class ImportResult:
    province: str
    added: int
    updated: int
    ended: int
    unchanged: int
    former_names: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.ended)


def find_province(typed: str) -> Province:
    """The province of the register ``typed`` names (its code, e.g. 38, or its name), or a refusal."""
    province = register().find(typed)
    if province is None:
        raise AdminError(
            f"No province {typed!r} in the register of 1/7/2025: give its 2-digit code (e.g. 38) "
            "or its name (e.g. \"Thanh Hóa\"); 'caunoi areas provinces' lists them."
        )
    return province


def _slugs(province: Province, taken: dict[str, str | None]) -> dict[str, str]:
    """Each unit's ``code``: its folded name, with its official code added when another unit has the same."""
    counts = Counter(slug_of(unit.name) for unit in province.units)
    slugs = {}
    for unit in province.units:
        slug = slug_of(unit.name)
        owner = taken.get(slug, unit.official_code)
        if counts[slug] > 1 or owner not in (None, unit.official_code):
            slug = f"{slug}-{unit.official_code}"
        slugs[unit.official_code] = slug
    return slugs


def _former_rows(unit: Unit) -> list[tuple[str, str | None, str, str]]:
    return sorted((f.name, f.official_code, f.district, f.province) for f in unit.formed_from)


async def import_province(session: AsyncSession, typed: str, *, now: datetime, audited: bool = True) -> ImportResult:
    """Load the province ``typed`` names from the register; the caller commits.

    A change is recorded in the audit trail (actor: the command line) unless ``audited`` is
    False: the demo's reference data, loaded into every fresh database, is no admin's change.
    """
    province = find_province(typed)
    valid_from = register().valid_from
    areas = list(await session.scalars(select(Area)))
    by_official = {a.official_code: a for a in areas if a.official_code}
    by_code = {a.code: a for a in areas}
    slugs = _slugs(province, {a.code: a.official_code for a in areas})
    new_rows = []
    existing: dict[str, bool] = {}  # official code → its row had to change
    for unit in province.units:
        area = by_official.get(unit.official_code)
        if area is None and (hand := by_code.get(slugs[unit.official_code])) and hand.official_code is None:
            area = hand  # entered by hand before the register: it becomes the register's unit
        wanted = {
            "name": unit.name,
            "official_code": unit.official_code,
            "kind": unit.kind,
            "province_code": province.code,
            "valid_from": valid_from,
            "valid_to": None,
            "successor_id": None,
            "active": True,
        }
        if area is None:
            new_rows.append({"code": slugs[unit.official_code], **wanted})
            continue
        existing[unit.official_code] = any(getattr(area, key) != value for key, value in wanted.items())
        for key, value in wanted.items():
            setattr(area, key, value)
    if new_rows:
        await session.execute(insert(Area), new_rows)
    await session.flush()
    ids = dict(
        (await session.execute(select(Area.official_code, Area.id).where(Area.province_code == province.code))).all()
    )
    former_changed = await _sync_former_names(session, province, ids)
    updated = sum(1 for code, changed in existing.items() if changed or code in former_changed)
    ended = await _end_unlisted(session, province, ids, today=now.date())
    result = ImportResult(
        province.name,
        added=len(new_rows),
        updated=updated,
        ended=ended,
        unchanged=len(existing) - updated,
        former_names=sum(len(unit.formed_from) for unit in province.units),
    )
    if result.changed:
        forget_routing_data(session)
    if result.changed and audited:
        counts = {"added": result.added, "updated": result.updated, "ended": result.ended}
        await record(session, None, ACTION_IMPORTED, f"{province.name} ({province.code})", None, counts, now)
    return result


async def _sync_former_names(session: AsyncSession, province: Province, ids: dict[str, int]) -> set[str]:
    """Make each unit's former names those of the register; the official codes of units whose list changed."""
    rows = await session.execute(
        select(
            AreaFormerName.area_id,
            AreaFormerName.name,
            AreaFormerName.official_code,
            AreaFormerName.district_name,
            AreaFormerName.province_name,
        ).where(AreaFormerName.area_id.in_(ids.values()))
    )
    stored: dict[int, list[tuple[str, str | None, str, str]]] = {}
    for area_id, *row in rows.all():
        stored.setdefault(area_id, []).append(tuple(row))  # type: ignore[arg-type]
    changed = {
        u.official_code for u in province.units if sorted(stored.get(ids[u.official_code], [])) != _former_rows(u)
    }
    if changed:
        changed_ids = [ids[code] for code in changed]
        await session.execute(delete(AreaFormerName).where(AreaFormerName.area_id.in_(changed_ids)))
        await session.execute(
            insert(AreaFormerName),
            [
                {"area_id": ids[u.official_code], "name": n, "official_code": c, "district_name": d, "province_name": p}
                for u in province.units
                if u.official_code in changed
                for n, c, d, p in _former_rows(u)
            ],
        )
    return changed


async def _end_unlisted(session: AsyncSession, province: Province, ids: dict[str, int], *, today: date) -> int:
    """End the province's active units the register no longer lists; the count."""
    listed = {unit.official_code for unit in province.units}
    successors: dict[str, set[int]] = {}
    for unit in province.units:
        for former in unit.formed_from:
            successors.setdefault(former.official_code, set()).add(ids[unit.official_code])
    ended = 0
    for area in await session.scalars(select(Area).where(Area.province_code == province.code, Area.active)):
        if area.official_code in listed:
            continue
        area.active = False
        area.valid_to = today
        candidates = successors.get(area.official_code or "", set())
        area.successor_id = next(iter(candidates)) if len(candidates) == 1 else None
        ended += 1
    return ended


def province_names() -> list[tuple[str, str, int]]:
    """Each province of the register: code, name, number of communes and wards."""
    return [(p.code, p.name, len(p.units)) for p in register().provinces]
