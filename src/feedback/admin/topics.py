"""Topics (categories) as admins manage them: by group, with their default department and how much
they are asked; adding one, changing its names, group, position, default department, (de)activating.

The rules are :mod:`routing.admin`'s (``caunoi category`` uses them too). A topic's extra questions
are shown only: ``caunoi category attribute`` manages them.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin.confirm import Preview
from feedback.admin.rehearsal import rehearse
from feedback.audit.services import record
from feedback.i18n import N_, gettext, ngettext
from feedback.lifecycle import OPEN_STATUSES
from feedback.models import Ticket
from routing import admin
from routing.admin import AdminError
from routing.models import Category, CategoryAttribute, Department

ADDED = "topic:added"
CHANGED = "topic:changed"
RECENT = timedelta(days=90)


@dataclass(frozen=True)
class TopicRow:
    category: Category
    department: Department | None
    recent_questions: int
    attributes: list[CategoryAttribute]


async def topic_groups(session: AsyncSession, *, now: datetime) -> list[tuple[str, list[TopicRow]]]:
    """The topics by group, in the form's order, each with how many questions of the last 90 days it has."""
    departments = {d.id: d for d in await session.scalars(select(Department))}
    recent = dict(
        (
            await session.execute(
                select(Ticket.category_id, func.count())
                .where(Ticket.created_at >= now - RECENT)
                .group_by(Ticket.category_id)
            )
        ).all()
    )
    attributes: dict[int, list[CategoryAttribute]] = {}
    for attribute in await session.scalars(select(CategoryAttribute).order_by(CategoryAttribute.position)):
        attributes.setdefault(attribute.category_id, []).append(attribute)
    groups: dict[str, list[TopicRow]] = {}
    for category in await session.scalars(select(Category).order_by(Category.position, Category.id)):
        groups.setdefault(category.group, []).append(
            TopicRow(
                category,
                departments.get(category.default_department_id or 0),
                recent.get(category.id, 0),
                attributes.get(category.id or 0, []),
            )
        )
    return list(groups.items())


async def topic_named(session: AsyncSession, code: str) -> Category:
    category = await session.scalar(select(Category).where(Category.code == code))
    if category is None:
        raise AdminError(N_("no topic with code '{code}'"), field="code", code=code)
    return category


async def _snapshot(session: AsyncSession, category: Category) -> dict[str, object]:
    department = None
    if category.default_department_id is not None:
        department = await session.scalar(
            select(Department.code).where(Department.id == category.default_department_id)
        )
    return {
        "code": category.code,
        "name": category.name,
        "name_en": category.name_en,
        "group": category.group,
        "group_en": category.group_en,
        "position": category.position,
        "department": department,
        "active": category.active,
    }


async def add_topic(
    session: AsyncSession,
    *,
    code: str,
    name: str,
    name_en: str,
    group: str,
    group_en: str,
    department: str | None,
    actor_id: int | None,
    now: datetime,
) -> Category:
    """Add a topic (``department`` None: its questions go to triage) and record it."""
    category = await admin.add_category(
        session, code=code, name=name, name_en=name_en, group=group, group_en=group_en, department=department
    )
    await record(session, actor_id, ADDED, f"topic:{category.code}", None, await _snapshot(session, category), now)
    return category


async def preview_add(
    session: AsyncSession,
    *,
    code: str,
    name: str,
    name_en: str,
    group: str,
    group_en: str,
    department: str | None,
    now: datetime,
) -> Preview:
    async def change() -> None:
        await add_topic(
            session,
            code=code,
            name=name,
            name_en=name_en,
            group=group,
            group_en=group_en,
            department=department,
            actor_id=None,
            now=now,
        )

    await rehearse(session, change)
    summary = gettext(N_("Add the topic {name} to the group {group}.")).format(name=name.strip(), group=group.strip())
    return Preview(summary, [_default_effect(await _department(session, department))])


async def _department(session: AsyncSession, code: str | None) -> Department | None:
    return await admin.department_named(session, code) if code else None


def _default_effect(department: Department | None) -> str:
    if department is None:
        return gettext(N_("New questions of this topic go to the coordinating office's triage queue."))
    return gettext(N_("New questions of this topic go to {department}, unless a routing rule says otherwise.")).format(
        department=department.name
    )


async def change_topic(
    session: AsyncSession,
    code: str,
    *,
    name: str | None = None,
    name_en: str | None = None,
    group: str | None = None,
    group_en: str | None = None,
    position: int | None = None,
    department: str | None = None,
    clear_department: bool = False,
    active: bool | None = None,
    actor_id: int | None,
    now: datetime,
) -> Category:
    """Change a topic; what is not given is kept. Its open questions keep their department."""
    before = await _snapshot(session, await topic_named(session, code))
    category = await admin.update_category(
        session,
        code,
        name=name,
        name_en=name_en,
        group=group,
        group_en=group_en,
        position=position,
        department=department,
        clear_department=clear_department,
        active=active,
    )
    after = await _snapshot(session, category)
    if after != before:
        await record(session, actor_id, CHANGED, f"topic:{category.code}", before, after, now)
    return category


async def preview_change(session: AsyncSession, code: str, *, now: datetime, **changes: object) -> Preview:
    category = await topic_named(session, code)
    old_department = category.default_department_id
    was_active = category.active
    await rehearse(session, lambda: change_topic(session, code, actor_id=None, now=now, **changes))  # type: ignore[arg-type]
    open_questions = (
        await session.scalar(
            select(func.count()).where(Ticket.category_id == category.id, Ticket.status.in_(OPEN_STATUSES))
        )
        or 0
    )
    effects: list[str] = []
    department = await _department(session, changes.get("department"))  # type: ignore[arg-type]
    new_department = department.id if department else (None if changes.get("clear_department") else old_department)
    if new_department != old_department:
        effects.append(_default_effect(department))
    if changes.get("active") is False and was_active:
        effects.append(gettext(N_("Citizens can no longer choose it on the form.")))
    elif changes.get("active") is True and not was_active:
        effects.append(gettext(N_("Citizens can choose it on the form again.")))
    effects.append(
        ngettext(
            "{count} open question of this topic keeps its department: only new questions follow.",
            "{count} open questions of this topic keep their department: only new questions follow.",
            open_questions,
        ).format(count=open_questions)
    )
    summary = gettext(N_("Change the topic {name}.")).format(name=category.name)
    return Preview(summary, effects)
