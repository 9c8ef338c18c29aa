"""Metric families built at scrape time from the database, Redis and the scheduler's tick."""

from collections.abc import Iterator

import redis.asyncio as aioredis
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from feedback.metrics.queries import Snapshot
from notify.broker import broker

Metric = GaugeMetricFamily | CounterMetricFamily


class ScrapeCollector(Collector):
    """The values of one scrape (read asynchronously before, since ``collect`` is synchronous)."""

    def __init__(
        self, data: Snapshot | None, *, last_tick: float | None, queue_depth: dict[str, int], redis_up: bool | None
    ) -> None:
        """``data`` None: the database could not be read; ``redis_up`` None: no Redis (embedded mode)."""
        self.data, self.last_tick, self.queue_depth, self.redis_up = data, last_tick, queue_depth, redis_up

    def collect(self) -> Iterator[Metric]:
        yield _gauge(
            "caunoi_database_up",
            "Whether the database answered this scrape (1) or not (0).",
            [],
            {(): int(self.data is not None)},
        )
        if self.redis_up is not None:
            yield _gauge(
                "caunoi_redis_up", "Whether Redis answered this scrape (1) or not (0).", [], {(): int(self.redis_up)}
            )
        if self.data is not None:
            yield from self._database(self.data)
        yield last_tick_family(self.last_tick)
        yield queue_depth_family(self.queue_depth)

    def _database(self, data: Snapshot) -> Iterator[Metric]:
        yield _gauge(
            "caunoi_questions_received_24h", "Questions received in the last 24 hours.", ["channel"], data.received
        )
        yield _gauge("caunoi_questions_open", "Open questions.", ["department"], data.open)
        yield _gauge(
            "caunoi_questions_overdue", "Open questions past their answer deadline.", ["department"], data.overdue
        )
        yield _gauge(
            "caunoi_notifications_queued",
            "Deliveries not sent yet: pending (never tried), retrying (after a failure), sending.",
            ["channel", "state"],
            data.queued,
        )
        yield _gauge(
            "caunoi_notifications_finished_24h",
            "Deliveries sent or failed for good in the last 24 hours.",
            ["channel", "outcome"],
            data.done,
        )
        yield _gauge(
            "caunoi_notification_oldest_pending_age_seconds",
            "Age of the oldest notification still waiting for its first try (0 if none).",
            [],
            {(): data.oldest_pending_age},
        )
        yield _gauge(
            "caunoi_escalations_fired_24h", "Escalation steps fired in the last 24 hours.", ["level"], data.escalations
        )


def last_tick_family(tick: float | None) -> GaugeMetricFamily:
    """The scheduler's heartbeat, as the web scrape (any scheduler's) and the scheduler's exporter (its own) give it."""
    return _gauge(
        "caunoi_scheduler_last_tick_timestamp_seconds",
        "When a scheduler last sent its due jobs successfully (Unix time; absent if never).",
        [],
        {} if tick is None else {(): tick},
    )


def queue_depth_family(depth: dict[str, int]) -> GaugeMetricFamily:
    return _gauge("caunoi_job_queue_depth", "Jobs waiting in Redis, by queue.", ["queue"], depth)


def queue_keys() -> dict[str, str]:
    """Each dramatiq queue's Redis list (the messages due now, not the delayed ones)."""
    return {queue: f"dramatiq:{queue}" for queue in sorted(broker.get_declared_queues())}


def _gauge(name: str, documentation: str, labels: list[str], values: dict) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for key, value in sorted(values.items()):
        family.add_metric(list(key) if isinstance(key, tuple) else [key], value)
    return family


async def queue_depth(client: aioredis.Redis | None) -> dict[str, int]:
    """Messages waiting in each dramatiq queue (:func:`queue_keys`); empty in embedded mode."""
    if client is None:
        return {}
    return {queue: int(await client.llen(key)) for queue, key in queue_keys().items()}
