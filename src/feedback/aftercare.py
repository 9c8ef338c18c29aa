"""After the answer: the citizen rates it, or asks a follow-up that reopens the question.

Both happen on the citizen's private status page. A follow-up is accepted within
:attr:`~feedback.settings.Settings.follow_up_days` of the answer; it reopens the ticket to the same
department with a new answer clock, and the department hears of it through the outbox.
"""

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import MAX_REASON, checked_text, finish, move, record, refuse_if
from feedback.errors import FieldError
from feedback.lifecycle import Action, EventKind, TicketStatus
from feedback.models import Ticket
from feedback.reorganisation.successor import to_live_department
from notify.models import add_notifications
from routing.services import routing_data
from routing.text import contains_markup, nfc


async def rate(session: AsyncSession, ticket: Ticket, *, rating: str, comment: str, now: datetime) -> None:
    """A rating from 1 to 5 and an optional comment, once, on an answered question."""
    errors: list[FieldError] = []
    score = int(rating) if rating.strip() in {"1", "2", "3", "4", "5"} else None
    if score is None:
        errors.append(FieldError("rating", "rating_invalid"))
    comment = nfc(comment).strip()
    if len(comment) > MAX_REASON:
        errors.append(FieldError("comment", "string_too_long", {"max_length": MAX_REASON}))
    elif contains_markup(comment):
        errors.append(FieldError("comment", "markup_forbidden"))
    if ticket.status not in (TicketStatus.ANSWERED, TicketStatus.CLOSED):
        errors.append(FieldError("rating", "action_not_allowed"))
    elif ticket.rating is not None:
        errors.append(FieldError("rating", "already_rated"))
    refuse_if(errors)
    ticket.rating, ticket.rating_comment, ticket.rated_at = score, comment or None, now
    record(session, ticket, EventKind.RATED, None, now, rating=score, text=comment or None)


async def follow_up(session: AsyncSession, ticket: Ticket, *, text: str, window: timedelta, now: datetime) -> None:
    """Reopen the question to the same department (or the one that took over its work), with a new answer clock."""
    errors: list[FieldError] = []
    text = checked_text(text, "follow_up", errors, missing="missing")
    if ticket.answered_at is not None and now - ticket.answered_at > window:
        errors.append(FieldError("follow_up", "follow_up_closed"))
    refuse_if(errors)
    ticket.status = move(ticket, Action.REOPEN)
    await to_live_department(session, ticket, now=now)
    data = await routing_data(session)
    policy = data.policy(ticket.category_id, ticket.priority)
    ticket.routed_at = now
    ticket.answer_due_at = policy.answer.after(data.calendar, now)
    ticket.answer_level = None
    ticket.extended_at = None
    ticket.answered_at = ticket.answer_minutes = None
    ticket.waited_minutes = 0
    finish(ticket, data, now)
    record(session, ticket, EventKind.FOLLOW_UP, None, now, text=text)
    key = f"{ticket.id}:{now:%Y%m%dT%H%M%S.%f}"
    about = {"topic": ticket.reference, "data": {"reference": ticket.reference}, "created_at": now}
    await add_notifications(
        session,
        [
            {
                "idempotency_key": f"follow_up:{key}",
                "kind": "follow_up",
                "recipient": f"department:{ticket.department_id}",
            }
            | about,
            {
                "idempotency_key": f"citizen_reopened:{key}",
                "kind": "citizen_reopened",
                "recipient": f"citizen:{ticket.id}",
            }
            | about,
        ],
    )
