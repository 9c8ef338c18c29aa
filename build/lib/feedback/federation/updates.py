"""Telling the origin: each public change of a question a peer forwarded to us goes back to it.

:func:`feedback.changes.record` calls :func:`tell_origin` for every public event of a ticket
that came by the ``peer`` channel, so no action can forget to; the callback is written in the
same transaction and sent signed by :mod:`feedback.federation.sender`.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation.models import MessageKind, Received
from feedback.federation.outbox import queue_message
from feedback.lifecycle import OPEN_STATUSES, EventKind
from feedback.settings import get_settings

UPDATE_OF: dict[EventKind, str] = {
    EventKind.ROUTED: "routed",
    EventKind.TRANSFERRED: "routed",
    EventKind.EXTENDED: "extended",
    EventKind.INFO_REQUESTED: "info_requested",
    EventKind.ANSWERED: "answered",
    EventKind.LINKED_DUPLICATE: "answered",
    EventKind.REJECTED: "rejected",
    EventKind.FORWARD_TAKEN: "forwarded",
    EventKind.PEER_UPDATE: "progress",
    EventKind.SENT_BACK: "returned",
    EventKind.PUBLISHED: "published",
}
"""What the origin hears of each public event; the others (the citizen's reply, which came from it) stay here."""

_NOTES: dict[str, str] = {
    "extended": "reason",
    "info_requested": "message",
    "rejected": "explanation",
    "progress": "notes",
    "returned": "reason",
}


def w3c(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def update_body(ticket: Any, kind: str, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The callback's JSON (less its ``update_id``): Open311's words for the request, and ours for the change."""
    if kind == "answered":
        notes = ticket.answer_text
    elif kind == "forwarded":
        notes = f"{data.get('peer')} ({data.get('their_reference') or '—'})"
    else:
        notes = data.get(_NOTES.get(kind, ""))
    body: dict[str, Any] = {
        "kind": kind,
        "service_request_id": ticket.reference,
        "status": "open" if ticket.status in OPEN_STATUSES else "closed",
        "notes": notes,
        "expected_datetime": w3c(ticket.answer_due_at),
        "updated_datetime": w3c(now),
    }
    if kind == "published":
        body["public_url"] = f"{get_settings().base_url}/hoi-dap/{ticket.reference}"
    if data.get("department_id"):
        body["department_id"] = data["department_id"]  # named by the sender, which reads the department
    return body


def tell_origin(session: AsyncSession, ticket: Any, kind: EventKind, data: dict[str, Any], now: datetime) -> None:
    """Queue the callback for ``kind`` to the peer that forwarded ``ticket`` (nothing for a kind it does not hear)."""
    update = UPDATE_OF.get(kind)
    if update is None:
        return
    origin = select(Received.peer_id).where(Received.ticket_id == ticket.id).scalar_subquery()
    queue_message(
        session,
        key=uuid.uuid4().hex,
        kind=MessageKind.UPDATE,
        peer_id=origin,
        body=update_body(ticket, update, data, now),
        now=now,
    )
