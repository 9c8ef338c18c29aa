"""The HTTP exporter of ``caunoi worker`` and ``caunoi scheduler`` (``--metrics-port``).

It serves the process's own metrics (CPU, memory, the scheduler's last tick) and the job
queue's depth. It has no token: bind it to an address only Prometheus reaches
(``--metrics-address``, default 127.0.0.1).
"""

from collections.abc import Iterator

import redis
from prometheus_client import REGISTRY, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from feedback.metrics import ticks
from notify.broker import broker


class QueueDepthCollector(Collector):
    def __init__(self, redis_url: str) -> None:
        self.client = redis.Redis.from_url(redis_url, socket_timeout=2)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("caunoi_job_queue_depth", "Jobs waiting in Redis, by queue.", labels=["queue"])
        for queue in sorted(broker.get_declared_queues()):
            family.add_metric([queue], int(self.client.llen(f"dramatiq:{queue}")))
        yield family


class TickCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "caunoi_scheduler_last_tick_timestamp_seconds",
            "When this scheduler last sent its due jobs successfully (Unix time; absent if never).",
        )
        if (tick := ticks.local_tick()) is not None:
            family.add_metric([], tick)
        yield family


def start_exporter(address: str, port: int, redis_url: str, *, scheduler: bool) -> None:
    """Serve ``/metrics`` on ``address:port`` from a daemon thread."""
    REGISTRY.register(QueueDepthCollector(redis_url))
    if scheduler:
        REGISTRY.register(TickCollector())
    start_http_server(port, addr=address)
