"""Taking a peer's signed callback: check who sent it and that it is fresh, then apply it once.

The peer is named by the key we gave it (``X-Caunoi-Key``, an Open311 app linked to the peer);
the body must be signed with the secret we share (:mod:`feedback.federation.signing`), within
five minutes of our clock, with an update id we have not seen. Anything else is refused and
changes nothing. The update id is kept in the transaction that applies the update, so an update
is applied exactly once, however often it is sent.
"""

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation import forwarding, receiving
from feedback.federation.models import Peer, SeenUpdate
from feedback.federation.signing import KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, BadSignature, verify
from feedback.open311.keys import client_for_key
from routing.text import contains_control_characters, nfc

FROM_PEER = frozenset(
    {
        "accepted",
        "routed",
        "extended",
        "info_requested",
        "answered",
        "rejected",
        "returned",
        "forwarded",
        "progress",
        "published",
    }
)
"""What the portal we forwarded a question to tells us of it."""
FROM_ORIGIN = frozenset({"citizen_replied"})
"""What the portal that forwarded a question to us tells us of it."""
MAX_NOTES = 20_000


class Refused(Exception):
    """The callback is refused: ``status`` (400, 403, 404, 409), the failing ``field`` and why."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


async def _sender(session: AsyncSession, key: str | None) -> Peer:
    app = await client_for_key(session, key or "")
    peer = await receiving.peer_of_app(session, app.id) if app and app.id else None
    if peer is None:
        raise Refused(403, KEY_HEADER, "no peer holds this key")
    return peer


def _update(body: bytes) -> dict[str, Any]:
    """The callback's fields, checked (400 naming the field otherwise)."""
    try:
        data = json.loads(body)
    except ValueError:
        raise Refused(400, "body", "the body is not JSON") from None
    if not isinstance(data, dict):
        raise Refused(400, "body", "the body is not a JSON object")
    checked: dict[str, Any] = {}
    for field, limit in (("update_id", 64), ("kind", 32), ("service_request_id", 64)):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip() or len(value) > limit or contains_control_characters(value):
            raise Refused(400, field, f"give the {field}")
        checked[field] = value.strip()
    if checked["kind"] not in FROM_PEER | FROM_ORIGIN:
        raise Refused(400, "kind", "an update of an unknown kind")
    notes = data.get("notes")
    if notes is not None and (not isinstance(notes, str) or len(notes) > MAX_NOTES):
        raise Refused(400, "notes", f"the notes must be text of at most {MAX_NOTES} characters")
    checked["notes"] = nfc(notes).strip() if notes else None
    expected = data.get("expected_datetime")
    checked["expected_datetime"] = forwarding.expected_of(expected)
    if expected and checked["expected_datetime"] is None:
        raise Refused(400, "expected_datetime", "give a W3C date and time with its offset")
    url = data.get("public_url")
    checked["public_url"] = (
        url if isinstance(url, str) and url.startswith(("https://", "http://")) and len(url) <= 500 else None
    )
    return checked


async def receive_update(session: AsyncSession, headers: Mapping[str, str], body: bytes, *, now: datetime) -> None:
    """Apply one signed callback, or raise :class:`Refused` having changed nothing."""
    peer = await _sender(session, headers.get(KEY_HEADER))
    try:
        verify(
            secret=peer.secret,
            timestamp=headers.get(TIMESTAMP_HEADER),
            given=headers.get(SIGNATURE_HEADER),
            body=body,
            now=now,
        )
    except BadSignature as refusal:
        raise Refused(403, SIGNATURE_HEADER, str(refusal)) from None
    update = _update(body)
    seen = await session.scalar(
        select(SeenUpdate.update_id).where(SeenUpdate.peer_id == peer.id, SeenUpdate.update_id == update["update_id"])
    )
    if seen is not None:
        raise Refused(403, "update_id", "this update was already received")
    session.add(SeenUpdate(peer_id=peer.id, update_id=update["update_id"], at=now))
    try:
        if update["kind"] in FROM_ORIGIN:
            await receiving.apply_from_origin(session, peer, update, now=now)
        else:
            sent = await forwarding.forward_at(session, peer, update["service_request_id"])
            await forwarding.apply_update(session, sent, peer, update, now=now)
    except forwarding.UnknownRequest:
        raise Refused(404, "service_request_id", "no question forwarded between us has this id") from None
