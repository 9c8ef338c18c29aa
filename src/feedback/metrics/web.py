"""``GET /metrics``: this process's metrics (or all web processes', in multiprocess mode) and the live gauges."""

import hmac
import os

from litestar import Request, Response, get
from litestar.datastructures import State
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from feedback.metrics import queries
from feedback.metrics.collector import ScrapeCollector, queue_depth
from feedback.metrics.ticks import last_tick
from feedback.web.deps import AppSettings
from notify.db import utcnow


def authorised(request: Request, settings: AppSettings) -> bool:
    """No token configured: open (bind or firewall it); else ``Authorization: Bearer <token>``, compared in constant time."""
    if settings.metrics_token is None:
        return True
    expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
    return hmac.compare_digest(request.headers.get("authorization", "").encode(), expected)


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
    async with state.db.transaction() as session:
        data = await queries.snapshot(session, now=utcnow())
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(
        ScrapeCollector(data, last_tick=await last_tick(state.redis), queue_depth=await queue_depth(state.redis))
    )
    body = generate_latest(process_registry()) + generate_latest(scrape)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
