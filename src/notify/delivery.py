"""Delivering what the outbox holds: claim due deliveries under a lease, send them, record what happened.

Any number of workers may run :func:`deliver_due` at once. A claim is a conditional UPDATE (on
PostgreSQL over rows locked with ``SKIP LOCKED``), so no two workers hold one delivery; a worker
killed mid-send leaves its claim to expire after :data:`LEASE`, and the delivery is sent again:
at most the messages in flight are repeated, and an email keeps its Message-ID, so a repeat is
recognisable. An outcome is recorded only by the claim that sent it (same attempt number).

Transient failures are retried with exponential backoff (:func:`retry_delay`) for
:data:`RETRY_FOR`; permanent ones, and transient ones past that, mark the delivery failed with
the reason.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from notify import mail, sms
from notify.db import Database, on_commit, utcnow
from notify.failures import DeliveryFailed
from notify.models import Channel, Delivery, DeliveryStatus
from notify.queue import kick
from notify.settings import NotifySettings

LEASE = timedelta(minutes=2)
RETRY_FOR = timedelta(hours=24)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
BATCH = 100


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


@dataclass(frozen=True)
class Outcome:
    job: Job
    provider_id: str | None = None
    segments: int | None = None
    failure: DeliveryFailed | None = None


async def claim(session: AsyncSession, *, now: datetime, limit: int = BATCH) -> list[Job]:
    """Take up to ``limit`` due deliveries (pending and due, or claimed by a worker whose lease ran out)."""
    due = or_(
        and_(Delivery.status == DeliveryStatus.PENDING, Delivery.next_attempt_at <= now),
        and_(Delivery.status == DeliveryStatus.SENDING, Delivery.lease_until < now),
    )
    ids = select(Delivery.id).where(due).order_by(Delivery.next_attempt_at, Delivery.id).limit(limit)
    if session.bind.dialect.name == "postgresql":
        ids = ids.with_for_update(skip_locked=True)
    claimed = await session.scalars(
        update(Delivery)
        .where(Delivery.id.in_(ids.scalar_subquery()), due)
        .values(status=DeliveryStatus.SENDING, lease_until=now + LEASE, attempts=Delivery.attempts + 1)
        .returning(Delivery),
        execution_options={"synchronize_session": False},
    )
    return [
        Job(d.id, d.attempts, d.channel, d.address, d.subject, d.text, d.html, d.thread, d.created_at)  # type: ignore[arg-type]
        for d in claimed
    ]


async def send(job: Job, settings: NotifySettings, *, outbox: Path, status_callback: str | None) -> Outcome:
    """Send one job on its channel, or write it to ``outbox`` when the channel is not configured."""
    try:
        if job.channel is Channel.EMAIL:
            return Outcome(job, provider_id=await _send_email(job, settings, outbox))
        body = sms.without_diacritics(job.text) if settings.sms_without_diacritics else job.text
        return Outcome(
            job, provider_id=await _send_sms(job, body, settings, outbox, status_callback), segments=sms.segments(body)
        )
    except DeliveryFailed as failure:
        return Outcome(job, failure=failure)
    except sms.InvalidNumber as error:
        return Outcome(job, failure=DeliveryFailed(f"invalid number: {error}", permanent=True))


async def _send_email(job: Job, settings: NotifySettings, outbox: Path) -> str:
    domain = mail.mail_domain(settings)
    message = mail.build_message(
        mail.Email(
            to=job.address,
            subject=job.subject,
            text=job.text,
            html=job.html or "",
            message_id=mail.message_id("delivery", job.id, domain),
            thread_id=mail.message_id("ticket", job.thread, domain) if job.thread else None,
        ),
        settings,
    )
    if not settings.smtp_host:
        return mail.write_to_outbox(message, outbox / "email").name[:64]
    return (await mail.send(message, settings))[:64]


async def _send_sms(job: Job, body: str, settings: NotifySettings, outbox: Path, status_callback: str | None) -> str:
    to = sms.e164(job.address)
    if not settings.twilio_account_sid:
        return sms.write_to_outbox(to, body, outbox / "sms", f"delivery-{job.id}").name
    return (await sms.send(to, body, settings, status_callback=status_callback)).sid


async def record(session: AsyncSession, outcomes: list[Outcome], *, now: datetime) -> None:
    """Write each outcome, unless the claim that sent it has since expired and been taken again."""
    for outcome in outcomes:
        job = outcome.job
        if outcome.failure is None:
            values: dict[str, object] = {
                "status": DeliveryStatus.SENT,
                # Once sent, the words are the provider's and the reader's to keep, not ours: the
                # body (a tracking link's token, an answer not published) is not kept twice.
                "text": "",
                "html": None,
                "sent_at": now,
                "provider_id": outcome.provider_id,
                "segments": outcome.segments,
                "error": None,
            }
        elif outcome.failure.permanent or now - job.created_at >= RETRY_FOR:
            values = {"status": DeliveryStatus.FAILED, "error": outcome.failure.reason[:500]}
        else:
            values = {
                "status": DeliveryStatus.PENDING,
                "next_attempt_at": now + retry_delay(job.attempt),
                "error": outcome.failure.reason[:500],
            }
        await session.execute(
            update(Delivery)
            .where(Delivery.id == job.id, Delivery.status == DeliveryStatus.SENDING, Delivery.attempts == job.attempt)
            .values(lease_until=None, **values),
            execution_options={"synchronize_session": False},
        )


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
    """Claim a batch, send it, record the outcomes; the number handled (0 when nothing is due)."""
    async with database.transaction() as session:
        jobs = await claim(session, now=utcnow(), limit=limit)
    outcomes = [await send(job, settings, outbox=outbox, status_callback=status_callback) for job in jobs]
    if outcomes:
        async with database.transaction() as session:
            await record(session, outcomes, now=utcnow())
    return len(outcomes)
