"""Probes for the load balancer and the orchestrator."""

from litestar import Response, get
from litestar.datastructures import State


@get("/healthz", name="healthz", include_in_schema=False, sync_to_thread=False)
def healthz() -> dict[str, str]:
    """The process is alive and serving."""
    return {"status": "ok"}


@get("/readyz", name="readyz", include_in_schema=False)
async def readyz(state: State) -> Response[dict[str, object]]:
    """The database (and Redis, when configured) answer; 503 naming what does not."""
    failing: dict[str, str] = {}
    try:
        await state.db.ping()
    except Exception as exc:  # noqa: BLE001  (any failure means "not ready"; say which)
        failing["database"] = type(exc).__name__
    if state.redis is not None:
        try:
            await state.redis.ping()
        except Exception as exc:  # noqa: BLE001
            failing["redis"] = type(exc).__name__
    if failing:
        return Response({"status": "unavailable", "failing": failing}, status_code=503)
    return Response({"status": "ok"})
