"""Routing rules as admins manage them: each change audited, how often each rule routed, and the "try it" box.

The changes themselves are :mod:`routing.admin`'s, shared with ``caunoi rules``; the functions
here add the audit entry, so the page and the command line record the same thing. The "try
it" box and the counts read the same routing code and events as intake: nothing here decides
where a question goes on its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.audit.services import record
from feedback.lifecycle import EventKind
from feedback.models import Ticket, TicketEvent
from routing import admin
from routing.models import Area, Category, Department, RoutingRule
from routing.rules import Decision, Question, RoutedBy, Rule, route
from routing.services import routing_data

WINDOW = timedelta(days=90)
"""How far back the counts and the previews look."""
PREVIEW_BATCH = 1_000
PREVIEW_CAP = 20_000
"""A new rule is matched against at most this many of the window's newest questions, read in batches."""


@dataclass(frozen=True)
class RuleRow:
    """A rule as the page and the audit trail describe it."""

    id: int
    place: int
    """1 for the rule tried first."""
    department: str
    department_name: str
    category: str | None
    category_name: str | None
    area: str | None
    keywords: tuple[str, ...]
    active: bool

    def snapshot(self) -> dict[str, Any]:
        """What the audit trail keeps of the rule: plain JSON."""
        return {
            "id": self.id,
            "place": self.place,
            "department": self.department,
            "category": self.category,
            "area": self.area,
            "keywords": list(self.keywords),
            "active": self.active,
        }


async def active_departments(session: AsyncSession) -> list[Department]:
    """The departments a rule may send questions to, by name."""
    return list(await session.scalars(select(Department).where(Department.active).order_by(Department.name)))


async def rule_rows(session: AsyncSession) -> list[RuleRow]:
    """Every rule in the order tried, active or not."""
    rows = await session.execute(
        select(RoutingRule, Department.code, Department.name, Category.code, Category.name)
        .join(Department, Department.id == RoutingRule.department_id)
        .outerjoin(Category, Category.id == RoutingRule.category_id)
        .order_by(RoutingRule.position, RoutingRule.id)
    )
    return [
        RuleRow(
            rule.id or 0,
            place,
            code,
            name,
            category,
            category_name,
            rule.area_pattern,
            tuple(rule.keywords),
            rule.active,
        )
        for place, (rule, code, name, category, category_name) in enumerate(rows, start=1)
    ]


async def rule_row(session: AsyncSession, rule_id: int) -> RuleRow:
    """The rule ``rule_id`` as the page shows it; refused when there is none."""
    await admin.get_rule(session, rule_id)  # refuses an unknown id
    return next(row for row in await rule_rows(session) if row.id == rule_id)


def _target(rule_id: int) -> str:
    return f"rule:{rule_id}"


# Changes, for the page and the command line alike ----------------------------------------------


async def add_rule(
    session: AsyncSession,
    *,
    department: str,
    category: str | None = None,
    area: str | None = None,
    keywords: Sequence[str] = (),
    position: int | None = None,
    before: int | None = None,
    actor_id: int | None,
    now: datetime,
) -> RuleRow:
    rule = await admin.add_rule(
        session,
        department=department,
        category=category,
        area=area,
        keywords=keywords,
        position=position,
        before=before,
    )
    row = await rule_row(session, rule.id or 0)
    await record(session, actor_id, "rule:added", _target(row.id), None, row.snapshot(), now)
    return row


async def remove_rule(session: AsyncSession, rule_id: int, *, actor_id: int | None, now: datetime) -> RuleRow:
    row = await rule_row(session, rule_id)
    await admin.remove_rule(session, rule_id)
    await record(session, actor_id, "rule:removed", _target(rule_id), row.snapshot(), None, now)
    return row


async def move_rule(session: AsyncSession, rule_id: int, *, place: int, actor_id: int | None, now: datetime) -> RuleRow:
    before = await rule_row(session, rule_id)
    await admin.move_rule(session, rule_id, place=place)
    after = await rule_row(session, rule_id)
    await record(session, actor_id, "rule:moved", _target(rule_id), before.snapshot(), after.snapshot(), now)
    return after


async def set_rule_active(
    session: AsyncSession, rule_id: int, *, active: bool, actor_id: int | None, now: datetime
) -> RuleRow:
    before = await rule_row(session, rule_id)
    await admin.set_rule_active(session, rule_id, active=active)
    after = await rule_row(session, rule_id)
    action = "rule:reactivated" if active else "rule:deactivated"
    await record(session, actor_id, action, _target(rule_id), before.snapshot(), after.snapshot(), now)
    return after


# How many questions each rule routed -----------------------------------------------------------


@dataclass(frozen=True)
class RoutedCounts:
    """Questions routed on arrival over the window: by each rule, by topic default, to triage."""

    by_rule: dict[int, int]
    category_default: int
    triage: int


async def routed_counts(session: AsyncSession, *, now: datetime) -> RoutedCounts:
    """Counted from the events intake records on arrival (``data.routed_by``, ``data.rule_id``), in one query.

    Later moves by staff (a coordinator routing from triage, a transfer) say ``routed_by``
    otherwise or not at all, and are left out.
    """
    arrivals = (
        select(
            TicketEvent.data["routed_by"].as_string().label("routed_by"),
            TicketEvent.data["rule_id"].as_integer().label("rule_id"),
        )
        .where(TicketEvent.kind.in_([EventKind.ROUTED, EventKind.SENT_TO_TRIAGE]), TicketEvent.at >= now - WINDOW)
        .subquery()
    )
    # Grouped on the subquery's columns: PostgreSQL takes two renderings of one JSON path as different expressions.
    rows = await session.execute(
        select(arrivals.c.routed_by, arrivals.c.rule_id, func.count())
        .where(arrivals.c.routed_by.in_([str(by) for by in RoutedBy]))
        .group_by(arrivals.c.routed_by, arrivals.c.rule_id)
    )
    by_rule: dict[int, int] = {}
    totals = {by: 0 for by in RoutedBy}
    for routed_by, rule_id, count in rows:
        totals[RoutedBy(routed_by)] += count
        if routed_by == RoutedBy.RULE and rule_id is not None:
            by_rule[rule_id] = by_rule.get(rule_id, 0) + count
    return RoutedCounts(by_rule, totals[RoutedBy.CATEGORY_DEFAULT], totals[RoutedBy.TRIAGE])


# The "try it" box ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trial:
    """Where a question would go now, and why."""

    routed_by: RoutedBy | None
    """None: nothing matches and there is no coordinating office."""
    department: str | None
    department_name: str | None
    rule: RuleRow | None
    keywords: tuple[str, ...]
    """The winning rule's keywords, all found in the question."""
    shadowed: tuple[RuleRow, ...]
    """Active rules further down that match too, but are never reached for this question."""


async def try_question(
    session: AsyncSession, *, title: str, body: str, category: str | None, area: str | None
) -> Trial:
    """What intake would decide for this question, by the very code and data intake uses. Changes nothing."""
    data = await routing_data(session)
    question = Question.of(category or "", area or None, title, body)
    decision: Decision | None = route(
        question,
        data.rules,
        category_default=data.category_defaults.get(category or ""),
        coordinating_office=data.coordinating_office_id,
    )
    if decision is None:
        return Trial(None, None, None, None, (), ())
    department = await session.get(Department, decision.department_id)
    rows = {row.id: row for row in await rule_rows(session)}
    matching = [rule.id for rule in data.rules if rule.matches(question)]
    winner = rows.get(decision.rule_id) if decision.rule_id is not None else None
    return Trial(
        decision.routed_by,
        department.code if department else None,
        department.name if department else None,
        winner,
        winner.keywords if winner else (),
        tuple(rows[rule_id] for rule_id in matching if rule_id != decision.rule_id and rule_id in rows),
    )


# Previews --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RulePreview:
    """How a rule at a place would have done over the window's questions."""

    matched: int
    """Questions the rule's conditions match."""
    won: int
    """Of those, questions no active rule before it matches: the ones it would have routed."""
    examined: int
    capped: bool
    """True when the window held more than :data:`PREVIEW_CAP` questions and only the newest were read."""
    comes_before: tuple[RuleRow, ...]
    department_name: str
    """The department the rule sends questions to."""


async def _category_code(session: AsyncSession, category_id: int | None) -> str | None:
    return await session.scalar(select(Category.code).where(Category.id == category_id)) if category_id else None


async def preview_rule(
    session: AsyncSession, rule: RoutingRule, *, place: int | None, now: datetime, exclude: int | None = None
) -> RulePreview:
    """Match ``rule`` (stored or not) at ``place`` (None: last) against the last 90 days' questions.

    ``exclude`` is the id of the rule itself when it is being moved, so it is not counted as
    coming before or after itself.
    """
    candidate = Rule(
        id=0,
        department_id=rule.department_id,
        category_code=await _category_code(session, rule.category_id),
        area_pattern=rule.area_pattern,
        keywords=tuple(rule.keywords),
    )
    others = [row for row in await rule_rows(session) if row.id != exclude]
    cut = len(others) if place is None else max(0, min(place - 1, len(others)))
    earlier_ids = {row.id for row in others[:cut] if row.active}
    earlier = [r for r in (await routing_data(session)).rules if r.id in earlier_ids]
    matched = won = examined = 0
    last_id: int | None = None
    while examined < PREVIEW_CAP:
        query = (
            select(Ticket.id, Category.code, Area.code, Ticket.title, Ticket.body)
            .join(Category, Category.id == Ticket.category_id)
            .outerjoin(Area, Area.id == Ticket.area_id)
            .where(Ticket.created_at >= now - WINDOW)
            .order_by(Ticket.id.desc())
            .limit(min(PREVIEW_BATCH, PREVIEW_CAP - examined))
        )
        if last_id is not None:
            query = query.where(Ticket.id < last_id)
        batch = (await session.execute(query)).all()
        if not batch:
            break
        for ticket_id, category, area, title, body in batch:
            question = Question.of(category, area, title, body)
            if candidate.matches(question):
                matched += 1
                won += not any(r.matches(question) for r in earlier)
            last_id = ticket_id
        examined += len(batch)
    capped = examined >= PREVIEW_CAP and bool(
        await session.scalar(select(func.count()).where(Ticket.created_at >= now - WINDOW, Ticket.id < (last_id or 0)))
    )
    department = await session.get_one(Department, rule.department_id)
    return RulePreview(matched, won, examined, capped, tuple(others[cut:]), department.name)
