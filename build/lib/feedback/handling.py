"""Staff actions that move a question between departments or act on its clocks.

Route from triage, accept, transfer, send back to triage, reject, ask the citizen for more
information (the answer clock stops) and take the reply (it starts again), extend. Each one
checks everything first and raises :class:`~feedback.errors.InvalidInput` naming the failing
field, so a refused action changes nothing; otherwise it updates the ticket, recomputes its
next escalation check, and records an event (and, where the citizen must hear of it, a
notification in the outbox) in the caller's transaction.

Who may do what (roles, own department) is checked by the staff pages' guards.
"""

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text, finish, locked_ticket, move, record, refuse_if, tell_citizen, tell_staff
from feedback.errors import FieldError, InvalidInput
from feedback.lifecycle import OPEN_STATUSES, Action, EventKind
from feedback.models import Ticket
from routing.models import Department
from routing.policy import Policy
from routing.services import RoutingData, routing_data
from routing.sla import Clock, Period, SlaError


class RejectReason(StrEnum):
    SPAM = "spam"
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out_of_scope"


async def _department(session: AsyncSession, department_id: int, errors: list[FieldError]) -> Department | None:
    department = await session.get(Department, department_id)
    if department is None or not department.active:
        errors.append(FieldError("department", "department_unknown"))
        return None
    return department


def _restarts(ticket: Ticket, policy: Policy, now: datetime) -> bool:
    """Whether moving the ticket now gives the next department a fresh answer clock.

    Yes if none runs yet, or if the policy says so and the move comes within the acceptance
    window of the department the ticket leaves.
    """
    early = ticket.accept_due_at is not None and now <= ticket.accept_due_at
    return ticket.routed_at is None or (policy.restart_on_transfer and early)


def _assign(ticket: Ticket, department_id: int, data: RoutingData, now: datetime) -> bool:
    """Give the ticket to ``department_id`` with a fresh acceptance window; returns whether the answer clock restarted."""
    policy = data.policy(ticket.category_id, ticket.priority)
    restart = _restarts(ticket, policy, now)
    ticket.department_id = department_id
    ticket.assignee_id = None
    ticket.assigned_at = now
    ticket.accept_due_at = policy.accept.after(data.calendar, now)
    ticket.accepted_at = None
    ticket.accept_level = None
    if restart:
        ticket.routed_at = now
        ticket.answer_due_at = policy.answer.after(data.calendar, now)
        ticket.answer_level = None
        ticket.extended_at = None
        ticket.waited_minutes = 0
    return restart


async def route_from_triage(
    session: AsyncSession, ticket_id: int, *, department_id: int, actor_id: int | None, now: datetime
) -> Ticket:
    """The coordinating office sends a question in its triage queue to the department that answers it."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.ROUTE)
    errors: list[FieldError] = []
    department = await _department(session, department_id, errors)
    refuse_if(errors)
    data = await routing_data(session)
    restarted = _assign(ticket, department.id, data, now)
    ticket.status = status
    finish(ticket, data, now)
    record(
        session,
        ticket,
        EventKind.ROUTED,
        actor_id,
        now,
        department_id=department.id,
        routed_by="coordinator",
        restarted=restarted,
    )
    await tell_staff(session, ticket, "new_ticket", f"department:{department.id}", now)
    return ticket


async def transfer(
    session: AsyncSession, ticket_id: int, *, department_id: int, reason: str, actor_id: int | None, now: datetime
) -> Ticket:
    """A department hands a question outside its remit straight to the competent one, saying why."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.TRANSFER)
    errors: list[FieldError] = []
    reason = checked_text(reason, "reason", errors)
    department = await _department(session, department_id, errors)
    if department is not None and department.id == ticket.department_id:
        errors.append(FieldError("department", "same_department"))
    refuse_if(errors)
    data = await routing_data(session)
    previous = ticket.department_id
    restarted = _assign(ticket, department.id, data, now)
    ticket.status = status
    finish(ticket, data, now)
    record(
        session,
        ticket,
        EventKind.TRANSFERRED,
        actor_id,
        now,
        from_department_id=previous,
        department_id=department.id,
        reason=reason,
        restarted=restarted,
    )
    await tell_staff(session, ticket, "new_ticket", f"department:{department.id}", now)
    return ticket


async def send_to_triage(
    session: AsyncSession, ticket_id: int, *, reason: str, actor_id: int | None, now: datetime
) -> Ticket:
    """A department that cannot tell who answers sends the question back to the coordinating office."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.SEND_TO_TRIAGE)
    errors: list[FieldError] = []
    reason = checked_text(reason, "reason", errors)
    data = await routing_data(session)
    if data.coordinating_office_id is None:
        errors.append(FieldError("department", "no_coordinating_office"))
    refuse_if(errors)
    restart = _restarts(ticket, data.policy(ticket.category_id, ticket.priority), now)
    previous = ticket.department_id
    ticket.status = status
    ticket.department_id = data.coordinating_office_id
    ticket.assignee_id = None
    ticket.assigned_at = ticket.accept_due_at = ticket.accepted_at = None
    ticket.accept_level = None
    if restart:  # the department that gets it from triage starts afresh
        ticket.routed_at = ticket.answer_due_at = ticket.extended_at = None
        ticket.answer_level = None
        ticket.waited_minutes = 0
    finish(ticket, data, now)
    record(
        session,
        ticket,
        EventKind.SENT_TO_TRIAGE,
        actor_id,
        now,
        from_department_id=previous,
        department_id=data.coordinating_office_id,
        reason=reason,
    )
    await tell_staff(session, ticket, "new_ticket", f"department:{data.coordinating_office_id}", now)
    return ticket


async def accept(session: AsyncSession, ticket_id: int, *, actor_id: int | None, now: datetime) -> Ticket:
    """The department takes the question on: the transfer and acceptance clocks stop."""
    ticket = await locked_ticket(session, ticket_id)
    ticket.status = move(ticket, Action.CLAIM)
    ticket.accepted_at = now
    ticket.assignee_id = ticket.assignee_id or actor_id
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.ACCEPTED, actor_id, now)
    return ticket


async def reject(
    session: AsyncSession,
    ticket_id: int,
    *,
    reason: RejectReason | str,
    explanation: str,
    duplicate_of: str | None = None,
    actor_id: int | None,
    now: datetime,
) -> Ticket:
    """Refuse the question (spam, a duplicate of another reference, outside the office's scope).

    The explanation is shown to the citizen and sent to them.
    """
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.REJECT)
    errors: list[FieldError] = []
    try:
        reason = RejectReason(reason)
    except ValueError:
        errors.append(FieldError("reason", "reject_reason_unknown"))
    explanation = checked_text(explanation, "explanation", errors)
    original = None
    if reason == RejectReason.DUPLICATE:
        original = await session.scalar(
            select(Ticket.reference).where(Ticket.reference == (duplicate_of or "").strip())
        )
        if original is None or original == ticket.reference:
            errors.append(FieldError("duplicate_of", "duplicate_unknown"))
    refuse_if(errors)
    ticket.status = status
    ticket.next_check_at = None
    ticket.updated_at = now
    record(
        session,
        ticket,
        EventKind.REJECTED,
        actor_id,
        now,
        reason=reason,
        explanation=explanation,
        duplicate_of=original,
    )
    await tell_citizen(
        session, ticket, "rejected", now, reason=str(reason), duplicate_of=original, explanation=explanation
    )
    return ticket


async def request_information(
    session: AsyncSession, ticket_id: int, *, message: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Ask the citizen for what is missing ("cần bổ sung thông tin"): the answer clock stops."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.REQUEST_INFO)
    errors: list[FieldError] = []
    message = checked_text(message, "message", errors, missing="missing")
    refuse_if(errors)
    if ticket.routed_at is None or ticket.answer_due_at is None:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    clock = Clock(ticket.routed_at, ticket.answer_due_at).pause(now)
    ticket.status = status
    ticket.paused_at = clock.paused_at
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.INFO_REQUESTED, actor_id, now, message=message)
    await tell_citizen(session, ticket, "info_requested", now, message=message)
    return ticket


async def citizen_replied(session: AsyncSession, ticket_id: int, *, text: str, now: datetime) -> Ticket:
    """The citizen's reply: the clock starts again, its due time moved by the working time spent waiting."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.CITIZEN_REPLY)
    errors: list[FieldError] = []
    text = checked_text(text, "reply", errors, missing="reply_missing")
    refuse_if(errors)
    data = await routing_data(session)
    if ticket.routed_at is None or ticket.answer_due_at is None or ticket.paused_at is None:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    clock = Clock(ticket.routed_at, ticket.answer_due_at, paused_at=ticket.paused_at).resume(
        data.calendar, now, waited_before=timedelta(minutes=ticket.waited_minutes)
    )
    waited = data.calendar.working_time(ticket.paused_at, now)
    ticket.status = status
    ticket.paused_at = None
    ticket.answer_due_at = clock.due_at
    ticket.waited_minutes += int(waited.total_seconds() // 60)
    finish(ticket, data, now)
    record(
        session,
        ticket,
        EventKind.CITIZEN_REPLIED,
        None,
        now,
        text=text,
        waited_hours=round(waited.total_seconds() / 3600, 2),
        answer_due_at=clock.due_at.isoformat(),
    )
    return ticket


async def extend(
    session: AsyncSession, ticket_id: int, *, period: str, reason: str, actor_id: int | None, now: datetime
) -> Ticket:
    """A head's one extension of the answer deadline, within the policy's limit; the reason is public."""
    ticket = await locked_ticket(session, ticket_id)
    if ticket.status not in OPEN_STATUSES or ticket.routed_at is None or ticket.answer_due_at is None:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    data = await routing_data(session)
    policy = data.policy(ticket.category_id, ticket.priority)
    errors: list[FieldError] = []
    reason = checked_text(reason, "reason", errors)
    clock = Clock(ticket.routed_at, ticket.answer_due_at, extended=ticket.extended_at is not None)
    try:
        clock = clock.extend(data.calendar, Period.parse(period), policy.max_extension)
    except SlaError:
        if ticket.extended_at is not None:
            errors.append(FieldError("period", "already_extended"))
        else:
            errors.append(FieldError("period", "extension_invalid", {"limit": str(policy.max_extension)}))
    refuse_if(errors)
    previous = ticket.answer_due_at
    ticket.answer_due_at = clock.due_at
    ticket.extended_at = now
    finish(ticket, data, now)
    record(
        session,
        ticket,
        EventKind.EXTENDED,
        actor_id,
        now,
        reason=reason,
        period=str(Period.parse(period)),
        previous_due_at=previous.isoformat(),
        answer_due_at=clock.due_at.isoformat(),
    )
    await tell_citizen(session, ticket, "extended", now, answer_due_at=clock.due_at.isoformat(), explanation=reason)
    return ticket
