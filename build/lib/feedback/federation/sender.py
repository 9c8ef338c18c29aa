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
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import structlog
from sqlalchemy import and_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation import forwarding
from feedback.federation.models import MessageKind, Peer, PeerMessage
from feedback.federation.signing import signed_headers
from notify.db import Database, utcnow
from notify.delivery import LEASE, claim_due, retry_delay
from notify.models import DeliveryStatus
from routing.models import Department

BATCH = 500
LANES = 8
"""Requests in flight at once: a peer's answer takes a round trip, so several are under way together."""
RECORD_EVERY = 100
"""Outcomes recorded in one transaction (the forwards taken are moved together, see :func:`record`)."""
TIMEOUT = httpx.Timeout(15.0)
UPDATES_PATH = "/peer-updates.json"
"""Where a Cầu Nối portal takes signed callbacks, under its Open311 root."""

log = structlog.get_logger()


def peer_client() -> httpx.AsyncClient:
    """The HTTP client a worker sends with: one kept-alive connection per lane (httpcore's pool grows
    slow when it keeps many more than it uses)."""
    return httpx.AsyncClient(limits=httpx.Limits(max_connections=LANES * 2, max_keepalive_connections=LANES))


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
    claimed = await claim_due(session, PeerMessage, now=now, limit=limit)
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
    """Write each outcome, unless the claim that sent it has expired and been taken again; the forwards the
    peer took, or refused, move their questions (:mod:`feedback.federation.forwarding`).

    What was sent is recorded in one statement, and the forwards taken in one batch: a backlog
    drains at the pace of the peer, not of a round trip to the database per message.
    """
    forwards = sorted({o.job.forward_id for o in outcomes if o.job.kind is MessageKind.FORWARD and o.job.forward_id})
    if forwards:
        await forwarding.lock_questions(session, forwards)
    sent = [o for o in outcomes if o.error is None]
    recorded: set[int] = set()
    if sent:
        claims = [(o.job.id, o.job.attempt) for o in sent]
        recorded.update(
            await session.scalars(
                update(PeerMessage)
                .where(
                    tuple_(PeerMessage.id, PeerMessage.attempts).in_(claims),
                    PeerMessage.status == DeliveryStatus.SENDING,
                )
                .values(status=DeliveryStatus.SENT, sent_at=now, error=None, lease_until=None)
                .returning(PeerMessage.id),
                execution_options={"synchronize_session": False},
            )
        )
    for outcome in (o for o in outcomes if o.error is not None):  # a peer down: a few, and rarely
        job, error = outcome.job, (outcome.error or "")[:500]
        values: dict[str, Any] = {"status": DeliveryStatus.FAILED, "error": error}
        if not outcome.permanent:
            values = {
                "status": DeliveryStatus.PENDING,
                "next_attempt_at": now + retry_delay(job.attempt),
                "error": error,
            }
        same_claim = and_(
            PeerMessage.id == job.id, PeerMessage.status == DeliveryStatus.SENDING, PeerMessage.attempts == job.attempt
        )
        changed = await session.execute(update(PeerMessage).where(same_claim).values(lease_until=None, **values))
        if changed.rowcount and job.forward_id is not None and job.kind is MessageKind.FORWARD:
            await forwarding.not_taken(session, job.forward_id, error, permanent=outcome.permanent, now=now)
    taken = {
        o.job.forward_id: o.answer
        for o in sent
        if o.job.id in recorded and o.job.forward_id is not None and o.job.kind is MessageKind.FORWARD
    }
    if taken:
        await forwarding.taken(session, taken, now=now)


def _in_order(jobs: list[Job]) -> list[list[Job]]:
    """The batch as sequences that must go one after the other: the messages about one question to one
    peer, oldest first (a peer told "answered" before "asked for information" would refuse the second)."""
    sequences: dict[tuple[str, str], list[Job]] = {}
    for job in sorted(jobs, key=lambda j: j.id):
        about = str(job.body.get("service_request_id") or job.key)
        sequences.setdefault((job.base_url, about), []).append(job)
    return list(sequences.values())


async def send_due(database: Database, client: httpx.AsyncClient, *, limit: int = BATCH) -> int:
    """Claim a batch, send it over :data:`LANES` requests at once (each question's messages in order; what
    is not sent when half the lease has gone is given back, to be tried again),
    and record the outcomes as they come, :data:`RECORD_EVERY` at a time (the first ones are recorded
    while the last ones are still being sent); the number handled."""
    async with database.transaction() as session:
        jobs = await claim(session, now=utcnow(), limit=limit)
    if not jobs:
        return 0
    lanes = asyncio.Semaphore(LANES)
    finished: asyncio.Queue[list[Outcome] | None] = asyncio.Queue()

    deadline = time.monotonic() + LEASE.total_seconds() / 2

    async def in_turn(sequence: list[Job]) -> None:
        outcomes: list[Outcome] = []
        async with lanes:
            for job in sequence:
                if outcomes and outcomes[-1].error:  # the rest waits for the one before it
                    outcomes.append(Outcome(job, error="waiting for an earlier message to this peer"))
                elif time.monotonic() > deadline:  # slow peers: give the rest back before the lease runs out
                    outcomes.append(Outcome(job, error="not tried: the batch ran out of time"))
                else:
                    outcomes.append(await send(job, client))
        finished.put_nowait(outcomes)

    async def send_all() -> None:
        try:
            await asyncio.gather(*map(in_turn, _in_order(jobs)))
        finally:
            finished.put_nowait(None)

    async def record_as_they_come() -> None:
        last = False
        while not last:
            outcomes: list[Outcome] = []
            while len(outcomes) < RECORD_EVERY and not last:  # a commit per few dozen, not per message
                arrived = await finished.get()
                last = arrived is None
                outcomes += arrived or []
            if outcomes:
                async with database.transaction() as session:
                    await record(session, outcomes, now=utcnow())
                if failed := sum(1 for o in outcomes if o.error):
                    log.warning("peer_messages_not_sent", count=failed)

    async with asyncio.TaskGroup() as tasks:
        tasks.create_task(send_all())
        tasks.create_task(record_as_they_come())
    return len(jobs)
