"""Putting answered questions on the public Q&A pages, editing their public wording, taking them down.

Only a question whose citizen consented is ever published. Coordinators may edit the public
title and question to remove personal data (the original is kept; the edit is an event), and
may unpublish with a reason. The search index (:class:`~feedback.models.QaSearch`) follows
every change, in the same transaction.
"""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text, locked_ticket, record, refuse_if
from feedback.errors import FieldError, InvalidInput
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import QaSearch, Ticket
from feedback.schemas import QUESTION_MAX, TITLE_MAX
from feedback.search import document_of


async def _index(session: AsyncSession, ticket: Ticket) -> None:
    document = document_of(
        ticket.public_title or ticket.title, ticket.public_body or ticket.body, ticket.answer_text or ""
    )
    await session.merge(
        QaSearch(
            ticket_id=ticket.id,
            document=document,
            published_at=ticket.published_at,
            category_id=ticket.category_id,
            department_id=ticket.department_id,
        )
    )


async def publish(session: AsyncSession, ticket: Ticket, *, actor_id: int | None, now: datetime) -> None:
    """Publish an answered ticket whose citizen consented (called on approval, or to republish)."""
    if not ticket.publish_consent or ticket.status is not TicketStatus.ANSWERED or not ticket.answer_text:
        raise InvalidInput([FieldError("status", "not_publishable")], status=409)
    ticket.published_at = now
    await _index(session, ticket)
    record(session, ticket, EventKind.PUBLISHED, actor_id, now)


async def unpublish(
    session: AsyncSession, ticket_id: int, *, reason: str, actor_id: int | None, now: datetime
) -> Ticket:
    ticket = await locked_ticket(session, ticket_id)
    errors: list[FieldError] = []
    reason = checked_text(reason, "reason", errors)
    if ticket.published_at is None:
        errors.append(FieldError("status", "not_published"))
    refuse_if(errors)
    ticket.published_at = None
    ticket.updated_at = now
    await session.execute(delete(QaSearch).where(QaSearch.ticket_id == ticket.id))
    record(session, ticket, EventKind.UNPUBLISHED, actor_id, now, reason=reason)
    return ticket


async def redact(
    session: AsyncSession, ticket_id: int, *, title: str, body: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Set the public wording of the question (the citizen's original stays as it was)."""
    ticket = await locked_ticket(session, ticket_id)
    errors: list[FieldError] = []
    title = checked_text(title, "public_title", errors, limit=TITLE_MAX, missing="missing")
    body = checked_text(body, "public_body", errors, limit=QUESTION_MAX, missing="missing")
    refuse_if(errors)
    ticket.public_title, ticket.public_body = title, body
    ticket.updated_at = now
    if ticket.published_at is not None:
        await _index(session, ticket)
    record(session, ticket, EventKind.REDACTED, actor_id, now)
    return ticket
