"""Writing and approving the answer, and the department's internal work on a ticket.

An officer drafts the answer (plain text with a small Markdown subset, rendered safely) and
submits it; the head approves it, which makes the ticket answered, tells the citizen (outbox)
and, if the citizen consented, publishes the question and answer, all in one transaction; or
returns it with a comment. Heads assign tickets to colleagues; anyone working the ticket may
add an internal note, which the citizen and the public never see.
"""

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text, finish, locked_ticket, move, record, refuse_if, tell_citizen, tell_staff
from feedback.clocks import answer_minutes
from feedback.errors import FieldError, InvalidInput
from feedback.lifecycle import Action, EventKind, TicketStatus
from feedback.models import AttachmentKind, Role, Ticket, User
from feedback.publication import publish
from feedback.uploads import CheckedFile, store_files
from routing.services import routing_data

MAX_ANSWER = 20_000
WORKING_STATUSES = frozenset({TicketStatus.IN_PROGRESS})


async def assign(
    session: AsyncSession, ticket_id: int, *, assignee_id: int, actor_id: int | None, now: datetime
) -> Ticket:
    """Give the ticket to a colleague of its department (an active officer or head)."""
    ticket = await locked_ticket(session, ticket_id)
    assignee = await session.get(User, assignee_id)
    if (
        assignee is None
        or not assignee.active
        or assignee.department_id != ticket.department_id
        or assignee.role not in (Role.OFFICER, Role.HEAD)
    ):
        raise InvalidInput([FieldError("assignee", "assignee_unknown")])
    if ticket.status not in (TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, TicketStatus.REOPENED):
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    ticket.assignee_id = assignee.id
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.ASSIGNED, actor_id, now, assignee_id=assignee.id)
    if assignee.id != actor_id:  # not when an officer takes it themselves
        await tell_staff(session, ticket, "assigned", f"user:{assignee.id}", now)
    return ticket


async def add_note(session: AsyncSession, ticket_id: int, *, text: str, actor_id: int | None, now: datetime) -> Ticket:
    """An internal note on the timeline (staff only)."""
    ticket = await locked_ticket(session, ticket_id)
    errors: list[FieldError] = []
    text = checked_text(text, "note", errors, missing="missing")
    refuse_if(errors)
    ticket.updated_at = now
    record(session, ticket, EventKind.NOTE, actor_id, now, text=text)
    return ticket


def _answer(text: str | None) -> str:
    errors: list[FieldError] = []
    text = checked_text(text, "answer", errors, limit=MAX_ANSWER, missing="answer_missing")
    refuse_if(errors)
    return text


async def save_draft(
    session: AsyncSession, ticket_id: int, *, text: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Keep the answer being written (the ticket stays with the department)."""
    ticket = await locked_ticket(session, ticket_id)
    if ticket.status not in WORKING_STATUSES:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    ticket.answer_draft = _answer(text)
    ticket.answer_author_id = actor_id
    ticket.updated_at = now
    return ticket


async def submit_answer(
    session: AsyncSession, ticket_id: int, *, text: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Send the answer to the head for approval."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.SUBMIT)
    ticket.answer_draft = _answer(text)
    ticket.answer_author_id = actor_id
    ticket.status = status
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.ANSWER_SUBMITTED, actor_id, now, text=ticket.answer_draft)
    await tell_staff(session, ticket, "approval_requested", f"head:{ticket.department_id}", now)
    return ticket


async def return_answer(
    session: AsyncSession, ticket_id: int, *, comment: str, actor_id: int | None, now: datetime
) -> Ticket:
    """The head sends the draft back to be reworked, saying what to change."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.RETURN)
    errors: list[FieldError] = []
    comment = checked_text(comment, "comment", errors)
    refuse_if(errors)
    ticket.status = status
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.ANSWER_RETURNED, actor_id, now, comment=comment)
    if ticket.answer_author_id is not None:
        await tell_staff(session, ticket, "answer_returned", f"user:{ticket.answer_author_id}", now, comment=comment)
    return ticket


async def approve_answer(session: AsyncSession, ticket_id: int, *, actor_id: int | None, now: datetime) -> Ticket:
    """The head approves the draft: the ticket is answered, the citizen told, the Q&A published if agreed."""
    ticket = await locked_ticket(session, ticket_id)
    ticket.status = move(ticket, Action.APPROVE)
    ticket.answer_text = ticket.answer_draft
    ticket.answer_approver_id = actor_id
    ticket.answered_at = now
    ticket.paused_at = None
    data = await routing_data(session)
    ticket.answer_minutes = answer_minutes(ticket, data.calendar)
    finish(ticket, data, now)
    on_time = ticket.answer_due_at is None or now <= ticket.answer_due_at
    record(session, ticket, EventKind.ANSWERED, actor_id, now, on_time=on_time)
    await tell_citizen(session, ticket, "answered", now)
    if ticket.publish_consent:
        await publish(session, ticket, actor_id=actor_id, now=now)
    return ticket


async def link_duplicate(
    session: AsyncSession, ticket_id: int, *, original: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Answer the ticket with the approved answer of ``original``, an already answered question (not published again)."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.LINK_DUPLICATE)
    source = await session.scalar(select(Ticket).where(Ticket.reference == original.strip()))
    if source is None or source.id == ticket.id or source.answer_text is None or source.answered_at is None:
        raise InvalidInput([FieldError("duplicate_of", "original_unanswered")])
    ticket.status = status
    ticket.answer_text = source.answer_text
    ticket.answer_approver_id = actor_id
    ticket.answered_at = now
    ticket.paused_at = None
    data = await routing_data(session)
    ticket.answer_minutes = answer_minutes(ticket, data.calendar)
    finish(ticket, data, now)
    record(session, ticket, EventKind.LINKED_DUPLICATE, actor_id, now, duplicate_of=source.reference)
    await tell_citizen(session, ticket, "answered", now, duplicate_of=source.reference)
    return ticket


async def attach_to_answer(
    session: AsyncSession, ticket: Ticket, files: list[CheckedFile], *, upload_dir: Path, now: datetime
) -> None:
    """Files that go with the answer: the citizen gets them, and the public once the Q&A is published."""
    await store_files(session, ticket.id, files, upload_dir=upload_dir, now=now, kind=AttachmentKind.ANSWER)


async def colleagues(session: AsyncSession, department_id: int) -> list[User]:
    """Who a ticket of this department may be assigned to."""
    return list(
        await session.scalars(
            select(User)
            .where(User.department_id == department_id, User.active, User.role.in_((Role.OFFICER, Role.HEAD)))
            .order_by(User.full_name)
        )
    )
