"""Asking a worker to deliver, after the commit that wrote the notifications.

The message names the actor (:data:`EXPAND`, declared by ``feedback.actors``, which knows the
tickets) rather than importing it, since this layer sits below. If the broker cannot be reached
(Redis down) nothing is lost: the rows are in the database, and the periodic sweep asks again.
"""

import dramatiq
import structlog

from notify.broker import broker

QUEUE = "notify"
EXPAND = "expand_notifications"

log = structlog.get_logger()


def kick() -> None:
    """Ask for the pending notifications to be expanded and delivered; never raises."""
    try:
        broker.declare_queue(QUEUE)  # a process that has not imported the actors may still ask
        broker.enqueue(dramatiq.Message(queue_name=QUEUE, actor_name=EXPAND, args=(), kwargs={}, options={}))
    except Exception as error:  # noqa: BLE001  (the sweep will ask again; the request must not fail)
        log.warning("notify_kick_failed", error=str(error))
