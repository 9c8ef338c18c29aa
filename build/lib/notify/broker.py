"""The dramatiq broker: Redis in production, an in-process stub in embedded mode.

Actors must be declared against this broker (``dramatiq.actor(broker=broker)``), never
against ``dramatiq.get_broker()``, which would silently create a RabbitMQ broker.
"""

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.errors import BrokerError
from dramatiq.middleware import AsyncIO
from redis.exceptions import RedisError

from notify.settings import NotifySettings

# What sending a message raises while the broker cannot take it (Redis down, out of memory,
# read-only): RedisBroker lets redis-py's errors through unwrapped.
BROKER_UNAVAILABLE = (RedisError, BrokerError)


def build_broker(redis_url: str | None) -> dramatiq.Broker:
    broker: dramatiq.Broker = RedisBroker(url=redis_url) if redis_url else StubBroker()
    broker.add_middleware(AsyncIO())
    dramatiq.set_broker(broker)
    return broker


broker = build_broker(NotifySettings().redis_url)


def start_worker(threads: int = 2) -> dramatiq.Worker:
    """Start worker threads in this process on the configured broker."""
    worker = dramatiq.Worker(broker, worker_threads=threads)
    # Take from Redis only as many messages as there are threads to run them (dramatiq's default
    # is twice as many): a busy worker must not hold jobs that an idle one could run at once.
    worker.queue_prefetch = threads
    worker.start()
    return worker
