"""Forwarding a question to a peer portal, and following it there: the origin's side.

Staff (or ``caunoi forward``) send a question outside our remit to a peer and one of its
services, with a reason. The request waits in the outbox (:mod:`feedback.federation.outbox`)
until the peer takes it; until then staff may cancel it. Once the peer has it, the transfer
clock is met, and what the peer says of it (by signed callback, :mod:`feedback.federation.callbacks`,
or when polled, :mod:`feedback.federation.polling`) lands once in the question's history: its
deadline becomes the date the citizen is shown and our answer clock, so a peer late by its own
deadline escalates here like a late department; its request for information reaches the citizen
through us; its answer goes to the citizen with our usual notifications; a question sent back
returns to our triage.
"""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import (
    checked_text,
    citizen_notice,
    finish,
    locked_ticket,
    move,
    record,
    refuse_if,
    tell_citizen,
    tell_staff,
)
from feedback.clocks import answer_minutes
from feedback.errors import FieldError, InvalidInput
from feedback.federation import media
from feedback.federation.models import Forward, ForwardStatus, MessageKind, Peer, PeerMessage
from feedback.federation.outbox import queue_message
from feedback.lifecycle import Action, EventKind, TicketStatus
from feedback.models import Attachment, AttachmentKind, Ticket
from feedback.publication import publish
from feedback.settings import get_settings
from notify.models import DeliveryStatus, add_notifications
from routing.models import Area
from routing.services import routing_data

ACTIVE = (ForwardStatus.WAITING, ForwardStatus.AT_PEER, ForwardStatus.FAILED)
"""A forward in one of these holds its question: it is not with us until it is cancelled or comes back."""


class UnknownRequest(LookupError):
    """A peer spoke of a request we did not forward to it (or no longer follow there)."""


async def current(session: AsyncSession, ticket_id: int) -> Forward | None:
    """The ticket's latest forward, whatever became of it."""
    return await session.scalar(
        select(Forward).where(Forward.ticket_id == ticket_id).order_by(Forward.id.desc()).limit(1)  # type: ignore[union-attr]
    )


async def _request_body(
    session: AsyncSession, ticket: Ticket, peer: Peer, service_code: str, reason: str, now: datetime
) -> dict[str, str]:
    """What the peer's ``POST requests`` gets: the public wording, the area, the citizen's choices, and
    the citizen's files as signed links (Open311's one ``media_url``, and every link in ``media_urls``).

    The citizen's name and contact go only to a peer allowed to receive them (:attr:`Peer.send_contact`).
    """
    area = await session.get(Area, ticket.area_id) if ticket.area_id else None
    settings = get_settings()
    files = await session.scalars(
        select(Attachment.id)
        .where(Attachment.ticket_id == ticket.id, Attachment.kind == AttachmentKind.QUESTION)
        .order_by(Attachment.id)
    )
    secret = settings.secret_key.get_secret_value()
    links = [media.signed_link(settings.base_url, secret, file_id, now=now) for file_id in files]
    body = {
        "service_code": service_code,
        "description": ticket.public_body or ticket.body,
        "title": ticket.public_title or ticket.title,
        "origin_reference": ticket.reference,
        "reason": reason,
        "publish_consent": "true" if ticket.publish_consent else "false",
        "show_name": "true" if ticket.show_name else "false",
    }
    if links:
        body["media_url"], body["media_urls"] = links[0], "\n".join(links)
    if area is not None:
        body["address_string"] = area.name
    if ticket.latitude is not None and ticket.longitude is not None:
        body["lat"], body["long"] = str(ticket.latitude), str(ticket.longitude)
    if peer.send_contact:
        if ticket.citizen_name:
            body["first_name"] = ticket.citizen_name
        if ticket.citizen_email:
            body["email"] = ticket.citizen_email
        if ticket.citizen_phone:
            body["phone"] = ticket.citizen_phone
        if ticket.address:
            body["address_string"] = ", ".join(filter(None, (ticket.address, body.get("address_string"))))
    return body


async def forward(
    session: AsyncSession,
    ticket_id: int,
    *,
    peer_id: int | None,
    service_code: str,
    reason: str,
    actor_id: int | None,
    now: datetime,
) -> Forward:
    """Send the question to ``peer_id``'s service ``service_code``: it waits in the outbox until the peer takes it."""
    ticket = await locked_ticket(session, ticket_id)
    status = move(ticket, Action.FORWARD)
    errors: list[FieldError] = []
    reason = checked_text(reason, "reason", errors)
    peer = await session.get(Peer, peer_id) if peer_id else None
    if peer is None or peer.removed_at is not None:
        errors.append(FieldError("service", "peer_unknown"))  # one list holds the portals and their categories
    elif not (service := next((s for s in peer.services if s["code"] == service_code), None)):
        errors.append(FieldError("service", "peer_service_unknown"))
    refuse_if(errors)
    assert peer is not None and peer.id is not None
    sent = Forward(
        ticket_id=ticket.id,
        peer_id=peer.id,
        service_code=service["code"],
        service_name=service["name"],
        reason=reason,
        actor_id=actor_id,
        created_at=now,
        updated_at=now,
    )
    session.add(sent)
    await session.flush()
    body = await _request_body(session, ticket, peer, service["code"], reason, now)
    queue_message(
        session, key=uuid.uuid4().hex, kind=MessageKind.FORWARD, peer_id=peer.id, body=body, now=now, forward_id=sent.id
    )
    ticket.status = status
    ticket.assignee_id = None
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.FORWARDED, actor_id, now, peer=peer.name, service=service["name"], reason=reason)
    return sent


async def _locked_forward(session: AsyncSession, forward_id: int) -> Forward:
    return await session.get_one(Forward, forward_id, with_for_update=True, populate_existing=True)


async def lock_questions(session: AsyncSession, forward_ids: list[int]) -> None:
    """Lock the questions of these forwards, in id order: every writer takes a question before its
    forward's message and its forward (a staff action locks the question first), so none deadlocks."""
    await session.execute(
        select(Ticket.id)
        .join(Forward, Forward.ticket_id == Ticket.id)
        .where(Forward.id.in_(forward_ids))  # type: ignore[union-attr]
        .order_by(Ticket.id)
        .with_for_update(of=Ticket)
    )


async def taken(session: AsyncSession, answers: Mapping[int, Any], *, now: datetime) -> None:
    """The peer took these requests (``answers``: the peer's answer by forward id): each one's reference is
    kept, and our transfer clock is met now.

    A batch at a time, since the sender records a batch at once: the forwards, then their tickets,
    are locked in one statement each (in id order, as every writer takes them), and the citizens'
    notices are written together.
    """
    waiting = await session.scalars(
        select(Forward)
        .where(Forward.id.in_(answers), Forward.status == ForwardStatus.WAITING)  # type: ignore[union-attr]
        .order_by(Forward.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    forwards = list(waiting)
    if not forwards:
        return
    tickets = {
        t.id: t
        for t in await session.scalars(
            select(Ticket)
            .where(Ticket.id.in_({f.ticket_id for f in forwards}))  # type: ignore[union-attr]
            .order_by(Ticket.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    peers = {p.id: p for p in await session.scalars(select(Peer).where(Peer.id.in_({f.peer_id for f in forwards})))}  # type: ignore[union-attr]
    data = await routing_data(session)
    notices = []
    for sent in forwards:
        answer = answers[sent.id]
        item = answer[0] if isinstance(answer, list) and answer and isinstance(answer[0], dict) else {}
        their_id = str(item.get("service_request_id") or item.get("token") or "")[:64] or None
        peer, ticket = peers[sent.peer_id], tickets[sent.ticket_id]
        sent.status = ForwardStatus.AT_PEER
        sent.their_id = their_id
        sent.their_status = "open"
        sent.taken_at = sent.updated_at = now
        sent.error = None
        if peer.client_id is None:  # a plain Open311 server does not call back: we ask it
            sent.poll_at = now
        ticket.accepted_at = ticket.accepted_at or now
        finish(ticket, data, now)
        notice = str(item.get("service_notice") or "")[:500] or None
        record(
            session, ticket, EventKind.FORWARD_TAKEN, None, now, peer=peer.name, their_reference=their_id, notes=notice
        )
        notices.append(citizen_notice(ticket, "forwarded", now, peer=peer.name, their_reference=their_id))
    await add_notifications(session, notices)


async def not_taken(session: AsyncSession, forward_id: int, error: str, *, permanent: bool, now: datetime) -> None:
    """The peer could not be reached (tried again later), or refused the request for good (staff decide)."""
    sent = await _locked_forward(session, forward_id)
    if sent.status not in (ForwardStatus.WAITING, ForwardStatus.FAILED):
        return
    sent.error = error[:500]
    sent.updated_at = now
    if permanent:
        sent.status = ForwardStatus.FAILED


async def _back_to_triage(session: AsyncSession, ticket: Ticket, now: datetime) -> int | None:
    data = await routing_data(session)
    ticket.status = move(ticket, Action.TAKE_BACK)
    ticket.department_id = data.coordinating_office_id
    ticket.assignee_id = None
    ticket.assigned_at = ticket.accept_due_at = ticket.accepted_at = None
    finish(ticket, data, now)
    return data.coordinating_office_id


async def cancel(session: AsyncSession, ticket_id: int, *, actor_id: int | None, now: datetime) -> Ticket:
    """Take back a forward the peer has not taken: the question returns to the coordinating office's triage."""
    ticket = await locked_ticket(session, ticket_id)
    sent = await current(session, ticket_id)
    if sent is None or sent.status not in (ForwardStatus.WAITING, ForwardStatus.FAILED):
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    message = await session.scalar(select(PeerMessage).where(PeerMessage.forward_id == sent.id).with_for_update())
    if message is not None and message.status is DeliveryStatus.SENDING:
        raise InvalidInput([FieldError("status", "forward_in_flight")], status=409)
    if message is not None and message.status is DeliveryStatus.PENDING:
        message.status = DeliveryStatus.FAILED
        message.error = "cancelled by staff"
    sent.status = ForwardStatus.CANCELLED
    sent.updated_at = now
    office = await _back_to_triage(session, ticket, now)
    peer = await session.get_one(Peer, sent.peer_id)
    record(session, ticket, EventKind.FORWARD_CANCELLED, actor_id, now, peer=peer.name)
    await tell_staff(session, ticket, "new_ticket", f"department:{office}", now)
    return ticket


async def asking_peer(session: AsyncSession, ticket_id: int) -> bool:
    """Whether the citizen's information is awaited by the peer the question is with (not by us)."""
    sent = await current(session, ticket_id)
    return sent is not None and sent.status is ForwardStatus.AT_PEER and sent.info_request is not None


async def relay_reply(session: AsyncSession, ticket: Ticket, text: str, *, now: datetime) -> None:
    """The citizen's reply to the peer's request for information: recorded here, and sent to the peer."""
    sent = await current(session, ticket.id)
    if sent is None or sent.status is not ForwardStatus.AT_PEER or sent.info_request is None:
        raise InvalidInput([FieldError("status", "action_not_allowed")], status=409)
    ticket.status = move(ticket, Action.RELAY_REPLY)
    ticket.paused_at = None
    sent.info_request = None
    sent.updated_at = now
    finish(ticket, await routing_data(session), now)
    record(session, ticket, EventKind.CITIZEN_REPLIED, None, now, text=text)
    body = {"kind": "citizen_replied", "service_request_id": sent.their_id, "notes": text}
    queue_message(session, key=uuid.uuid4().hex, kind=MessageKind.UPDATE, peer_id=sent.peer_id, body=body, now=now)


async def forward_at(session: AsyncSession, peer: Peer, their_id: str) -> Forward:
    """The forward the peer knows as ``their_id``, locked after its question (the order every writer
    takes them); :class:`UnknownRequest` if we do not follow one (any more: an answered one hears
    only of its publication)."""
    followed = (ForwardStatus.AT_PEER, ForwardStatus.ANSWERED)
    found = (
        await session.execute(
            select(Forward.id, Forward.ticket_id).where(
                Forward.peer_id == peer.id, Forward.their_id == their_id, Forward.status.in_(followed)
            )
        )
    ).first()
    if found is None:
        raise UnknownRequest(their_id)
    await locked_ticket(session, found.ticket_id)
    sent = await _locked_forward(session, found.id)
    if sent.status not in followed:
        raise UnknownRequest(their_id)
    return sent


async def apply_update(
    session: AsyncSession, sent: Forward, peer: Peer, update: dict[str, Any], *, now: datetime
) -> None:
    """What the peer says of the question (already checked as its own words): recorded once, acted on.

    ``update`` holds ``kind`` (accepted, routed, extended, info_requested, answered, rejected,
    returned, forwarded, progress, published), ``notes`` (its public words), ``expected_datetime``
    (its deadline, an aware datetime, or None) and ``public_url`` (its public page, once published).
    """
    kind, notes = update["kind"], update.get("notes")
    if sent.status is ForwardStatus.ANSWERED or kind == "published":
        if kind != "published":
            raise InvalidInput([FieldError("kind", "action_not_allowed")], status=409)
        sent.public_url = update.get("public_url") or sent.public_url
        sent.updated_at = now
        return
    ticket = await locked_ticket(session, sent.ticket_id)
    expected = update.get("expected_datetime")
    data = await routing_data(session)
    if expected is not None and expected != sent.expected_at:
        sent.expected_at = expected
        ticket.routed_at = ticket.routed_at or sent.taken_at or now
        ticket.answer_due_at = expected
        ticket.answer_level = None
    if update.get("public_url"):
        sent.public_url = update["public_url"]
    sent.their_notes = notes or sent.their_notes
    sent.updated_at = now
    if kind == "answered":
        await _answered(session, sent, ticket, peer, notes or "", now)
    elif kind == "rejected":
        ticket.status = move(ticket, Action.REJECT)
        sent.status, sent.their_status = ForwardStatus.ANSWERED, "closed"
        record(session, ticket, EventKind.REJECTED, None, now, reason="out_of_scope", explanation=notes, peer=peer.name)
        await tell_citizen(session, ticket, "rejected", now, reason="out_of_scope", explanation=notes, peer=peer.name)
    elif kind == "returned":
        sent.status, sent.their_status = ForwardStatus.RETURNED, "closed"
        office = await _back_to_triage(session, ticket, now)
        record(session, ticket, EventKind.TAKEN_BACK, None, now, peer=peer.name, reason=notes)
        await tell_staff(session, ticket, "new_ticket", f"department:{office}", now)
    elif kind == "info_requested":
        ticket.status = move(ticket, Action.REQUEST_INFO)
        ticket.paused_at = now
        sent.info_request = notes
        record(session, ticket, EventKind.INFO_REQUESTED, None, now, message=notes, peer=peer.name)
        await tell_citizen(session, ticket, "info_requested", now, message=notes, peer=peer.name)
    else:
        record(session, ticket, EventKind.PEER_UPDATE, None, now, peer=peer.name, update=kind, notes=notes)
        if kind == "extended" and expected is not None:
            await tell_citizen(
                session, ticket, "extended", now, answer_due_at=expected.isoformat(), explanation=notes, peer=peer.name
            )
    finish(ticket, data, now)


async def _answered(session: AsyncSession, sent: Forward, ticket: Ticket, peer: Peer, text: str, now: datetime) -> None:
    """The peer's answer is the question's: the citizen hears it from us, once; published here if they agreed."""
    if ticket.status is TicketStatus.AWAITING_CITIZEN:  # answered without the information it asked for
        ticket.status = move(ticket, Action.RELAY_REPLY)
        sent.info_request = None
    ticket.status = move(ticket, Action.APPROVE)
    sent.status, sent.their_status = ForwardStatus.ANSWERED, "closed"
    ticket.answer_text = text
    ticket.answered_at = now
    ticket.paused_at = None
    ticket.answer_minutes = answer_minutes(ticket, (await routing_data(session)).calendar)
    on_time = ticket.answer_due_at is None or now <= ticket.answer_due_at
    record(session, ticket, EventKind.ANSWERED, None, now, on_time=on_time, peer=peer.name)
    await tell_citizen(session, ticket, "answered", now, peer=peer.name)
    if ticket.publish_consent and text:
        await publish(session, ticket, actor_id=None, now=now)


def expected_of(value: Any) -> datetime | None:
    """A peer's ``expected_datetime`` (W3C, with an offset), or None if it gave none we can read."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
