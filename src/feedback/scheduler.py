"""The clock that sends periodic jobs to the workers.

Any number of schedulers may run (one per web process in embedded mode, or ``caunoi
scheduler`` processes in production): the jobs they send are idempotent, so a duplicate
send costs a little work and changes nothing.

While the broker cannot be reached (Redis down), the scheduler logs it, waits (1 s, doubling
up to 30 s) and tries again; a job that could not be sent is sent once Redis is back, and it
then does whatever fell due meanwhile (escalations, the notification sweep, the digest).
"""

import threading
import time
from datetime import timedelta

import dramatiq
import redis
import structlog

from feedback.actors import (
    escalate_due_tickets,
    expand_notifications,
    poll_peers,
    queue_daily_digest,
    read_mailbox,
    refresh_peer_services,
    send_peer_messages,
    sweep_orphan_uploads,
)
from feedback.metrics.ticks import record_tick
from notify.broker import BROKER_UNAVAILABLE

log = structlog.get_logger()

PERIODIC: list[tuple[dramatiq.Actor, timedelta]] = [
    (escalate_due_tickets, timedelta(minutes=1)),
    # The sweep: rows whose after-commit message was lost (Redis down), and retries that came due.
    (expand_notifications, timedelta(minutes=1)),
    (queue_daily_digest, timedelta(minutes=5)),  # sent from 07:30 on working days, once
    (sweep_orphan_uploads, timedelta(hours=1)),
    (refresh_peer_services, timedelta(minutes=15)),  # each peer's list daily, or an hour after a failure
    (send_peer_messages, timedelta(minutes=1)),  # retries to peers that were down, and what a lost kick left
    (poll_peers, timedelta(minutes=1)),  # each forward at a plain Open311 peer, when its turn comes
    # An email becomes a question within a minute (at most this plus a tick, plus the time to read it).
    (read_mailbox, timedelta(seconds=30)),
]


FIRST_RETRY = timedelta(seconds=1)
LONGEST_RETRY = timedelta(seconds=30)


def run_scheduler(stop: threading.Event, *, redis_url: str | None = None, tick_seconds: float = 15.0) -> None:
    """Send each periodic job when it is due, until ``stop`` is set; outlives broker outages.

    Each tick that sent its due jobs is recorded (:mod:`feedback.metrics.ticks`) for ``/readyz``.
    """
    last_sent: dict[str, float] = {}
    # One client for the heartbeat, reconnecting as needed (not a new connection every tick).
    ticks = redis.Redis.from_url(redis_url, socket_timeout=5) if redis_url else None
    retry = FIRST_RETRY
    log.info("scheduler_started", jobs=[actor.actor_name for actor, _ in PERIODIC])
    while not stop.is_set():
        try:
            _send_due(last_sent)
            record_tick(ticks)
        except BROKER_UNAVAILABLE as error:
            log.warning("scheduler_broker_unavailable", error=str(error), retry_in_s=retry.total_seconds())
            stop.wait(retry.total_seconds())
            retry = min(2 * retry, LONGEST_RETRY)
            continue
        if retry != FIRST_RETRY:
            log.info("scheduler_broker_back")
            retry = FIRST_RETRY
        stop.wait(tick_seconds)
    if ticks is not None:
        ticks.close()


def _send_due(last_sent: dict[str, float]) -> None:
    now = time.monotonic()
    for actor, every in PERIODIC:
        sent = last_sent.get(actor.actor_name)
        if sent is None or now - sent >= every.total_seconds():
            actor.send()
            last_sent[actor.actor_name] = now
