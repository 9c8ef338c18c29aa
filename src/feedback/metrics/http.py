"""Requests by route template (``/cau-hoi/{reference}``, never the raw path) and status, with latency."""

import time

from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import Counter, Histogram, disable_created_metrics

disable_created_metrics()  # the *_created series double what is scraped, for nothing alerts use
REQUESTS = Counter("caunoi_http_requests_total", "HTTP requests handled.", ["method", "route", "status"])
LATENCY = Histogram(
    "caunoi_http_request_duration_seconds",
    "Time to answer an HTTP request.",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
UNMATCHED = "<unmatched>"
"""The route label of a request that reached no route template (never the raw path: one series per URL)."""


def http_metrics(app: ASGIApp) -> ASGIApp:
    """Litestar middleware factory: runs after routing, so the route's template is known."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        status = 500
        start = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_wrapper)
        finally:
            route = scope.get("path_template") or UNMATCHED  # type: ignore[typeddict-item]
            method = scope.get("method", "")
            REQUESTS.labels(method, route, str(status)).inc()
            LATENCY.labels(method, route).observe(time.perf_counter() - start)

    return middleware
