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
from feedback.metrics.collector import last_tick_family, queue_depth_family, queue_keys


class QueueDepthCollector(Collector):
    def __init__(self, redis_url: str) -> None:
        self.client = redis.Redis.from_url(redis_url, socket_timeout=2)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield queue_depth_family({queue: int(self.client.llen(key)) for queue, key in queue_keys().items()})


class TickCollector(Collector):
    """This scheduler's own last tick."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield last_tick_family(ticks.local_tick())


def start_exporter(address: str, port: int, redis_url: str, *, scheduler: bool) -> None:
    """Serve ``/metrics`` on ``address:port`` from a daemon thread."""
    REGISTRY.register(QueueDepthCollector(redis_url))
    if scheduler:
        REGISTRY.register(TickCollector())
    start_http_server(port, addr=address)
