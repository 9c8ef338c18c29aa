"""The reorganisations made, for the admin page: the ended versions, read back from their successor
links, and the hand-overs, which end nothing and are found in the audit trail."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.audit.models import AuditEntry
from routing.models import Department


@dataclass(frozen=True)
class Named:
    """A department or a topic as it was called at the change."""

    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Past:
    """One line of history: a version that ended and what took over from it, or a hand-over of topics."""

    source: Named
    target: Named
    day: date | None
    """The ended version's last day, or the first day of a hand-over."""
    topics: tuple[Named, ...] = ()
    """The topics handed over (empty for an ended version)."""


async def history(session: AsyncSession) -> list[Past]:
    """The reorganisations made, most recent first."""
    successor = Department.__table__.alias("successor")
    rows = await session.execute(
        select(Department, successor.c.code, successor.c.name, successor.c.name_en).join(
            successor, successor.c.id == Department.successor_id
        )
    )
    found = [Past(_named(d), Named(code, name, name_en), d.valid_to) for d, code, name, name_en in rows]
    for entry in await session.scalars(select(AuditEntry).where(AuditEntry.action == "reorganisation:hand_over")):
        before, after = entry.before or {}, entry.after or {}
        topics = tuple(Named(**t) for t in after.get("topics", []))
        source, target = before["sources"][0], after["targets"][0]
        found.append(Past(_from(source), _from(target), date.fromisoformat(after["on"]), topics))
    found.sort(key=lambda p: p.source.name)
    return sorted(found, key=lambda p: p.day or date.min, reverse=True)  # stable: by name within a day


def _named(department: Department) -> Named:
    return Named(department.code, department.name, department.name_en)


def _from(recorded: dict[str, str]) -> Named:
    return Named(recorded["code"], recorded["name"], recorded["name_en"])
