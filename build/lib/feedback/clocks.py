"""A ticket's SLA clocks, read from its columns: which run now, what they show, when to look again.

Three clocks, each climbing the policy's escalation ladder on its own:

- **transfer**: the legal 5 working days from receipt to forward a question outside an agency's
  remit; it runs in triage and until a department accepts the question;
- **accept**: the department that has the question must accept (or transfer) it, by default
  within 2 working days of its arrival there;
- **answer**: from routing to the answer, paused while waiting for the citizen, extended at most
  once.
"""

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from feedback.lifecycle import OPEN_STATUSES, TicketStatus
from feedback.models import Ticket
from routing.calendar import WorkingCalendar
from routing.escalation import next_check
from routing.policy import Policy
from routing.sla import Clock, ClockState


class ClockKind(StrEnum):
    TRANSFER = "transfer"
    ACCEPT = "accept"
    ANSWER = "answer"


LEVEL_COLUMNS: dict[ClockKind, str] = {
    ClockKind.TRANSFER: "transfer_level",
    ClockKind.ACCEPT: "accept_level",
    ClockKind.ANSWER: "answer_level",
}

Running = Mapping[ClockKind, tuple[Clock, int | None]]
"""The clocks that run, each with the highest escalation level it has fired."""


def running(ticket: Ticket) -> dict[ClockKind, tuple[Clock, int | None]]:
    """The clocks that run for ``ticket`` in its current state."""
    if ticket.status not in OPEN_STATUSES:
        return {}
    clocks: dict[ClockKind, tuple[Clock, int | None]] = {}
    if ticket.accepted_at is None and ticket.transfer_due_at is not None:
        clocks[ClockKind.TRANSFER] = (Clock(ticket.created_at, ticket.transfer_due_at), ticket.transfer_level)
    if ticket.status is TicketStatus.ASSIGNED and ticket.assigned_at and ticket.accept_due_at:
        clocks[ClockKind.ACCEPT] = (Clock(ticket.assigned_at, ticket.accept_due_at), ticket.accept_level)
    if ticket.routed_at is not None and ticket.answer_due_at is not None:
        answer = Clock(
            ticket.routed_at, ticket.answer_due_at, paused_at=ticket.paused_at, extended=ticket.extended_at is not None
        )
        clocks[ClockKind.ANSWER] = (answer, ticket.answer_level)
    return clocks


def next_check_at(clocks: Running, policy: Policy, calendar: WorkingCalendar) -> datetime | None:
    """The earliest instant a step of any running clock falls due (None: nothing left to fire)."""
    times = [
        next_check(policy.ladder, level, clock, calendar, policy.warning_ratio) for clock, level in clocks.values()
    ]
    return min((t for t in times if t is not None), default=None)


def deadlines(ticket: Ticket, calendar: WorkingCalendar, now: datetime) -> dict[ClockKind, ClockState]:
    """What each running clock shows at ``now``: due at, working time left or overdue by, paused, extended."""
    return {kind: clock.state(calendar, now) for kind, (clock, _) in running(ticket).items()}


def answer_minutes(ticket: Ticket, calendar: WorkingCalendar) -> int | None:
    """How long the answer took, in working minutes from routing, less the time waiting for the citizen."""
    if ticket.routed_at is None or ticket.answered_at is None:
        return None
    taken = calendar.working_time(ticket.routed_at, ticket.answered_at)
    return max(0, int(taken.total_seconds() // 60) - ticket.waited_minutes)
