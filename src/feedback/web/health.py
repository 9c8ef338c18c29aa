"""Probes for the load balancer and the orchestrator."""

import time

from litestar import Response, get
from litestar.datastructures import State

from feedback.metrics.queries import oldest_pending_age
from feedback.metrics.ticks import last_tick
from feedback.web.deps import AppSettings
from notify.db import utcnow


@get("/healthz", name="healthz", include_in_schema=False, sync_to_thread=False)
def healthz() -> dict[str, str]:
    """The process is alive and serving."""
    return {"status": "ok"}


@get("/readyz", name="readyz", include_in_schema=False)
async def readyz(state: State, settings: AppSettings) -> Response[dict[str, object]]:
    """503 naming what fails: the database, Redis (when configured), a silent scheduler, stuck notifications.

    A scheduler that never ticked counts as silent only once this app has been up for the
    allowed tick age (``state.started_at``; it ticks as it starts).
    """
    failing: dict[str, str] = {}
    try:
        async with state.db.transaction() as session:
            age = await oldest_pending_age(session, now=utcnow())
        if age > settings.ready_max_pending_age:
            failing["notifications"] = f"oldest pending for {int(age)} s"
    except Exception as exc:  # noqa: BLE001  (any failure means "not ready"; say which)
        failing["database"] = type(exc).__name__
    tick: float | None = None
    try:
        if state.redis is not None:
            await state.redis.ping()
        tick = await last_tick(state.redis)
    except Exception as exc:  # noqa: BLE001
        failing["redis"] = type(exc).__name__
    else:
        silent = time.time() - (tick if tick is not None else state.started_at)
        if silent > settings.ready_max_tick_age:
            failing["scheduler"] = f"no tick for {int(silent)} s" if tick is not None else "never ticked"
    if failing:
        return Response({"status": "unavailable", "failing": failing}, status_code=503)
    return Response({"status": "ok"})
