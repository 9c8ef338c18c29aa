"""The escalation scan: every ticket whose next check has come climbs its ladder, each step once.

Safe with any number of schedulers and workers at once: a step is claimed by a conditional
update of ``ticket.escalation_level`` (from the level seen to the step's level); a scan that
loses the race sees no row updated and leaves that ticket to the winner. The scan reads only
the tickets whose indexed ``next_check_at`` has passed, so its cost follows what is due, not
what is open.
"""

from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.lifecycle import OPEN_STATUSES, EventKind
from feedback.models import Ticket, TicketEvent
from notify.models import add_notification
from routing.escalation import DEFAULT_LADDER, Recipient, Step, due_steps, next_check
from routing.services import routing_data
from routing.sla import Clock, Policy


def _recipient(step: Step, ticket: Ticket, coordinating_office_id: int | None) -> str:
    if step.recipient is Recipient.ASSIGNEE:
        return f"user:{ticket.assignee_id}" if ticket.assignee_id else f"department:{ticket.department_id}"
    if step.recipient is Recipient.HEAD:
        return f"head:{ticket.department_id}"
    if step.recipient is Recipient.COORDINATING_OFFICE:
        return f"department:{coordinating_office_id}"
    return "role:leader"


def _level_is(level: int | None) -> ColumnElement[bool]:
    return Ticket.escalation_level.is_(None) if level is None else Ticket.escalation_level == level


async def escalate_due(session: AsyncSession, *, now: datetime, limit: int = 1000) -> int:
    """Fire every step due by ``now`` on tickets whose next check has come; returns how many fired."""
    data = await routing_data(session)
    policy = Policy()
    tickets = await session.scalars(
        select(Ticket)
        .where(Ticket.next_check_at <= now, Ticket.status.in_(OPEN_STATUSES))
        .order_by(Ticket.next_check_at, Ticket.id)  # the same order in every scan: no deadlocks
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    fired = 0
    for ticket in tickets.all():
        if ticket.routed_at is None or ticket.answer_due_at is None:
            continue
        clock = Clock(started_at=ticket.routed_at, due_at=ticket.answer_due_at, paused_at=ticket.paused_at)
        level = ticket.escalation_level
        for step in due_steps(DEFAULT_LADDER, level, clock, data.calendar, policy.warning_ratio, now):
            claim = await session.execute(
                update(Ticket).where(Ticket.id == ticket.id, _level_is(level)).values(escalation_level=step.level)
            )
            if claim.rowcount != 1:
                break  # another scan fired it first; the ticket is its
            level = step.level
            recipient = _recipient(step, ticket, data.coordinating_office_id)
            session.add(
                TicketEvent(
                    ticket_id=ticket.id,
                    kind=EventKind.ESCALATED,
                    public=False,
                    data={"level": step.level, "recipient": recipient},
                    at=now,
                )
            )
            await add_notification(
                session,
                key=f"escalation:{ticket.id}:{step.level}",
                kind="sla_warning" if step.is_warning else f"escalation_level_{step.level}",
                recipient=recipient,
                topic=ticket.reference,
                data={"reference": ticket.reference, "level": step.level, "due_at": ticket.answer_due_at.isoformat()},
                now=now,
            )
            fired += 1
        # Conditional too: if another scan moved the ticket on meanwhile, its value stands.
        await session.execute(
            update(Ticket)
            .where(Ticket.id == ticket.id, _level_is(level))
            .values(next_check_at=next_check(DEFAULT_LADDER, level, clock, data.calendar, policy.warning_ratio))
        )
    return fired
