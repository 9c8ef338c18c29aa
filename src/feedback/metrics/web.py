"""``GET /metrics``: this process's metrics (or all web processes', in multiprocess mode) and the live gauges."""

import hmac
import os

from litestar import Request, Response, get
from litestar.datastructures import State
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from redis.exceptions import RedisError

from feedback.metrics import queries
from feedback.metrics.collector import ScrapeCollector, queue_depth
from feedback.metrics.queries import Snapshot
from feedback.metrics.ticks import last_tick
from feedback.web.deps import AppSettings
from notify.db import database_unavailable, utcnow


def authorised(request: Request, settings: AppSettings) -> bool:
    """No token configured: open (bind or firewall it); else ``Authorization: Bearer <token>``, compared in constant time."""
    if settings.metrics_token is None:
        return True
    expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
    return hmac.compare_digest(request.headers.get("authorization", "").encode(), expected)


async def _scrape(state: State) -> ScrapeCollector:
    """The live gauges. A database or Redis that cannot be read is reported (``caunoi_database_up 0``),
    not an error: the scrape still carries this process's requests, the 503s of the outage among them."""
    try:
        async with state.db.transaction() as session:
            data: Snapshot | None = await queries.snapshot(session, now=utcnow())
    except Exception as exc:
        if not database_unavailable(exc):
            raise
        data = None
    redis_up: bool | None = None if state.redis is None else True
    try:
        tick, depth = await last_tick(state.redis), await queue_depth(state.redis)
    except RedisError:
        tick, depth, redis_up = None, {}, False
    return ScrapeCollector(data, last_tick=tick, queue_depth=depth, redis_up=redis_up)


def process_registry() -> CollectorRegistry:
    # PROMETHEUS_MULTIPROC_DIR is the library's own switch (read by prometheus_client at import).
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


@get("/metrics", name="metrics", include_in_schema=False)
async def metrics(request: Request, state: State, settings: AppSettings) -> Response[bytes]:
    if not authorised(request, settings):
        return Response(b"unauthorised\n", status_code=401, headers={"WWW-Authenticate": "Bearer"})
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(await _scrape(state))
    body = generate_latest(process_registry()) + generate_latest(scrape)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
