"""The escalation scan: every ticket whose next check has come climbs its clocks' ladders, each step once.

The scan reads only the tickets whose indexed ``next_check_at`` has passed, so its cost follows
what is due, not what is open. It is safe with any number of schedulers and workers at once:
on PostgreSQL it locks the rows it takes and skips those another scan holds (SQLite runs one
writer at a time), and each step is claimed by a conditional update of the clock's level
column, from the level seen to the step's level, so no step can fire twice. The writes are
batched: one claim per (clock, from, to) group, one insert of events, one of notifications.

:func:`preview` plans the same way at a future instant and changes nothing.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.clocks import LEVEL_COLUMNS, ClockKind, next_check_at, running
from feedback.lifecycle import OPEN_STATUSES, EventKind
from feedback.models import Ticket, TicketEvent
from notify.models import add_notifications
from routing.escalation import Recipient, Step, due_steps, step_at
from routing.services import RoutingData, routing_data

BATCH = 1000
_TICKETS = Ticket.__table__


@dataclass(frozen=True)
class Firing:
    """One step of one clock of one ticket, due at ``at``."""

    ticket: Ticket
    clock: ClockKind
    started_at: datetime
    step: Step
    at: datetime
    recipient: str


def _recipient(step: Step, ticket: Ticket, coordinating_office_id: int | None) -> str:
    if ticket.department_id is None and step.recipient in (Recipient.ASSIGNEE, Recipient.HEAD):
        # Forwarded from triage to a peer portal: the office that forwarded it follows it up.
        return f"department:{coordinating_office_id}"
    if step.recipient is Recipient.ASSIGNEE:
        return f"user:{ticket.assignee_id}" if ticket.assignee_id else f"department:{ticket.department_id}"
    if step.recipient is Recipient.HEAD:
        return f"head:{ticket.department_id}"
    if step.recipient is Recipient.COORDINATING_OFFICE:
        return f"department:{coordinating_office_id}"
    return "role:leader"


def _plan(tickets: Sequence[Ticket], data: RoutingData, now: datetime) -> list[Firing]:
    """Every step due by ``now`` on these tickets, clock by clock, in ladder order."""
    firings = []
    for ticket in tickets:
        policy = data.policy(ticket.category_id, ticket.priority)
        for kind, (clock, level) in running(ticket).items():
            for step in due_steps(policy.ladder, level, clock, data.calendar, policy.warning_ratio, now):
                firings.append(
                    Firing(
                        ticket=ticket,
                        clock=kind,
                        started_at=clock.started_at,
                        step=step,
                        at=step_at(step, clock, data.calendar, policy.warning_ratio),
                        recipient=_recipient(step, ticket, data.coordinating_office_id),
                    )
                )
    return firings


def due_query(now: datetime, limit: int) -> Select[tuple[Ticket]]:
    """Open tickets whose next check has come, in the order every scan takes them (no deadlocks)."""
    return (
        select(Ticket)
        .where(Ticket.next_check_at <= now, Ticket.status.in_(OPEN_STATUSES))
        .order_by(Ticket.next_check_at, Ticket.id)
        .limit(limit)
    )


@dataclass(frozen=True)
class ScanResult:
    scanned: int
    fired: int


async def escalate_due(session: AsyncSession, *, now: datetime, limit: int = BATCH) -> ScanResult:
    """Fire every step due by ``now`` on up to ``limit`` tickets whose next check has come."""
    data = await routing_data(session)
    tickets = (
        await session.scalars(
            due_query(now, limit).with_for_update(skip_locked=True).execution_options(populate_existing=True)
        )
    ).all()
    firings = _plan(tickets, data, now)
    won = await _claim(session, firings)
    fired = [f for f in firings if (f.ticket.id, f.clock) in won]
    connection = await session.connection()
    if fired:
        await connection.execute(
            insert(TicketEvent),
            [
                {
                    "ticket_id": f.ticket.id,
                    "kind": EventKind.ESCALATED,
                    "public": EventKind.ESCALATED.public,
                    "data": {"clock": f.clock, "level": f.step.level, "recipient": f.recipient},
                    "at": now,
                }
                for f in fired
            ],
        )
        await add_notifications(
            session,
            [
                {
                    # The clock's start tells one run of it from the next (a transfer restarts it).
                    "idempotency_key": f"escalation:{f.ticket.id}:{f.clock}:{f.started_at:%Y%m%dT%H%M%S}:{f.step.level}",
                    "kind": "sla_warning" if f.step.is_warning else "sla_escalation",
                    "recipient": f.recipient,
                    "topic": f.ticket.reference,
                    "data": {"reference": f.ticket.reference, "clock": f.clock, "level": f.step.level},
                    "created_at": now,
                }
                for f in fired
            ],
        )
    lost = {f.ticket.id for f in firings if (f.ticket.id, f.clock) not in won}
    next_checks = []
    for ticket in tickets:
        if ticket.id in lost:
            continue  # another scan moved it on; its value stands
        levels = {f.clock: f.step.level for f in fired if f.ticket is ticket}
        clocks = {kind: (clock, levels.get(kind, level)) for kind, (clock, level) in running(ticket).items()}
        policy = data.policy(ticket.category_id, ticket.priority)
        next_checks.append({"b_id": ticket.id, "b_next": next_check_at(clocks, policy, data.calendar)})
    if next_checks:
        await connection.execute(
            update(_TICKETS)
            .where(_TICKETS.c.id == bindparam("b_id"))
            .values(next_check_at=bindparam("b_next"))
            .execution_options(synchronize_session=False),
            next_checks,
        )
    return ScanResult(scanned=len(tickets), fired=len(fired))


async def catch_up(session: AsyncSession, *, until: datetime) -> int:
    """Fire every step due by ``until``, each at the instant it fell due, as a scheduler running all along would have.

    For history written after the fact (the demo's past questions): scan after scan, each at the
    earliest next check, so the events and notifications carry the instants the steps fell due.
    Returns how many steps fired.
    """
    fired = 0
    earliest = select(func.min(Ticket.next_check_at)).where(Ticket.status.in_(OPEN_STATUSES))
    while (at := await session.scalar(earliest)) is not None and at <= until:
        fired += (await escalate_due(session, now=at)).fired  # moves each ticket it scans past ``at``
    return fired


async def _claim(session: AsyncSession, firings: Sequence[Firing]) -> set[tuple[int, ClockKind]]:
    """Move each clock's level from the level seen to the highest due step; returns the (ticket, clock) won.

    One UPDATE … RETURNING per (clock, from, to) group; a row another scan has moved on is not
    updated, so that scan's steps are not fired twice.
    """
    targets: dict[tuple[int, ClockKind], tuple[int | None, int]] = {}
    for f in firings:
        seen = getattr(f.ticket, LEVEL_COLUMNS[f.clock])
        targets[(f.ticket.id, f.clock)] = (seen, f.step.level)
    groups: dict[tuple[ClockKind, int | None, int], list[int]] = defaultdict(list)
    for (ticket_id, clock), (seen, level) in targets.items():
        groups[(clock, seen, level)].append(ticket_id)
    won = set()
    for (clock, seen, level), ids in groups.items():
        column = _TICKETS.c[LEVEL_COLUMNS[clock]]
        result = await session.execute(
            update(_TICKETS)
            .where(_TICKETS.c.id.in_(ids), column.is_(None) if seen is None else column == seen)
            .values({column: level})
            .returning(_TICKETS.c.id)
        )
        won.update((ticket_id, clock) for ticket_id in result.scalars())
    return won


@dataclass(frozen=True)
class Preview:
    reference: str
    department_id: int | None
    clock: ClockKind
    level: int
    warning: bool
    recipient: str
    at: datetime


async def preview(session: AsyncSession, *, at: datetime) -> list[Preview]:
    """Every step that would fire by ``at``, soonest first, without changing anything."""
    data = await routing_data(session)
    previews: list[Preview] = []
    last_id = 0
    while True:  # in batches, by id, so a large backlog does not load at once
        query = due_query(at, BATCH).where(Ticket.id > last_id).order_by(None).order_by(Ticket.id)
        tickets = (await session.scalars(query)).all()
        previews.extend(
            Preview(
                f.ticket.reference, f.ticket.department_id, f.clock, f.step.level, f.step.is_warning, f.recipient, f.at
            )
            for f in _plan(tickets, data, at)
        )
        if len(tickets) < BATCH:
            break
        last_id = tickets[-1].id
    return sorted(previews, key=lambda p: (p.at, p.reference, p.level))
