"""Asking a worker to deliver, after the commit that wrote the notifications.

The message names the actor (:data:`EXPAND`, declared by ``feedback.actors``, which knows the
tickets) rather than importing it, since this layer sits below. If the broker cannot be reached
(Redis down) nothing is lost: the rows are in the database, and the periodic sweep asks again.

One request a quarter of a second per process is enough, whatever the traffic: the request is
sent with that delay, so it runs after every commit made while it waited, and those commits send
nothing more. Under load this saves a round trip to Redis on every submission.
"""

import threading
import time

import dramatiq
import structlog

from notify.broker import broker

QUEUE = "notify"
EXPAND = "expand_notifications"
DELAY_MS = 250

log = structlog.get_logger()
_lock = threading.Lock()
_covered_until: dict[str, float] = {}  # by actor: time.monotonic() before which a request already sent will run


def kick(queue_name: str = QUEUE, actor_name: str = EXPAND) -> None:
    """Ask for the actor's job (by default: expand the pending notifications and deliver them); never raises."""
    now = time.monotonic()
    with _lock:
        if now < _covered_until.get(actor_name, 0.0):
            return
        _covered_until[actor_name] = now + DELAY_MS / 1000
    try:
        broker.declare_queue(queue_name)  # a process that has not imported the actors may still ask
        message = dramatiq.Message(queue_name=queue_name, actor_name=actor_name, args=(), kwargs={}, options={})
        broker.enqueue(message, delay=DELAY_MS)
    except Exception as error:  # noqa: BLE001  (the sweep will ask again; the request must not fail)
        _covered_until[actor_name] = 0.0
        log.warning("queue_kick_failed", actor=actor_name, error=str(error))
