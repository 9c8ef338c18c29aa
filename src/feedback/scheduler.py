"""The clock that sends periodic jobs to the workers.

Any number of schedulers may run (one per web process in embedded mode, or ``caunoi
scheduler`` processes in production): the jobs they send are idempotent, so a duplicate
send costs a little work and changes nothing.
"""

import threading
import time
from datetime import timedelta

import dramatiq
import structlog

from feedback.actors import escalate_due_tickets, expand_notifications, queue_daily_digest, sweep_orphan_uploads

log = structlog.get_logger()

PERIODIC: list[tuple[dramatiq.Actor, timedelta]] = [
    (escalate_due_tickets, timedelta(minutes=1)),
    # The sweep: rows whose after-commit message was lost (Redis down), and retries that came due.
    (expand_notifications, timedelta(minutes=1)),
    (queue_daily_digest, timedelta(minutes=5)),  # sent from 07:30 on working days, once
    (sweep_orphan_uploads, timedelta(hours=1)),
]


def run_scheduler(stop: threading.Event, *, tick_seconds: float = 15.0) -> None:
    """Send each periodic job when it is due, until ``stop`` is set."""
    last_sent: dict[str, float] = {}
    log.info("scheduler_started", jobs=[actor.actor_name for actor, _ in PERIODIC])
    while not stop.is_set():
        now = time.monotonic()
        for actor, every in PERIODIC:
            sent = last_sent.get(actor.actor_name)
            if sent is None or now - sent >= every.total_seconds():
                actor.send()
                last_sent[actor.actor_name] = now
        stop.wait(tick_seconds)
