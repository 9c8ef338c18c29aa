"""Following a question at a plain Open311 peer, which does not call back: we ask it.

A forward taken by a peer without a Cầu Nối callback (one with no app of ours linked,
:attr:`Peer.client_id`) is polled with ``GET requests/{id}.json``: rarely while its deadline
is far, more often as it approaches (a quarter of the time left, between :data:`SOONEST` and
:data:`LATEST`), hourly once it has passed, and with backoff while the peer does not answer.
What changed since the last poll lands once in the question's history, through the same
:func:`~feedback.federation.forwarding.apply_update` as a callback: a new deadline, new status
notes, and, once the peer closes the request, its notes as the answer (a request closed without
notes comes back to our triage, as if sent back).
"""

from datetime import datetime, timedelta
from typing import Any

import httpx
import structlog
from sqlalchemy import select

from feedback.changes import locked_ticket
from feedback.federation.forwarding import apply_update, expected_of
from feedback.federation.models import Forward, ForwardStatus, Peer
from feedback.federation.reading import PeerUnreadable, get_json
from notify.db import Database

SOONEST = timedelta(minutes=10)
LATEST = timedelta(hours=6)
LATE = timedelta(hours=1)
"""How often a peer past its deadline is asked (it escalates here meanwhile)."""
LONGEST_BACKOFF = timedelta(hours=12)
BATCH = 50

log = structlog.get_logger()


def next_poll(now: datetime, expected_at: datetime | None, failures: int = 0) -> datetime:
    """When to ask again: sooner as the deadline nears; later after each failure in a row."""
    if expected_at is None:
        interval = LATEST
    elif expected_at <= now:
        interval = LATE
    else:
        interval = min(max((expected_at - now) / 4, SOONEST), LATEST)
    if failures:
        interval = min(interval * 2**failures, LONGEST_BACKOFF)
    return now + interval


async def read_request(client: httpx.AsyncClient, peer: Peer, their_id: str) -> dict[str, Any]:
    """The request as the peer shows it (the spec's one-element list, in JSON)."""
    listed = await get_json(client, f"{peer.base_url}/requests/{their_id}.json", params={"api_key": peer.api_key})
    if not isinstance(listed, list) or not listed or not isinstance(listed[0], dict):
        raise PeerUnreadable("the peer's answer is not a request")
    return listed[0]


def changes(sent: Forward, seen: dict[str, Any]) -> list[dict[str, Any]]:
    """The updates a polled request makes, against what we last knew of it (none if nothing changed)."""
    expected = expected_of(seen.get("expected_datetime"))
    status = seen.get("status") if seen.get("status") in ("open", "closed") else "open"
    notes = seen.get("status_notes") if isinstance(seen.get("status_notes"), str) else None
    notes = notes.strip() if notes else None
    url = seen.get("media_url") if isinstance(seen.get("media_url"), str) else None  # some servers link their page
    found: list[dict[str, Any]] = []
    if status == "closed":  # closed with words is answered; closed without, it is ours to see to again
        return [
            {
                "kind": "answered" if notes else "returned",
                "notes": notes,
                "expected_datetime": expected,
                "public_url": None,
            }
        ]
    if expected is not None and expected != sent.expected_at:
        kind = "accepted" if sent.expected_at is None else "extended"
        found.append({"kind": kind, "notes": notes, "expected_datetime": expected, "public_url": url})
    elif notes and notes != sent.their_notes:
        found.append({"kind": "progress", "notes": notes, "expected_datetime": None, "public_url": None})
    return found


async def poll_due(database: Database, client: httpx.AsyncClient, *, now: datetime) -> int:
    """Ask each plain Open311 peer about the forwards whose turn has come; the number asked."""
    async with database.transaction() as session:
        due = (
            await session.execute(
                select(Forward.id, Forward.ticket_id, Forward.their_id, Peer)
                .join(Peer, Peer.id == Forward.peer_id)
                .where(Forward.status == ForwardStatus.AT_PEER, Forward.poll_at <= now)
                .order_by(Forward.poll_at)
                .limit(BATCH)
            )
        ).all()
    for forward_id, ticket_id, their_id, peer in due:
        try:
            seen: dict[str, Any] | None = await read_request(client, peer, their_id)
            error = None
        except PeerUnreadable as silent:
            seen, error = None, str(silent)
        async with database.transaction() as session:  # each on its own: one slow peer holds up no other
            await locked_ticket(session, ticket_id)  # the question first, as every writer takes it
            sent = await session.get_one(Forward, forward_id, with_for_update=True, populate_existing=True)
            if sent.status is not ForwardStatus.AT_PEER:
                continue
            if seen is None:
                sent.polls_failed += 1
                sent.poll_at = next_poll(now, sent.expected_at, sent.polls_failed)
                log.warning("peer_poll_failed", peer=peer.name, error=error)
                continue
            sent.polls_failed = 0
            for update in changes(sent, seen):
                await apply_update(session, sent, peer, update, now=now)
            sent.their_status = "closed" if sent.status is not ForwardStatus.AT_PEER else "open"
            sent.poll_at = next_poll(now, sent.expected_at) if sent.status is ForwardStatus.AT_PEER else None
    return len(due)
