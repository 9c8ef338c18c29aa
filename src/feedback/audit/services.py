"""Writing to the audit trail, and reading it back a page at a time or as CSV."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.audit.models import AuditEntry
from feedback.exports import Column, Table, Value
from feedback.i18n import N_, gettext
from feedback.models import User

PAGE_SIZE = 50

LABELS: dict[str, str] = {
    "two_factor:enabled": N_("Two-step verification turned on"),
    "two_factor:disabled": N_("Two-step verification turned off"),
    "two_factor:reset": N_("Second factor reset by an admin"),
    "two_factor:recovery_code_used": N_("Recovery code used"),
    "two_factor:requirement_changed": N_("Two-step verification requirement changed"),
    # Routing rules and SLA policies (feedback.admin.rules, feedback.admin.policies)
    "rule:added": N_("Routing rule added"),
    "rule:removed": N_("Routing rule removed"),
    "rule:moved": N_("Routing rule moved"),
    "rule:deactivated": N_("Routing rule deactivated"),
    "rule:reactivated": N_("Routing rule reactivated"),
    "policy:set": N_("Deadline policy set"),
    "policy:removed": N_("Deadline policy removed"),
    # Working calendar: the days changed, and how many running questions were recounted
    "calendar:override_added": N_("Working calendar changed"),
    "calendar:override_removed": N_("Working calendar change removed"),
    # Reorganisation (feedback.reorganisation): merges, splits and renames of departments.
    "reorganisation:merge": N_("Departments merged"),
    "reorganisation:split": N_("Department split by topic"),
    "reorganisation:rename": N_("Department renamed"),
    # Communes and wards
    "areas:imported": N_("Communes and wards imported from the register"),
    # Departments, staff accounts and topics (feedback.admin.departments, .accounts, .topics).
    "department:added": N_("Department added"),
    "department:changed": N_("Department changed"),
    "department:deactivated": N_("Department deactivated"),
    "account:created": N_("Staff account created"),
    "account:role_changed": N_("Role or department changed"),
    "account:deactivated": N_("Staff account deactivated"),
    "account:reactivated": N_("Staff account reactivated"),
    "account:password_reset": N_("Password reset by an admin or a head"),
    "topic:added": N_("Topic added"),
    "topic:changed": N_("Topic changed"),
}
"""What each action is called on the page; an action not listed is shown as recorded."""


async def record(
    session: AsyncSession,
    actor_id: int | None,
    action: str,
    target: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> AuditEntry:
    """Append an entry, in the caller's transaction: the change and its record commit or fail together."""
    entry = AuditEntry(at=now, actor_id=actor_id, action=action, target=target, before=before, after=after)
    session.add(entry)
    await session.flush()
    return entry


@dataclass(frozen=True)
class AuditRow:
    """An entry as the page and the export show it, with the actor's username (``None``: the command line)."""

    id: int
    at: datetime
    actor: str | None
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _rows(result: Iterable[tuple[AuditEntry, str | None]]) -> list[AuditRow]:
    return [AuditRow(e.id or 0, e.at, actor, e.action, e.target, e.before, e.after) for e, actor in result]


def _newest_first():
    return (
        select(AuditEntry, User.username)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )


async def audit_page(session: AsyncSession, page: int, size: int = PAGE_SIZE) -> tuple[list[AuditRow], int]:
    """Entries of page ``page`` (from 1), newest first, and the number of pages (at least 1)."""
    total = await session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    result = await session.execute(_newest_first().offset((page - 1) * size).limit(size))
    return _rows(result), max(1, -(-total // size))


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


async def audit_table(session: AsyncSession) -> Table:
    """Every entry, newest first, for the CSV export (which neutralises cells that look like formulas)."""
    columns = [
        (gettext("No."), Column.NUMBER),
        (gettext("When"), Column.DATETIME),
        (gettext("Who"), Column.TEXT),
        (gettext("Action"), Column.TEXT),
        (gettext("Target"), Column.TEXT),
        (gettext("Before"), Column.TEXT),
        (gettext("After"), Column.TEXT),
    ]
    result = await session.execute(_newest_first())
    rows: list[Sequence[Value]] = [
        [r.id, r.at, r.actor, r.action, r.target, _json(r.before), _json(r.after)] for r in _rows(result)
    ]
    return Table(gettext("Audit trail"), columns, rows)
