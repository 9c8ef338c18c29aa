"""Answers sent by post: a citizen without email or mobile still gets the answer, on paper.

The answer is approved as any other (and counts as answered in every figure from then); staff
then record the day it went out, which the history and the citizen's status page show.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import locked_ticket, record, refuse_if
from feedback.errors import FieldError, InvalidInput
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Ticket, User
from feedback.permissions import sight
from routing.calendar import VIETNAM

ANSWERED = frozenset({TicketStatus.ANSWERED, TicketStatus.CLOSED})
LISTED = 200


def to_post() -> ColumnElement[bool]:
    """Answered, not yet sent by post, to a citizen who can be reached by post only (an address, no email nor mobile).

    Questions from an app or a peer portal have no contact either, but there the app or the
    portal passes the answer on; they have no postal address.
    """
    return and_(
        Ticket.status.in_(ANSWERED),
        Ticket.posted_at.is_(None),
        Ticket.citizen_email.is_(None),
        Ticket.citizen_phone.is_(None),
        Ticket.address.is_not(None),
    )


async def answers_to_post(session: AsyncSession, user: User) -> Sequence[Ticket]:
    """The answers ``user`` may see that are waiting to be sent by post, the oldest first."""
    seen = await sight(session, user)
    query = select(Ticket).where(seen.condition(), to_post()).order_by(Ticket.answered_at, Ticket.id).limit(LISTED)
    return (await session.scalars(query)).all()


def read_day(text: str) -> date | None:
    """A day from a date input (yyyy-mm-dd) or typed as dd/mm/yyyy."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007  (a day, no time)
    except ValueError:
        return None


async def record_posted(
    session: AsyncSession, ticket_id: int, *, sent_on: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Record that the answer went out by post on ``sent_on`` (the form's text): not in the future, not before the answer."""
    ticket = await locked_ticket(session, ticket_id)
    if ticket.status not in ANSWERED or ticket.answered_at is None:
        raise InvalidInput([FieldError("status", "not_answered")], status=409)
    if ticket.posted_at is not None:
        raise InvalidInput([FieldError("status", "already_posted")], status=409)
    day = read_day(sent_on)
    if day is None:
        raise InvalidInput([FieldError("posted_on", "date_invalid")])
    today = now.astimezone(VIETNAM).date()
    answered_on = ticket.answered_at.astimezone(VIETNAM).date()
    errors: list[FieldError] = []
    if day > today:
        errors.append(FieldError("posted_on", "posted_in_future"))
    elif day < answered_on:
        errors.append(FieldError("posted_on", "posted_before_answer", {"answered": f"{answered_on:%d/%m/%Y}"}))
    refuse_if(errors)
    if day == today:
        ticket.posted_at = now
    else:  # only the day is known: midday, and never before the answer
        ticket.posted_at = max(ticket.answered_at, datetime.combine(day, time(12), VIETNAM).astimezone(UTC))
    ticket.updated_at = now
    record(session, ticket, EventKind.POSTED, actor_id, now, posted_on=day.isoformat())
    return ticket
