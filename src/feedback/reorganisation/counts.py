"""What a plan moves and what stays, counted with a few grouped queries, and what an admin should review."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.i18n import N_
from feedback.inbox import IS_OPEN, overdue_condition
from feedback.lifecycle import TicketStatus
from feedback.models import SavedReply, Subtask, Ticket, User
from routing.models import Category, Department, RoutingRule

if TYPE_CHECKING:  # plans builds on these counts; the plan is only named here
    from feedback.reorganisation.plans import Plan


@dataclass(frozen=True)
class Flag:
    """Something an admin should look at after the change: an English msgid and its values."""

    message: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass
class Counts:
    """How much moves (open questions by status and clock state) and how much stays."""

    open_by_status: Counter[str] = field(default_factory=Counter)
    paused: int = 0
    extended: int = 0
    overdue: int = 0
    closed_staying: int = 0
    staff: int = 0
    saved_replies: int = 0
    rules: int = 0
    topic_defaults: int = 0
    subtasks: int = 0
    sub_departments: int = 0
    open_by_target: Counter[int] = field(default_factory=Counter)
    unassigned: int = 0
    """Open questions whose officer stays behind (see :meth:`Plan.keeps_assignees`)."""

    @property
    def open(self) -> int:
        return sum(self.open_by_status.values())

    def as_record(self) -> dict[str, object]:
        """The counts as the audit entry keeps them."""
        return {
            "open_questions": self.open,
            "open_by_status": dict(sorted(self.open_by_status.items())),
            "paused": self.paused,
            "extended": self.extended,
            "overdue": self.overdue,
            "closed_staying": self.closed_staying,
            "staff": self.staff,
            "saved_replies": self.saved_replies,
            "rules": self.rules,
            "topic_defaults": self.topic_defaults,
            "subtasks": self.subtasks,
            "sub_departments": self.sub_departments,
            "unassigned": self.unassigned,
        }


def _of_sources(
    plan: "Plan", department: ColumnElement[int | None], category: ColumnElement[int | None]
) -> ColumnElement[bool]:
    """The rows of the plan's sources: all of them, or a hand-over's topics only (the rest stays put)."""
    ids = [s.id or 0 for s in plan.sources]
    if plan.ends_sources:
        return department.in_(ids)
    return and_(department.in_(ids), or_(*(move.condition(category) for move in plan.moves)))


async def count(session: AsyncSession, plan: "Plan", now: datetime) -> None:
    """Count what moves and what stays, and list what to check after the change (a few grouped queries)."""
    counts, ids = plan.counts, [s.id or 0 for s in plan.sources]
    mine = _of_sources(plan, Ticket.department_id, Ticket.category_id)
    rows = await session.execute(
        select(
            Ticket.department_id,
            Ticket.category_id,
            Ticket.status,
            func.count(),
            func.count().filter(Ticket.paused_at.is_not(None)),
            func.count().filter(Ticket.extended_at.is_not(None)),
            func.count().filter(overdue_condition(now)),
            func.count().filter(Ticket.assignee_id.is_not(None)),
        )
        .where(mine, IS_OPEN)
        .group_by(Ticket.department_id, Ticket.category_id, Ticket.status)
    )
    for department_id, category_id, status, count, paused, extended, overdue, assigned in rows:
        taking = [move for move in plan.moves if move.source_id == department_id and move.takes(category_id)]
        if not taking:
            continue  # a hand-over's source keeps its other topics
        counts.open_by_status[TicketStatus(status).value] += count
        counts.paused += paused
        counts.extended += extended
        counts.overdue += overdue
        for move in taking:
            counts.open_by_target[move.target] += count
            counts.unassigned += 0 if plan.keeps_assignees(move) else assigned
    counts.closed_staying = await session.scalar(select(func.count()).where(mine, ~IS_OPEN)) or 0
    rules = (
        await session.execute(
            select(RoutingRule.id, RoutingRule.category_id).where(
                _of_sources(plan, RoutingRule.department_id, RoutingRule.category_id)
            )
        )
    ).all()
    defaults = (
        await session.execute(
            select(Category.code, Category.id).where(_of_sources(plan, Category.default_department_id, Category.id))
        )
    ).all()
    counts.rules, counts.topic_defaults = len(rules), len(defaults)
    if not plan.ends_sources:
        return  # a hand-over: the department stays, with its staff, replies and requests
    counts.staff = await session.scalar(select(func.count()).where(User.department_id.in_(ids))) or 0
    counts.saved_replies = await session.scalar(select(func.count()).where(SavedReply.department_id.in_(ids))) or 0
    counts.subtasks = (
        await session.scalar(select(func.count()).where(Subtask.department_id.in_(ids), Subtask.reply.is_(None))) or 0
    )
    counts.sub_departments = (
        await session.scalar(select(func.count()).where(Department.parent_id.in_(ids), Department.active)) or 0
    )
    _flag(plan, rules, defaults)


def _flag(plan: "Plan", rules: Sequence[tuple[int, int | None]], defaults: Sequence[tuple[str, int]]) -> None:
    """What an admin should look at: what a split sends to its default, accounts sorted by guess, the office flag."""
    for source in plan.sources:
        successor = plan.target_name(plan.successor[source.id or 0])
        if source.is_coordinating_office:
            plan.flags.append(
                Flag(
                    N_("{name} was the coordinating office: {successor} becomes it. Check that this is right."),
                    {"name": source.name, "successor": successor},
                )
            )
    if plan.kind != "split":
        return
    successor = plan.target_name(plan.successor[plan.sources[0].id or 0])
    mapped = {c for move in plan.moves if move.categories is not None for c in move.categories}
    if plan.counts.staff or plan.counts.saved_replies:
        plan.flags.append(
            Flag(
                N_(
                    "{staff} staff accounts and {replies} saved replies go to {successor}: "
                    "move those who belong to the other department."
                ),
                {"staff": plan.counts.staff, "replies": plan.counts.saved_replies, "successor": successor},
            )
        )
    for rule_id, category_id in rules:
        if category_id is None or category_id not in mapped:
            plan.flags.append(
                Flag(
                    N_("Routing rule #{rule} has no mapped topic: it now sends to {successor}."),
                    {"rule": rule_id, "successor": successor},
                )
            )
    for code, category_id in defaults:
        if category_id not in mapped:
            plan.flags.append(
                Flag(N_("Topic {topic} now goes by default to {successor}."), {"topic": code, "successor": successor})
            )
