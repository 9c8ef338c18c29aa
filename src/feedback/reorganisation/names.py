"""The name of the time: a department as it was called then, and what it is called now."""

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.i18n import gettext
from routing.models import Department

MAX_CHAIN = 50
"""A successor chain longer than this is a loop typed by hand, not history: stop following it."""


def live_successor(department: Department, departments: Mapping[int, Department]) -> Department | None:
    """The version at the end of ``department``'s successor chain (None when it has not ended)."""
    current, seen = department, 0
    while current.successor_id is not None and seen < MAX_CHAIN:
        following = departments.get(current.successor_id)
        if following is None:
            break
        current, seen = following, seen + 1
    return None if current is department else current


def name_of_time(department: Department, departments: Mapping[int, Department], *, english: bool) -> str:
    """``Sở Tài nguyên và Môi trường (nay là Sở Nông nghiệp và Môi trường)`` for an ended version, else its name."""
    name = department.name_en if english else department.name
    now = live_successor(department, departments)
    if now is None:
        return name
    return gettext("{name} (now {current})").format(name=name, current=now.name_en if english else now.name)


def names_of_time(departments: Mapping[int, Department], *, english: bool) -> dict[int, str]:
    """Every department's :func:`name_of_time`, by id."""
    return {id_: name_of_time(d, departments, english=english) for id_, d in departments.items()}


def reorganised_names(data: Mapping[str, object], *, english: bool) -> dict[str, str]:
    """The departments a ``ticket:reorganised`` event names, as they were called that day."""
    suffix = "_en" if english else ""
    return {
        "from_department": str(data.get(f"from_name{suffix}", "")),
        "department": str(data.get(f"name{suffix}", "")),
    }


async def successor_pairs(session: AsyncSession) -> tuple[tuple[int, int], ...]:
    """(ended department, live successor) for every ended version: what the figures map across merges."""
    departments = {d.id or 0: d for d in await session.scalars(select(Department))}
    pairs = []
    for id_, department in departments.items():
        now = live_successor(department, departments)
        if now is not None:
            pairs.append((id_, now.id or 0))
    return tuple(sorted(pairs))


def lineage(department_id: int, pairs: Iterable[tuple[int, int]]) -> frozenset[int]:
    """``department_id`` and the ended versions whose work it took over, from :func:`successor_pairs`."""
    return frozenset({department_id, *(old for old, new in pairs if new == department_id)})


async def with_predecessors(session: AsyncSession, department_id: int) -> frozenset[int]:
    """The :func:`lineage` of ``department_id``: its answered questions include those of the versions before it."""
    return lineage(department_id, await successor_pairs(session))
