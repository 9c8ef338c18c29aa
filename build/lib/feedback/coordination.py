"""Coordination (phối hợp): the lead department asks others for input, each with its own deadline.

A sub-task goes to another department's inbox with a deadline on the working calendar (by
default 5 working days); its reply lands in the lead ticket's timeline. Overdue sub-tasks show
on both sides. The lead department still writes the one answer.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text, locked_ticket, record, refuse_if
from feedback.errors import FieldError, InvalidInput, NotFound
from feedback.lifecycle import OPEN_STATUSES, EventKind
from feedback.models import Subtask, Ticket, User
from routing.models import Department
from routing.services import routing_data
from routing.sla import working_days

SUBTASK_PERIOD = working_days(5)


async def request_input(
    session: AsyncSession,
    ticket_id: int,
    *,
    department_ids: Sequence[int],
    request: str,
    actor_id: int | None,
    now: datetime,
) -> list[Subtask]:
    """Ask each of ``department_ids`` (not the lead department) for input on the ticket."""
    ticket = await locked_ticket(session, ticket_id)
    errors: list[FieldError] = []
    request = checked_text(request, "request", errors, missing="missing")
    wanted = set(department_ids) - {ticket.department_id}
    known = set(
        await session.scalars(select(Department.id).where(Department.id.in_(wanted), Department.active))
    ) if wanted else set()  # fmt: skip
    if not wanted or known != wanted:
        errors.append(FieldError("departments", "department_unknown"))
    if ticket.status not in OPEN_STATUSES:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    refuse_if(errors)
    due = SUBTASK_PERIOD.after((await routing_data(session)).calendar, now)
    subtasks = [
        Subtask(
            ticket_id=ticket.id, department_id=d, request=request, requested_by_id=actor_id, created_at=now, due_at=due
        )
        for d in sorted(wanted)
    ]
    session.add_all(subtasks)
    ticket.updated_at = now
    record(
        session,
        ticket,
        EventKind.INPUT_REQUESTED,
        actor_id,
        now,
        departments=sorted(wanted),
        text=request,
    )
    await session.flush()
    return subtasks


async def reply(session: AsyncSession, subtask_id: int, *, text: str, user: User, now: datetime) -> Subtask:
    """The asked department's reply; it lands in the lead ticket's timeline."""
    subtask = await session.get(Subtask, subtask_id, with_for_update=True)
    if subtask is None or subtask.department_id != user.department_id:
        raise NotFound(str(subtask_id))
    errors: list[FieldError] = []
    text = checked_text(text, "reply", errors, missing="missing")
    if subtask.replied_at is not None:
        errors.append(FieldError("reply", "already_replied"))
    refuse_if(errors)
    subtask.reply, subtask.replied_by_id, subtask.replied_at = text, user.id, now
    ticket = await locked_ticket(session, subtask.ticket_id)
    ticket.updated_at = now
    record(
        session, ticket, EventKind.INPUT_RECEIVED, user.id, now,
        department_id=subtask.department_id, text=text,
    )  # fmt: skip
    return subtask


@dataclass(frozen=True)
class SubtaskView:
    subtask: Subtask
    ticket: Ticket
    department: Department
    overdue: bool


async def subtasks(
    session: AsyncSession, *, now: datetime, ticket_id: int | None = None, department_id: int | None = None
) -> list[SubtaskView]:
    """A ticket's sub-tasks, or the open ones asked of a department, soonest due first."""
    query = select(Subtask, Ticket, Department).join(Ticket, Ticket.id == Subtask.ticket_id)
    query = query.join(Department, Department.id == Subtask.department_id)
    if ticket_id is not None:
        query = query.where(Subtask.ticket_id == ticket_id)
    if department_id is not None:
        query = query.where(Subtask.department_id == department_id, Subtask.replied_at.is_(None))
    rows = await session.execute(query.order_by(Subtask.due_at, Subtask.id))
    return [SubtaskView(s, t, d, overdue=s.replied_at is None and s.due_at < now) for s, t, d in rows]
