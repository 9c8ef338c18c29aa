"""Sending what the federation's outbox holds, like a delivery.

A forward or a callback is written as a :class:`PeerMessage` in the transaction of the change
that causes it (:mod:`feedback.federation.outbox`), then claimed by a worker under a lease (a conditional UPDATE, over rows locked
with ``SKIP LOCKED`` on PostgreSQL, as :mod:`notify.delivery` claims its deliveries), sent, and
its outcome recorded by the claim that sent it. A peer that is down is tried again with the
delivery pipeline's backoff, for as long as it takes (staff may cancel a forward meanwhile);
a peer that refuses for good (a 4xx other than 408 and 429) fails the message, with the reason.

A message sent twice (a worker killed between sending and recording) is recognised by its
key: a Cầu Nối peer answers a repeated forward with the request it already made, and refuses
a repeated callback as a replay, which changes nothing.
"""

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import structlog
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation import forwarding
from feedback.federation.models import MessageKind, Peer, PeerMessage
from feedback.federation.signing import signed_headers
from notify.db import Database, utcnow
from notify.delivery import LEASE, retry_delay
from notify.models import DeliveryStatus
from routing.models import Department

BATCH = 100
LANES = 8
"""Requests in flight at once: a peer's answer takes a round trip, so several are under way together."""
TIMEOUT = httpx.Timeout(15.0)
UPDATES_PATH = "/peer-updates.json"
"""Where a Cầu Nối portal takes signed callbacks, under its Open311 root."""

log = structlog.get_logger()


@dataclass(frozen=True)
class Job:
    """One claimed message with what it takes to send it (read before the claim's transaction ends)."""

    id: int
    attempt: int
    kind: MessageKind
    key: str
    body: dict[str, Any]
    forward_id: int | None
    base_url: str
    api_key: str
    secret: str


@dataclass(frozen=True)
class Outcome:
    job: Job
    answer: Any = None
    """What the peer answered (a forward: its JSON list of one request)."""
    error: str | None = None
    permanent: bool = False


async def claim(session: AsyncSession, *, now: datetime, limit: int = BATCH) -> list[Job]:
    """Take up to ``limit`` due messages (pending and due, or held by a worker whose lease ran out)."""
    due = or_(
        and_(PeerMessage.status == DeliveryStatus.PENDING, PeerMessage.next_attempt_at <= now),
        and_(PeerMessage.status == DeliveryStatus.SENDING, PeerMessage.lease_until < now),
    )
    picked = select(PeerMessage.id).where(due).order_by(PeerMessage.next_attempt_at, PeerMessage.id).limit(limit)
    if session.bind.dialect.name == "postgresql":
        picked = picked.with_for_update(skip_locked=True)
    batch = picked.cte("batch").prefix_with("MATERIALIZED", dialect="postgresql")
    claimed = (
        await session.scalars(
            update(PeerMessage)
            .where(PeerMessage.id == batch.c.id, due)
            .values(status=DeliveryStatus.SENDING, lease_until=now + LEASE, attempts=PeerMessage.attempts + 1)
            .returning(PeerMessage),
            execution_options={"synchronize_session": False},
        )
    ).all()
    peers = {p.id: p for p in await session.scalars(select(Peer).where(Peer.id.in_({m.peer_id for m in claimed})))}
    named = await _department_names(session, [m.body for m in claimed])
    return [
        Job(m.id, m.attempts, m.kind, m.key, named(m.body), m.forward_id, p.base_url, p.api_key, p.secret)  # type: ignore[arg-type]
        for m in claimed
        if (p := peers[m.peer_id])
    ]


async def _department_names(
    session: AsyncSession, bodies: list[dict[str, Any]]
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A callback names the department it went to (``department``), where it was written with its id."""
    ids = {body["department_id"] for body in bodies if body.get("department_id")}
    names = (
        dict((await session.execute(select(Department.id, Department.name).where(Department.id.in_(ids)))).all())
        if ids
        else {}
    )

    def named(body: dict[str, Any]) -> dict[str, Any]:
        if "department_id" not in body:
            return body
        rest = {key: value for key, value in body.items() if key != "department_id"}
        department = names.get(body["department_id"])
        return rest | ({"department": department, "notes": rest.get("notes") or department} if department else {})

    return named


def _refusal(response: httpx.Response) -> str:
    """The peer's reason for refusing, from an Open311 error list or our own error body, briefly."""
    try:
        body = response.json()
    except ValueError:
        return f"the peer answered HTTP {response.status_code}"
    if isinstance(body, list) and body and isinstance(body[0], dict):
        detail = body[0].get("description")
    elif isinstance(body, dict):
        detail = body.get("detail")
    else:
        detail = None
    return f"the peer answered HTTP {response.status_code}" + (f": {str(detail)[:300]}" if detail else "")


async def send(job: Job, client: httpx.AsyncClient) -> Outcome:
    """Send one message: a forward as Open311's form POST, a callback as signed JSON."""
    try:
        if job.kind is MessageKind.FORWARD:
            response = await client.post(
                f"{job.base_url}/requests.json",
                data={**job.body, "api_key": job.api_key, "idempotency_key": job.key},
                timeout=TIMEOUT,
            )
        else:
            body = json.dumps({**job.body, "update_id": job.key}, ensure_ascii=False).encode()
            headers = signed_headers(key=job.api_key, secret=job.secret, body=body, now=utcnow())
            response = await client.post(
                f"{job.base_url}{UPDATES_PATH}", content=body, headers=headers, timeout=TIMEOUT
            )
    except httpx.HTTPError as error:
        return Outcome(job, error=f"the peer could not be reached ({type(error).__name__})")
    if response.is_success:
        try:
            return Outcome(job, answer=response.json())
        except ValueError:
            return Outcome(job, error="the peer's answer is not JSON", permanent=job.kind is MessageKind.FORWARD)
    permanent = 400 <= response.status_code < 500 and response.status_code not in (408, 429)
    return Outcome(job, error=_refusal(response), permanent=permanent)


async def record(session: AsyncSession, outcomes: list[Outcome], *, now: datetime) -> None:
    """Write each outcome, unless the claim that sent it has expired and been taken again; a forward the
    peer took, or refused for good, moves its question (:mod:`feedback.federation.forwarding`)."""
    for outcome in outcomes:
        job = outcome.job
        same_claim = and_(
            PeerMessage.id == job.id,
            PeerMessage.status == DeliveryStatus.SENDING,
            PeerMessage.attempts == job.attempt,
        )
        if outcome.error is None:
            values: dict[str, Any] = {"status": DeliveryStatus.SENT, "sent_at": now, "error": None}
        elif outcome.permanent:
            values = {"status": DeliveryStatus.FAILED, "error": outcome.error[:500]}
        else:
            values = {"status": DeliveryStatus.PENDING, "next_attempt_at": now + retry_delay(job.attempt)}
            values["error"] = outcome.error[:500]
        changed = await session.execute(update(PeerMessage).where(same_claim).values(lease_until=None, **values))
        if not changed.rowcount or job.forward_id is None or job.kind is not MessageKind.FORWARD:
            continue
        if outcome.error is None:
            await forwarding.taken(session, job.forward_id, outcome.answer, now=now)
        else:
            await forwarding.not_taken(session, job.forward_id, outcome.error, permanent=outcome.permanent, now=now)


def _in_order(jobs: list[Job]) -> list[list[Job]]:
    """The batch as sequences that must go one after the other: the messages about one question to one
    peer, oldest first (a peer told "answered" before "asked for information" would refuse the second)."""
    sequences: dict[tuple[str, str], list[Job]] = {}
    for job in sorted(jobs, key=lambda j: j.id):
        about = str(job.body.get("service_request_id") or job.key)
        sequences.setdefault((job.base_url, about), []).append(job)
    return list(sequences.values())


async def send_due(database: Database, client: httpx.AsyncClient, *, limit: int = BATCH) -> int:
    """Claim a batch, send it over :data:`LANES` requests at once (each question's messages in order),
    record the outcomes; the number handled."""
    async with database.transaction() as session:
        jobs = await claim(session, now=utcnow(), limit=limit)
    if not jobs:
        return 0
    lanes = asyncio.Semaphore(LANES)

    async def in_turn(sequence: list[Job]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        async with lanes:
            for job in sequence:
                if outcomes and outcomes[-1].error:  # the rest waits for the one before it
                    outcomes.append(Outcome(job, error="waiting for an earlier message to this peer"))
                else:
                    outcomes.append(await send(job, client))
        return outcomes

    outcomes = [o for sequence in await asyncio.gather(*map(in_turn, _in_order(jobs))) for o in sequence]
    async with database.transaction() as session:
        await record(session, outcomes, now=utcnow())
    failed = sum(1 for o in outcomes if o.error)
    if failed:
        log.warning("peer_messages_not_sent", count=failed)
    return len(jobs)
