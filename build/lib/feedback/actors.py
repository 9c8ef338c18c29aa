"""Background jobs of the ticket side. Messages carry ids only; every job may safely run twice."""

import time
from datetime import timedelta

import dramatiq
import httpx
import structlog

from feedback.digest import queue_digest
from feedback.escalations import BATCH, escalate_due
from feedback.federation import outbox, polling, sender
from feedback.federation.peers import peer_named
from feedback.federation.services import peers_to_refresh, refresh_services
from feedback.mailbox import reader
from feedback.mailbox.replies import addresser
from feedback.outbox import BATCH as EXPAND_BATCH
from feedback.outbox import expand_pending
from feedback.settings import get_settings
from feedback.uploads import sweep_orphans
from notify import queue
from notify.broker import broker
from notify.db import Database, utcnow
from notify.delivery import BATCH as DELIVERY_BATCH
from notify.delivery import deliver_due
from notify.sms import STATUS_CALLBACK_PATH

log = structlog.get_logger()

# A file younger than this may belong to a submission whose transaction is still open.
ORPHAN_GRACE = timedelta(hours=1)

TURN_S = 60.0
"""How long one outbox job works before it hands over to a new message (far below its time limit)."""

_database: Database | None = None


def database() -> Database:
    """The worker's own engine, created on the worker's event loop the first time a job needs it."""
    global _database  # noqa: PLW0603
    if _database is None:
        _database = Database(get_settings().database_url, pool_size=4)
    return _database


@dramatiq.actor(broker=broker, queue_name="maintenance", max_retries=3, time_limit=10 * 60 * 1000)
async def sweep_orphan_uploads() -> None:
    """Delete uploaded files that no attachment row claims (left by a process killed mid-submission)."""
    settings = get_settings()
    if not settings.uploads.exists():
        return
    async with database().transaction() as session:
        removed = await sweep_orphans(session, upload_dir=settings.uploads, now=utcnow(), grace=ORPHAN_GRACE)
    log.info("orphan_uploads_swept", removed=removed)


@dramatiq.actor(broker=broker, queue_name="maintenance", max_retries=3, time_limit=10 * 60 * 1000)
async def refresh_peer_services() -> None:
    """Read again the services of the peers whose list is a day old (or whose last reading failed an hour ago)."""
    async with database().transaction() as session:
        names = [peer.name for peer in await peers_to_refresh(session, utcnow())]
    async with httpx.AsyncClient() as client:
        for name in names:  # each in its own transaction: a slow peer holds no lock on the others
            async with database().transaction() as session:
                peer = await peer_named(session, name)
                if not await refresh_services(session, peer, client=client, now=utcnow()):
                    log.warning("peer_services_unreadable", peer=peer.name, error=peer.services_error)


@dramatiq.actor(
    broker=broker, queue_name=outbox.QUEUE, actor_name=outbox.SEND, max_retries=3, time_limit=10 * 60 * 1000
)
async def send_peer_messages() -> None:
    """Send the forwards and callbacks that are due to peers, batch after batch (or until :data:`TURN_S` is up)."""
    started, sent = time.monotonic(), 0
    async with sender.peer_client() as client:
        while handled := await sender.send_due(database(), client):
            sent += handled
            if time.monotonic() - started > TURN_S:
                send_peer_messages.send()  # a fresh job carries on, well within its time limit
                break
    if sent:
        log.info("peer_messages_handled", count=sent)


@dramatiq.actor(broker=broker, queue_name=outbox.QUEUE, max_retries=3, time_limit=10 * 60 * 1000)
async def poll_peers() -> None:
    """Ask the plain Open311 peers (which do not call back) how the questions forwarded to them stand."""
    async with httpx.AsyncClient() as client:
        while await polling.poll_due(database(), client, now=utcnow()) == polling.BATCH:
            pass


@dramatiq.actor(broker=broker, queue_name="sla", max_retries=3, time_limit=5 * 60 * 1000)
async def escalate_due_tickets() -> None:
    """Fire the escalation steps that have come due (safe to run in several workers at once)."""
    fired = 0
    for _ in range(100):  # batch after batch, each in its own transaction, until the backlog is done
        async with database().transaction() as session:
            result = await escalate_due(session, now=utcnow())
        fired += result.fired
        if result.scanned < BATCH:
            break
    if fired:
        log.info("escalations_fired", count=fired)


@dramatiq.actor(broker=broker, queue_name=queue.QUEUE, actor_name=queue.EXPAND, max_retries=3, time_limit=5 * 60 * 1000)
async def expand_notifications() -> None:
    """Turn pending notifications into deliveries, batch after batch, and have them sent.

    Each batch asks for its own delivery job, so that sending starts with the first batch and,
    with several workers, spreads over them. With nothing to expand (the scheduler's sweep) one
    delivery job is still asked for: it sends the retries that have come due.
    """
    settings = get_settings()
    reply_to = addresser(settings.mailbox.address, settings.secret_key.get_secret_value())
    started = time.monotonic()
    while True:
        async with database().transaction() as session:
            expanded = await expand_pending(session, now=utcnow(), base_url=settings.base_url, reply_to=reply_to)
        deliver_notifications.send()  # this batch's deliveries, or (none) the retries that are due
        if expanded < EXPAND_BATCH:
            break
        if time.monotonic() - started > TURN_S:
            expand_notifications.send()  # a fresh job carries on, well within its time limit
            break


@dramatiq.actor(broker=broker, queue_name=queue.QUEUE, max_retries=3, time_limit=10 * 60 * 1000)
async def deliver_notifications() -> None:
    """Send the deliveries that are due, batch after batch, until none is left (or :data:`TURN_S` is up).

    A job that finds a full batch asks once for a second job, which an idle worker takes: a
    backlog is shared by every worker there is, and the jobs end when the backlog does.
    """
    settings = get_settings()
    callback = settings.base_url + STATUS_CALLBACK_PATH
    started, sent, helped = time.monotonic(), 0, False
    while handled := await deliver_due(
        database(), settings.notify, outbox=settings.outbox_dir, status_callback=callback
    ):
        sent += handled
        if handled == DELIVERY_BATCH and not helped:
            deliver_notifications.send()
            helped = True
        if time.monotonic() - started > TURN_S:
            deliver_notifications.send()  # a fresh job carries on, well within its time limit
            break
    if sent:
        log.info("notifications_delivered", count=sent)


@dramatiq.actor(broker=broker, queue_name=queue.QUEUE, max_retries=3, time_limit=5 * 60 * 1000)
async def queue_daily_digest() -> None:
    """Queue the morning digest of overdue questions, once each working day (repeats change nothing)."""
    async with database().transaction() as session:
        await queue_digest(session, now=utcnow(), base_url=get_settings().base_url)


@dramatiq.actor(broker=broker, queue_name="mailbox", max_retries=0, time_limit=10 * 60 * 1000)
async def read_mailbox() -> None:
    """Turn what waits in the office's mailbox into questions, replies and bounces (nothing if IMAP is not configured).

    Safe in any number of workers at once (see :mod:`feedback.mailbox.reader`): a job that finds a
    backlog asks once for a second job, which an idle worker takes, and one that has not seen the
    mailbox empty after :data:`TURN_S` hands over to a new one.
    """
    settings = get_settings()
    if not settings.mailbox.enabled:
        return
    taken, more = await reader.read(database(), settings, turn_s=TURN_S, on_backlog=read_mailbox.send)
    if more:
        read_mailbox.send()
    if taken:
        log.info("mailbox_read", count=taken)
