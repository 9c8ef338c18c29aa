"""Delivering what the outbox holds: claim due deliveries under a lease, send them, record what happened.

Any number of workers may run :func:`deliver_due` at once. A claim is a conditional UPDATE (on
PostgreSQL over rows locked with ``SKIP LOCKED``), so no two workers hold one delivery. A batch
is sent over a few SMTP connections at once (:data:`LANES`), and each outcome is recorded as soon
as it is known. A worker killed mid-send leaves its claim to expire after :data:`LEASE`, and
what it had not recorded is sent again: at most the messages in flight (one per lane, and those
whose outcome was being committed). An email keeps its Message-ID, so a repeat is recognisable.
An outcome is recorded only by the claim that sent it (same attempt number).

Transient failures are retried with exponential backoff (:func:`retry_delay`) for
:data:`RETRY_FOR`; permanent ones, and transient ones past that, mark the delivery failed with
the reason."""

import asyncio
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from notify import mail, opt_out, sms
from notify.db import Database, database_unavailable, on_commit, utcnow
from notify.failures import DeliveryFailed
from notify.models import Channel, Delivery, DeliveryStatus
from notify.queue import kick
from notify.settings import NotifySettings

LEASE = timedelta(minutes=2)
RETRY_FOR = timedelta(hours=24)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
M = TypeVar("M")
BATCH = 100
LANES = 4
"""Emails in flight at once per batch, each lane on its own SMTP connection: while one waits for
the server, the next is being built."""


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, doubling each time, at most an hour apart."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


@dataclass(frozen=True)
class Job:
    """What a worker needs to send one claimed delivery (read before its transaction ends)."""

    id: int
    attempt: int
    channel: Channel
    address: str
    subject: str
    text: str
    html: str | None
    thread: str | None
    created_at: datetime
    reply_to: str | None = None


@dataclass(frozen=True)
class Outcome:
    job: Job
    provider_id: str | None = None
    segments: int | None = None
    failure: DeliveryFailed | None = None


async def claim_due(session: AsyncSession, outbox: type[M], *, now: datetime, limit: int) -> Sequence[M]:
    """Take up to ``limit`` due rows of an outbox table (pending and due, or claimed by a worker whose
    lease ran out), marked as being sent under a new lease; the rows as they now stand.

    ``outbox`` has the columns of :class:`Delivery`'s lifecycle (``status``, ``next_attempt_at``,
    ``lease_until``, ``attempts``): the deliveries, and the federation's messages to peers.
    """
    table = outbox.__table__.c  # type: ignore[attr-defined]
    due = or_(
        and_(table.status == DeliveryStatus.PENDING, table.next_attempt_at <= now),
        and_(table.status == DeliveryStatus.SENDING, table.lease_until < now),
    )
    picked = select(table.id).where(due).order_by(table.next_attempt_at, table.id).limit(limit)
    if session.bind.dialect.name == "postgresql":
        picked = picked.with_for_update(skip_locked=True)
    # Picked once, in a materialised CTE: as ``id IN (subquery)``, PostgreSQL may run the subquery
    # more than once, and with SKIP LOCKED each run finds other rows, claiming more than ``limit``.
    batch = picked.cte("batch").prefix_with("MATERIALIZED", dialect="postgresql")
    claimed = await session.scalars(
        update(outbox)
        .where(table.id == batch.c.id, due)
        .values(status=DeliveryStatus.SENDING, lease_until=now + LEASE, attempts=table.attempts + 1)
        .returning(outbox),
        execution_options={"synchronize_session": False},
    )
    return claimed.all()


async def claim(session: AsyncSession, *, now: datetime, limit: int = BATCH) -> list[Job]:
    """Take up to ``limit`` due deliveries (see :func:`claim_due`)."""
    return [
        Job(d.id, d.attempts, d.channel, d.address, d.subject, d.text, d.html, d.thread, d.created_at, d.reply_to)  # type: ignore[arg-type]
        for d in await claim_due(session, Delivery, now=now, limit=limit)
    ]


async def send_all(
    jobs: list[Job],
    settings: NotifySettings,
    *,
    outbox: Path,
    status_callback: str | None,
    done: Callable[[Outcome], None],
) -> None:
    """Send a claimed batch over :data:`LANES` connections at once, handing each outcome to ``done``.

    A lane stops taking jobs once half the lease has gone (a server accepting connections but
    answering slowly): the jobs it did not try come back as transient failures, to be retried,
    rather than be claimed again by another worker while this one may still send them.
    """
    waiting = iter(jobs)  # shared by the lanes: each takes the next job when it is free
    deadline = time.monotonic() + LEASE.total_seconds() / 2

    async def lane() -> None:
        mailer = mail.Mailer(settings) if settings.smtp_host else None
        try:
            for job in waiting:
                if time.monotonic() > deadline:
                    done(Outcome(job, failure=DeliveryFailed("not tried: the batch ran out of time", permanent=False)))
                else:
                    done(await send(job, settings, mailer=mailer, outbox=outbox, status_callback=status_callback))
        finally:
            if mailer:
                await mailer.close()

    async with asyncio.TaskGroup() as lanes:
        for _ in range(min(LANES, len(jobs))):
            lanes.create_task(lane())


async def send(
    job: Job, settings: NotifySettings, *, mailer: mail.Mailer | None, outbox: Path, status_callback: str | None
) -> Outcome:
    """Send one job on its channel (email through ``mailer``), or write it to ``outbox`` when the channel is not configured."""
    try:
        if job.channel is Channel.EMAIL:
            return Outcome(job, provider_id=await _send_email(job, settings, mailer, outbox))
        body = sms.without_diacritics(job.text) if settings.sms_without_diacritics else job.text
        return Outcome(
            job, provider_id=await _send_sms(job, body, settings, outbox, status_callback), segments=sms.segments(body)
        )
    except DeliveryFailed as failure:
        return Outcome(job, failure=failure)
    except sms.InvalidNumber as error:
        return Outcome(job, failure=DeliveryFailed(f"invalid number: {error}", permanent=True))
    except ValueError as error:  # an address the email library or the server's syntax refuses
        return Outcome(job, failure=DeliveryFailed(f"invalid address: {error}", permanent=True))


async def _send_email(job: Job, settings: NotifySettings, mailer: mail.Mailer | None, outbox: Path) -> str:
    domain = mail.mail_domain(settings)
    message = mail.build_message(
        mail.Email(
            to=job.address,
            subject=job.subject,
            text=job.text,
            html=job.html or "",
            message_id=mail.message_id("delivery", job.id, domain),
            thread_id=mail.message_id("ticket", job.thread, domain) if job.thread else None,
            reply_to=job.reply_to,
        ),
        settings,
    )
    if mailer is None:
        return mail.write_to_outbox(message, outbox / "email").name[:64]
    return (await mailer.send(message))[:64]


async def _send_sms(job: Job, body: str, settings: NotifySettings, outbox: Path, status_callback: str | None) -> str:
    to = sms.e164(job.address)
    if not settings.twilio_account_sid:
        return sms.write_to_outbox(to, body, outbox / "sms", f"delivery-{job.id}").name
    return (await sms.send(to, body, settings, status_callback=status_callback)).sid


async def record(session: AsyncSession, outcomes: list[Outcome], *, now: datetime) -> None:
    """Write each outcome, unless the claim that sent it has since expired and been taken again.

    One statement per kind of outcome, executed for all its rows at once.
    """
    sent: list[dict[str, object]] = []
    failed: list[dict[str, object]] = []
    later: list[dict[str, object]] = []
    for outcome in outcomes:
        job = outcome.job
        row: dict[str, object] = {"b_id": job.id, "b_attempt": job.attempt}
        if outcome.failure is None:
            sent.append(row | {"b_provider_id": outcome.provider_id, "b_segments": outcome.segments})
        elif outcome.failure.permanent or now - job.created_at >= RETRY_FOR:
            failed.append(row | {"b_error": outcome.failure.reason[:500]})
        else:
            later.append(row | {"b_error": outcome.failure.reason[:500], "b_next": now + retry_delay(job.attempt)})
    table = Delivery.__table__
    same_claim = and_(
        table.c.id == bindparam("b_id"),
        table.c.status == DeliveryStatus.SENDING,
        table.c.attempts == bindparam("b_attempt"),
    )
    changes: list[tuple[list[dict[str, object]], dict[str, object]]] = [
        (
            sent,
            {
                "status": DeliveryStatus.SENT,
                # Once sent, the words are the provider's and the reader's to keep, not ours: the
                # body (a tracking link's token, an answer not published) is not kept twice.
                "text": "",
                "html": None,
                "sent_at": now,
                "provider_id": bindparam("b_provider_id"),
                "segments": bindparam("b_segments"),
                "error": None,
            },
        ),
        (failed, {"status": DeliveryStatus.FAILED, "error": bindparam("b_error")}),
        (
            later,
            {"status": DeliveryStatus.PENDING, "next_attempt_at": bindparam("b_next"), "error": bindparam("b_error")},
        ),
    ]
    for rows, values in changes:
        if rows:
            await session.execute(update(table).where(same_claim).values(lease_until=None, **values), rows)


async def retry(session: AsyncSession, delivery_id: int, *, now: datetime) -> bool:
    """Send a failed delivery again (an admin's decision): a new day of retries starts. False if not failed."""
    retried = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.status == DeliveryStatus.FAILED)
        .values(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now, created_at=now, error=None)
        .returning(Delivery.id)
    )
    if retried.first() is None:
        return False
    on_commit(session, kick)
    return True


PROVIDER_FAILURES = frozenset({"undelivered", "failed"})


async def record_bounce(
    session: AsyncSession, message_ids: Sequence[str], failed: Mapping[str, str], *, domain: str
) -> int:
    """A delivery status notification came back: the emails it returns (by our Message-ID,
    ``delivery-N@domain``) that went to a recipient it reports failed are failed, with its reason.
    Returns how many were marked."""
    ours = re.compile(rf"delivery-(\d{{1,9}})@{re.escape(domain)}", re.IGNORECASE)
    ids = [int(found[1]) for message_id in message_ids if (found := ours.fullmatch(message_id))]
    marked = 0
    for address, reason in failed.items() if ids else ():
        result = await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids), Delivery.channel == Channel.EMAIL, func.lower(Delivery.address) == address)
            .values(status=DeliveryStatus.FAILED, error=f"bounced: {reason}"[:500], lease_until=None),
            execution_options={"synchronize_session": False},
        )
        marked += result.rowcount
    return marked


async def record_provider_status(session: AsyncSession, *, sid: str, status: str, code: str | None) -> None:
    """What the provider said later about a message it took (Twilio: sent, delivered, undelivered, failed)."""
    values: dict[str, object] = {"provider_status": status[:16]}
    if status in PROVIDER_FAILURES:
        values |= {"status": DeliveryStatus.FAILED, "error": f"Twilio: {status}" + (f" (error {code})" if code else "")}
    await session.execute(
        update(Delivery).where(Delivery.provider_id == sid, Delivery.channel == Channel.SMS).values(**values),
        execution_options={"synchronize_session": False},
    )


async def deliver_due(
    database: Database, settings: NotifySettings, *, outbox: Path, status_callback: str | None, limit: int = BATCH
) -> int:
    """Claim a batch, send it, record each outcome as it comes; the number handled (0 when nothing is due).

    An SMS to a number that texted STOP fails for good at once, with :data:`notify.opt_out.REASON`.
    """
    async with database.transaction() as session:
        claimed = await claim(session, now=utcnow(), limit=limit)
        refused = await _opted_out(session, claimed)
        await record(session, refused, now=utcnow())
    handled, not_sent = len(claimed), {outcome.job.id for outcome in refused}
    jobs = [job for job in claimed if job.id not in not_sent]
    if not jobs:
        return handled
    finished: asyncio.Queue[Outcome | None] = asyncio.Queue()

    async def send_then_close() -> None:
        try:
            await send_all(jobs, settings, outbox=outbox, status_callback=status_callback, done=finished.put_nowait)
        finally:
            finished.put_nowait(None)

    async with asyncio.TaskGroup() as tasks:
        tasks.create_task(send_then_close())
        tasks.create_task(_record_as_they_come(database, finished))
    return handled


async def _opted_out(session: AsyncSession, jobs: list[Job]) -> list[Outcome]:
    """The claimed SMS whose number texted STOP, as permanent failures."""
    stopped = await opt_out.stopped(session, {job.address for job in jobs if job.channel is Channel.SMS})
    return [
        Outcome(job, failure=DeliveryFailed(opt_out.REASON, permanent=True))
        for job in jobs
        if job.channel is Channel.SMS and job.address in stopped
    ]


async def _record_as_they_come(database: Database, finished: "asyncio.Queue[Outcome | None]") -> None:
    """Record outcomes as soon as they arrive, until ``None``: all those that arrived during the last
    commit go in the next one. A worker killed mid-batch thus leaves unrecorded, to be sent again,
    only the messages in flight, not the batch."""
    last = False
    while not last:
        outcomes: list[Outcome] = []
        arrived = await finished.get()
        while arrived is not None:
            outcomes.append(arrived)
            if finished.empty():
                break
            arrived = finished.get_nowait()
        last = arrived is None
        if outcomes:
            await _record_surviving_a_restart(database, outcomes)


RECORD_RETRY_S = (0.5, 1, 2, 4, 8, 15, 15)
"""Waits between attempts to record outcomes while the database is away: 45 s in all, within the lease."""


async def _record_surviving_a_restart(database: Database, outcomes: list[Outcome]) -> None:
    """Record ``outcomes``, waiting for a database that restarts rather than giving them up.

    The messages are already sent: an outcome lost with the connection would leave them
    claimed, to be sent a second time once the lease runs out. A commit that went through
    before its connection broke is harmless to repeat: its rows are no longer the claim it updates.
    """
    for wait in (*RECORD_RETRY_S, None):
        try:
            async with database.transaction() as session:
                await record(session, outcomes, now=utcnow())
            return
        except Exception as error:
            if wait is None or not database_unavailable(error):
                raise
            await asyncio.sleep(wait)
