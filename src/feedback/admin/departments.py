"""Departments as admins manage them: the tree with its workload, adding one, moving it, its mailbox,
the coordinating office, deactivating one.

The rules are :mod:`routing.admin`'s (the command line uses them too); this module adds what only
the ticket side knows (open questions, active staff block a deactivation), the preview of each
change and its audit entry. Merging and renaming are the reorganisation page's.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin.confirm import Preview
from feedback.admin.rehearsal import rehearse
from feedback.audit.services import record
from feedback.i18n import N_, gettext, ngettext
from feedback.lifecycle import OPEN_STATUSES, TicketStatus
from feedback.models import Ticket, User
from routing import admin
from routing.admin import AdminError
from routing.models import Department

ADDED = "department:added"
CHANGED = "department:changed"
DEACTIVATED = "department:deactivated"


@dataclass(frozen=True)
class DepartmentRow:
    """A department in the tree: ``depth`` 0 is the top level."""

    department: Department
    depth: int
    parent: Department | None
    open_questions: int
    active_staff: int


class DepartmentInUse(AdminError):
    """Deactivation refused: ``reasons`` says everything to move first, the message the first of them."""

    def __init__(self, reasons: list[AdminError]) -> None:
        first = reasons[0]
        super().__init__(first.message, field=first.field, **first.values)
        self.reasons = reasons

    def __str__(self) -> str:
        return "; ".join(str(reason) for reason in self.reasons)


async def _counts(session: AsyncSession, query: Select[tuple[int, int]]) -> dict[int, int]:
    return dict((await session.execute(query)).all())


async def department_tree(session: AsyncSession) -> tuple[list[DepartmentRow], list[DepartmentRow]]:
    """The active departments as a tree (each followed by its units, by name), then the inactive ones."""
    departments = list(await session.scalars(select(Department).order_by(Department.name, Department.code)))
    open_questions = await _counts(
        session,
        select(Ticket.department_id, func.count())
        .where(Ticket.status.in_(OPEN_STATUSES), Ticket.department_id.is_not(None))
        .group_by(Ticket.department_id),
    )
    staff = await _counts(
        session,
        select(User.department_id, func.count())
        .where(User.active, User.department_id.is_not(None))
        .group_by(User.department_id),
    )
    by_id = {d.id: d for d in departments}
    children: dict[int | None, list[Department]] = defaultdict(list)
    for d in departments:
        if d.active:
            parent = d.parent_id if d.parent_id in by_id and by_id[d.parent_id].active else None
            children[parent].append(d)

    def row(d: Department, depth: int) -> DepartmentRow:
        parent = by_id.get(d.parent_id) if d.parent_id else None
        return DepartmentRow(d, depth, parent, open_questions.get(d.id or 0, 0), staff.get(d.id or 0, 0))

    tree: list[DepartmentRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for d in children[parent]:
            tree.append(row(d, depth))
            walk(d.id, depth + 1)

    walk(None, 0)
    return tree, [row(d, 0) for d in departments if not d.active]


async def _parent_code(session: AsyncSession, department: Department) -> str | None:
    if department.parent_id is None:
        return None
    return await session.scalar(select(Department.code).where(Department.id == department.parent_id))


async def _snapshot(session: AsyncSession, department: Department) -> dict[str, object]:
    return {
        "code": department.code,
        "name": department.name,
        "name_en": department.name_en,
        "parent": await _parent_code(session, department),
        "mailbox": department.mailbox,
        "coordinating_office": department.is_coordinating_office,
        "active": department.active,
    }


# Adding ------------------------------------------------------------------------------------------


async def add_department(
    session: AsyncSession,
    *,
    code: str,
    name: str,
    name_en: str,
    mailbox: str | None,
    parent: str | None,
    actor_id: int | None,
    now: datetime,
) -> Department:
    """Add a department and record it (``actor_id`` None: the command line)."""
    department = await admin.add_department(
        session, code=code, name=name, name_en=name_en, mailbox=mailbox, parent=parent
    )
    after = await _snapshot(session, department)
    await record(session, actor_id, ADDED, f"department:{department.code}", None, after, now)
    return department


async def preview_add(
    session: AsyncSession, *, code: str, name: str, name_en: str, mailbox: str | None, parent: str | None, now: datetime
) -> Preview:
    """What adding the department will do; refused as the addition itself would be."""

    async def change() -> None:
        await add_department(
            session, code=code, name=name, name_en=name_en, mailbox=mailbox, parent=parent, actor_id=None, now=now
        )

    await rehearse(session, change)
    effects = []
    if parent:
        above = await admin.department_named(session, parent)
        effects.append(gettext(N_("It is placed under {parent}.")).format(parent=above.name))
    effects.append(
        gettext(
            N_("No question goes to it until a routing rule or a topic names it, or a question is transferred to it.")
        )
    )
    summary = gettext(N_("Add the department {name} ({code}).")).format(name=name.strip(), code=code.strip().upper())
    return Preview(summary, effects)


# Changing ----------------------------------------------------------------------------------------


async def change_department(
    session: AsyncSession,
    code: str,
    *,
    parent: str | None,
    mailbox: str,
    coordinating: bool,
    actor_id: int | None,
    now: datetime,
) -> Department:
    """Set a department's parent (None: the top level), mailbox, and make it the coordinating office if asked."""
    department = await admin.department_named(session, code)
    before = await _snapshot(session, department)
    former = await session.scalar(select(Department).where(Department.is_coordinating_office))
    former_before = await _snapshot(session, former) if former is not None and coordinating else None
    await admin.change_department(
        session, code, parent=parent, top_level=not parent, mailbox=mailbox, coordinating=coordinating
    )
    after = await _snapshot(session, department)
    if former is not None and former_before is not None and former.id != department.id:
        former_after = await _snapshot(session, former)
        await record(session, actor_id, CHANGED, f"department:{former.code}", former_before, former_after, now)
    if after != before:
        await record(session, actor_id, CHANGED, f"department:{department.code}", before, after, now)
    return department


async def preview_change(
    session: AsyncSession, code: str, *, parent: str | None, mailbox: str, coordinating: bool, now: datetime
) -> Preview:
    department = await admin.department_named(session, code)
    former = await session.scalar(select(Department).where(Department.is_coordinating_office))
    old_parent = await _parent_code(session, department)
    old_mailbox = department.mailbox or ""

    async def change() -> None:
        await change_department(
            session, code, parent=parent, mailbox=mailbox, coordinating=coordinating, actor_id=None, now=now
        )

    await rehearse(session, change)
    effects: list[str] = []
    warnings: list[str] = []
    if (parent or None) != old_parent:
        if parent:
            above = await admin.department_named(session, parent)
            effects.append(gettext(N_("It moves under {parent}.")).format(parent=above.name))
        else:
            effects.append(gettext(N_("It moves to the top level.")))
    if mailbox.strip() != old_mailbox:
        effects.append(
            gettext(N_("Its mailbox becomes {mailbox}.")).format(mailbox=mailbox.strip())
            if mailbox.strip()
            else gettext(N_("It no longer has a mailbox."))
        )
    if coordinating and not department.is_coordinating_office:
        waiting = await session.scalar(select(func.count()).where(Ticket.status == TicketStatus.TRIAGE)) or 0
        warnings.append(
            gettext(N_("The coordinating office moves from {former} to {name}.")).format(
                former=former.name if former else "—", name=department.name
            )
        )
        effects.append(
            ngettext(
                "The triage queue ({count} question waiting) is handled by {name} from now on.",
                "The triage queue ({count} questions waiting) is handled by {name} from now on.",
                waiting,
            ).format(count=waiting, name=department.name)
        )
    if not effects:
        effects.append(gettext(N_("Nothing changes.")))
    summary = gettext(N_("Change the department {name} ({code}).")).format(name=department.name, code=department.code)
    return Preview(summary, effects, warnings)


# Deactivating ------------------------------------------------------------------------------------


async def deactivation_blockers(session: AsyncSession, department: Department) -> list[AdminError]:
    """Everything that must move before ``department`` is deactivated: its open questions, its active
    staff, then what routing still sends to it."""
    blockers: list[AdminError] = []
    open_questions = await session.scalar(
        select(func.count()).where(Ticket.department_id == department.id, Ticket.status.in_(OPEN_STATUSES))
    )
    if open_questions:
        blockers.append(
            AdminError(
                N_(
                    "it still has {count} open question(s): transfer them, or merge the department on the reorganisation page"
                ),
                field="department",
                count=open_questions,
            )
        )
    staff = await session.scalar(select(func.count()).where(User.department_id == department.id, User.active))
    if staff:
        blockers.append(
            AdminError(
                N_("{count} active staff account(s) belong to it: move or deactivate them first"),
                field="department",
                count=staff,
            )
        )
    return blockers + await admin.department_ties(session, department)


async def deactivate_department(session: AsyncSession, code: str, *, actor_id: int | None, now: datetime) -> Department:
    """Stop using a department; refused (:class:`DepartmentInUse`) while anything still depends on it."""
    department = await admin.department_named(session, code)
    if blockers := await deactivation_blockers(session, department):
        raise DepartmentInUse(blockers)
    before = await _snapshot(session, department)
    await admin.set_department_active(session, code, active=False)
    await record(
        session,
        actor_id,
        DEACTIVATED,
        f"department:{department.code}",
        before,
        await _snapshot(session, department),
        now,
    )
    return department


async def preview_deactivate(session: AsyncSession, code: str, *, now: datetime) -> Preview:
    department = await admin.department_named(session, code)
    await rehearse(session, lambda: deactivate_department(session, code, actor_id=None, now=now))
    summary = gettext(N_("Deactivate the department {name} ({code}).")).format(
        name=department.name, code=department.code
    )
    effects = [
        gettext(N_("It no longer appears in the lists of departments to transfer or route a question to.")),
        gettext(N_("Questions it answered keep its name.")),
    ]
    return Preview(summary, effects)
