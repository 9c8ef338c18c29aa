"""Questions a peer portal forwards to us: the receiving side.

A question filed over Open311 with the key of an app linked to a peer (:attr:`Peer.client_id`)
is a forwarded question: it arrives with channel ``peer``, the origin and its reference in
its history, and is routed, clocked and escalated like any other. The same idempotency key
again is answered with the question it already made. Its public changes go back to the origin
(:mod:`feedback.federation.updates`); we may forward it on, or send it back with a reason.
"""

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text, finish, locked_ticket, move, record, refuse_if
from feedback.errors import FieldError, InvalidInput
from feedback.federation.forwarding import UnknownRequest
from feedback.federation.models import MessageKind, Peer, Received
from feedback.federation.outbox import queue_message
from feedback.federation.updates import update_body
from feedback.handling import citizen_replied
from feedback.intake import Submitted
from feedback.lifecycle import Action, EventKind, TicketStatus
from feedback.models import Channel, Ticket, TicketEvent
from feedback.open311 import requests
from feedback.uploads import MAX_FILES
from routing.services import routing_data

KEY_LENGTH = 100
MAX_LINKS = MAX_FILES
"""As many files as a citizen may attach."""


async def peer_of_app(session: AsyncSession, client_id: int) -> Peer | None:
    """The registered peer that files with this app's key, if it is one."""
    return await session.scalar(select(Peer).where(Peer.client_id == client_id, Peer.removed_at.is_(None)))  # type: ignore[union-attr]


async def _already(session: AsyncSession, peer: Peer, key: str) -> Submitted | None:
    row = (
        await session.execute(
            select(Ticket.id, Ticket.reference, Ticket.status, Ticket.answer_due_at)
            .join(Received, Received.ticket_id == Ticket.id)
            .where(Received.peer_id == peer.id, Received.idempotency_key == key)
        )
    ).first()
    return Submitted(row.id, row.reference, row.status, "", row.answer_due_at) if row else None


async def receive_forward(
    session: AsyncSession,
    peer: Peer,
    params: Mapping[str, str],
    *,
    client_id: int,
    upload_dir: Path,
    now: datetime,
) -> Submitted:
    """File the question the peer forwards, once per idempotency key; the origin hears it was accepted.

    Our categories' extra questions are not asked: the origin's citizen never saw them.
    """
    key = (params.get("idempotency_key") or "").strip()
    origin_reference = (params.get("origin_reference") or "").strip()
    errors = []
    if not key or len(key) > KEY_LENGTH:
        errors.append(FieldError("idempotency_key", "missing" if not key else "invalid"))
    if not origin_reference or len(origin_reference) > 64:
        errors.append(FieldError("origin_reference", "missing" if not origin_reference else "invalid"))
    refuse_if(errors)
    if known := await _already(session, peer, key):
        return known
    choices = {
        "title": params.get("title") or None,
        "publish": params.get("publish_consent") == "true",
        "show_name": params.get("show_name") == "true",
    }
    try:
        async with session.begin_nested():  # the same key twice at once: the second finds the first's
            submitted = await requests.file_request(
                session,
                params,
                None,
                client_id=client_id,
                upload_dir=upload_dir,
                now=now,
                channel=Channel.PEER,
                choices=choices,
            )
            session.add(
                Received(
                    ticket_id=submitted.ticket_id,
                    peer_id=peer.id,
                    their_reference=origin_reference,
                    idempotency_key=key,
                )
            )
            await session.flush()
    except IntegrityError:
        if known := await _already(session, peer, key):
            return known
        raise
    await _note_origin(session, submitted, peer, origin_reference, params, now)
    return submitted


async def _note_origin(
    session: AsyncSession,
    submitted: Submitted,
    peer: Peer,
    origin_reference: str,
    params: Mapping[str, str],
    now: datetime,
) -> None:
    """The history names the origin (and why it sent the question), the ticket keeps the links to the
    citizen's files, and the origin hears the question was accepted (and where it went)."""
    reason, media_urls = params.get("reason"), params.get("media_urls")
    ticket = await session.get_one(Ticket, submitted.ticket_id)
    received = await session.scalar(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == EventKind.RECEIVED)
    )
    if received is not None:
        received.data = {**received.data, "peer": peer.name, "their_reference": origin_reference, "reason": reason}
    links = [link for link in (media_urls or "").split("\n") if link.startswith(("https://", "http://"))]
    if links:
        ticket.client_data = {**(ticket.client_data or {}), "media_urls": links[:MAX_LINKS]}
    body = update_body(ticket, "accepted", {"department_id": ticket.department_id}, now)
    queue_message(
        session, key=f"accepted-{ticket.reference}", kind=MessageKind.UPDATE, peer_id=peer.id, body=body, now=now
    )


async def send_back(
    session: AsyncSession, ticket_id: int, *, reason: str, actor_id: int | None, now: datetime
) -> Ticket:
    """Not ours either: the question goes back to the peer that forwarded it, whose triage takes it again."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.SEND_BACK)
    errors: list[FieldError] = []
    reason = checked_text(reason, "reason", errors)
    received = await session.scalar(select(Received).where(Received.ticket_id == ticket.id))
    if received is None or received.returned_at is not None:
        errors.append(FieldError("status", "not_forwarded_to_us"))
    refuse_if(errors)
    assert received is not None
    peer = await session.get_one(Peer, received.peer_id)
    ticket.status = status
    received.returned_at = now
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.SENT_BACK, actor_id, now, peer=peer.name, reason=reason)
    return ticket


async def apply_from_origin(session: AsyncSession, peer: Peer, update: dict, *, now: datetime) -> None:
    """What the origin sends about a question it forwarded to us: the citizen's reply to our request."""
    ticket_id = await session.scalar(
        select(Ticket.id)
        .join(Received, Received.ticket_id == Ticket.id)
        .where(Received.peer_id == peer.id, Ticket.reference == update["service_request_id"])
    )
    if ticket_id is None:
        raise UnknownRequest(update["service_request_id"])
    ticket = await session.get_one(Ticket, ticket_id)
    if ticket.status is not TicketStatus.AWAITING_CITIZEN:
        raise InvalidInput([FieldError("kind", "action_not_allowed")], status=409)
    await citizen_replied(session, ticket_id, text=update.get("notes") or "", now=now)
