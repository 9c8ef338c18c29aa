"""Making a planned reorganisation, in the caller's transaction, with bulk statements.

A merge of departments holding 100,000 questions must take seconds, not minutes: each move is one
``INSERT … SELECT`` of the events and one ``UPDATE`` of the questions, never a loop over rows in
Python. The clock columns (``answer_due_at``, ``accept_due_at``, ``transfer_due_at``, the pause,
the extension, the escalation levels) are not in any statement: a reorganisation is not a
transfer, the question was accepted by the predecessor and its deadlines stand.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import JSON, Boolean, Integer, String, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.audit.services import record
from feedback.inbox import IS_OPEN
from feedback.lifecycle import EventKind
from feedback.models import QaSearch, SavedReply, Subtask, Ticket, TicketEvent, User
from feedback.reorganisation.plans import Kind, Move, NewDepartment, Plan, ended_code
from notify.db import UTCDateTime
from notify.models import Notification
from routing.models import Category, Department, RoutingRule
from routing.services import forget_routing_data


@dataclass(frozen=True)
class Done:
    """What was made: the departments that took over, and the counts as they moved."""

    plan: Plan
    targets: list[Department]
    moved: int


async def apply(session: AsyncSession, plan: Plan, *, actor_id: int | None, now: datetime) -> Done:
    """Make ``plan`` (counted moments ago in the same transaction) and record it in the audit trail."""
    last_day = plan.on - timedelta(days=1)
    before = [
        {"code": s.code, "name": s.name, "name_en": s.name_en, "active": s.active, "valid_from": _day(s.valid_from)}
        for s in plan.sources
    ]
    if plan.ends_sources:  # first, so that a new version may take a source's code
        for source in plan.sources:
            source.code, source.active, source.valid_to = ended_code(source.code, last_day), False, last_day
        await session.flush()
    targets = [await _target(session, plan, target) for target in plan.targets]
    for source_id, successor in plan.successor.items():
        source = next(s for s in plan.sources if s.id == source_id)
        source.successor_id = targets[successor].id
        if source.is_coordinating_office:
            source.is_coordinating_office = False
            targets[successor].is_coordinating_office = True
    await session.flush()

    moved = 0
    for move in plan.moves:
        moved += await _move_questions(session, plan, move, targets, actor_id=actor_id, now=now)
        await _move_by_topic(session, move, targets[move.target].id or 0)
    for source_id, successor in plan.successor.items():
        await _move_the_rest(session, source_id, targets[successor].id or 0)
    forget_routing_data(session)

    after: dict[str, object] = {
        "targets": [{"code": t.code, "name": t.name, "name_en": t.name_en} for t in targets],
        "on": plan.on.isoformat(),
        **plan.counts.as_record(),
        "moved_questions": moved,
        "flags": len(plan.flags),
    }
    if plan.topics:
        after["topics"] = [{"code": t.code, "name": t.name, "name_en": t.name_en} for t in plan.topics]
    target_text = " + ".join(str(b["code"]) for b in before) + " → " + ", ".join(t.code for t in targets)
    await record(session, actor_id, f"reorganisation:{plan.kind}", target_text[:120], {"sources": before}, after, now)
    return Done(plan, targets, moved)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


async def _target(session: AsyncSession, plan: Plan, target: Department | NewDepartment) -> Department:
    if isinstance(target, Department):
        return target
    first = plan.sources[0]
    # A rename is the same department under a new name: it keeps the mailbox and its place in the
    # tree. A merged department takes its place in the tree from the first source.
    department = Department(
        code=target.code,
        name=target.name,
        name_en=target.name_en,
        parent_id=first.parent_id,
        mailbox=first.mailbox if plan.kind is Kind.RENAME else None,
        valid_from=plan.on,
    )
    session.add(department)
    await session.flush()
    return department


async def _move_questions(
    session: AsyncSession, plan: Plan, move: Move, targets: list[Department], *, actor_id: int | None, now: datetime
) -> int:
    """One event per open question (INSERT … SELECT), then the questions themselves (one UPDATE); those
    whose officer does not go with them return to the new department's queue, unassigned."""
    source = next(s for s in plan.sources if s.id == move.source_id)
    target = targets[move.target]
    which = (Ticket.department_id == move.source_id, IS_OPEN, move.condition(Ticket.category_id))
    data = {
        "from_department_id": move.source_id,
        "department_id": target.id,
        "from_name": source.name,
        "from_name_en": source.name_en,
        "name": target.name,
        "name_en": target.name_en,
        "reorganisation": plan.kind.value,
    }
    events = select(
        Ticket.id,
        literal(actor_id, Integer),
        literal(EventKind.REORGANISED.value, String),
        literal(EventKind.REORGANISED.public, Boolean),
        literal(data, JSON),
        literal(now, UTCDateTime),
    ).where(*which)
    columns = ["ticket_id", "actor_id", "kind", "public", "data", "at"]
    await session.execute(insert(TicketEvent).from_select(columns, events))
    # A reopened question may be on the public pages: its copy follows it.
    await session.execute(
        update(QaSearch)
        .where(QaSearch.ticket_id.in_(select(Ticket.id).where(*which)))
        .values(department_id=target.id)
        .execution_options(synchronize_session=False)
    )
    released = {} if plan.keeps_assignees(move) else {"assignee_id": None}
    result = await session.execute(
        update(Ticket)
        .where(*which)
        .values(department_id=target.id, updated_at=now, **released)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0  # type: ignore[attr-defined]


async def _move_by_topic(session: AsyncSession, move: Move, target_id: int) -> None:
    """Routing rules and topic defaults follow the topic's move (all of them, in a merge or rename)."""
    await session.execute(
        update(RoutingRule)
        .where(RoutingRule.department_id == move.source_id, move.condition(RoutingRule.category_id))
        .values(department_id=target_id)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Category)
        .where(Category.default_department_id == move.source_id, move.condition(Category.id))
        .values(default_department_id=target_id)
        .execution_options(synchronize_session=False)
    )


async def _move_the_rest(session: AsyncSession, source_id: int, successor_id: int) -> None:
    """Staff, saved replies, open coordination requests and sub-departments go to the successor, and so
    do the messages to the department or its head not yet expanded (its staff are the successor's now)."""
    for prefix in ("department:", "head:"):
        await session.execute(
            update(Notification)
            .where(Notification.recipient == f"{prefix}{source_id}", Notification.status == "pending")
            .values(recipient=f"{prefix}{successor_id}")
            .execution_options(synchronize_session=False)
        )
    for table, column, extra in (
        (User, User.department_id, ()),
        (SavedReply, SavedReply.department_id, ()),
        (Subtask, Subtask.department_id, (Subtask.reply.is_(None),)),
        (Department, Department.parent_id, (Department.active,)),
    ):
        await session.execute(
            update(table)
            .where(column == source_id, *extra)
            .values({column.key: successor_id})
            .execution_options(synchronize_session=False)
        )
