"""The steps every staff action shares: lock the ticket, check the move and the input, record it.

A staff action checks everything before it writes, so a refusal changes nothing; it locks the
ticket first, so two people acting at once are served one after the other, and the second
sees the first one's change (a stale form is refused with :func:`check_version`).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.clocks import next_check_at, running
from feedback.errors import FieldError, InvalidInput, NotFound
from feedback.federation.updates import tell_origin
from feedback.lifecycle import Action, EventKind, InvalidTransition, TicketStatus, transition
from feedback.models import Channel, Ticket, TicketEvent
from notify.models import add_notification, add_notifications
from routing.services import RoutingData
from routing.text import contains_markup, nfc

MAX_REASON = 2000


def checked_text(
    value: str | None,
    field: str,
    errors: list[FieldError],
    *,
    limit: int = MAX_REASON,
    missing: str = "reason_missing",
) -> str:
    """The NFC text of a mandatory reason, message or reply; an error joins ``errors`` if it is unusable.

    ``missing`` is the message code for an empty field.
    """
    text = nfc(value or "").strip()
    if not text:
        errors.append(FieldError(field, missing))
    elif len(text) > limit:
        errors.append(FieldError(field, "string_too_long", {"max_length": limit}))
    elif contains_markup(text):
        errors.append(FieldError(field, "markup_forbidden"))
    return text


def refuse_if(errors: list[FieldError]) -> None:
    if errors:
        raise InvalidInput(errors)


async def locked_ticket(session: AsyncSession, ticket_id: int) -> Ticket:
    """The ticket, locked until the transaction ends (PostgreSQL; SQLite has one writer at a time)."""
    ticket = await session.scalar(
        select(Ticket).where(Ticket.id == ticket_id).with_for_update().execution_options(populate_existing=True)
    )
    if ticket is None:
        raise NotFound(str(ticket_id))
    return ticket


def check_version(ticket: Ticket, version: str | None) -> None:
    """Refuse if the (locked) ticket changed since the form was loaded: ``version`` is its ``updated_at`` then.

    A double submit is refused the same way: the first one changed the ticket.
    """
    if version != ticket.updated_at.isoformat():
        raise InvalidInput([FieldError("version", "stale")], status=409)


def move(ticket: Ticket, action: Action) -> TicketStatus:
    """The status ``action`` leads to; refused (409) if the ticket's status does not allow it."""
    try:
        return transition(ticket.status, action)
    except InvalidTransition:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409) from None


def finish(ticket: Ticket, data: RoutingData, now: datetime) -> None:
    """After a change: when the escalation scan must look again, and the ticket's new version."""
    policy = data.policy(ticket.category_id, ticket.priority)
    ticket.next_check_at = next_check_at(running(ticket), policy, data.calendar)
    ticket.updated_at = now


def record(
    session: AsyncSession,
    ticket: Ticket,
    kind: EventKind,
    actor_id: int | None,
    now: datetime,
    **data: Any,
) -> None:
    """Append the event; whether the citizen sees it follows from its kind (:data:`~feedback.lifecycle.PUBLIC_EVENTS`).

    A public change of a question a peer portal forwarded to us is also told to that peer.
    """
    session.add(TicketEvent(ticket_id=ticket.id, actor_id=actor_id, kind=kind, public=kind.public, data=data, at=now))
    if kind.public and ticket.channel is Channel.PEER:
        tell_origin(session, ticket, kind, data, now)


def citizen_notice(ticket: Ticket, kind: str, now: datetime, **data: Any) -> dict[str, Any]:
    """The outbox row of a notification to the citizen (:func:`tell_citizen` writes one; a batch writes many)."""
    return {
        "idempotency_key": f"citizen:{ticket.id}:{kind}:{now:%Y%m%dT%H%M%S.%f}",
        "kind": f"citizen_{kind}",
        "recipient": f"citizen:{ticket.id}",
        "topic": ticket.reference,
        "data": {"reference": ticket.reference, **data},
        "created_at": now,
    }


async def tell_citizen(session: AsyncSession, ticket: Ticket, kind: str, now: datetime, **data: Any) -> None:
    """A notification to the citizen in the outbox, in the caller's transaction."""
    await add_notifications(session, [citizen_notice(ticket, kind, now, **data)])


async def tell_staff(
    session: AsyncSession, ticket: Ticket, kind: str, recipient: str, now: datetime, **data: Any
) -> None:
    """A notification to staff (``department:5``, ``head:5``, ``user:3``) in the outbox, in the caller's transaction."""
    await add_notification(
        session,
        key=f"{kind}:{ticket.id}:{recipient}:{now:%Y%m%dT%H%M%S.%f}",
        kind=kind,
        recipient=recipient,
        topic=ticket.reference,
        data={"reference": ticket.reference, **data},
        now=now,
    )
