"""The door peers knock at: ``POST /open311/v2/peer-updates.json``, their signed callbacks."""

from typing import Any

from litestar import Request, Response, Router, post
from litestar.status_codes import HTTP_200_OK

from feedback.federation.callbacks import Refused, receive_update
from feedback.federation.sender import UPDATES_PATH
from feedback.open311.web import PREFIX
from feedback.web.deps import Session
from notify.db import utcnow

MAX_BODY = 256 * 1024


@post(UPDATES_PATH, name="peer_updates", request_max_body_size=MAX_BODY, status_code=HTTP_200_OK)
async def peer_updates(request: Request, session: Session) -> dict[str, Any]:
    """Apply a peer's signed update; a refusal (raised, so the transaction is rolled back) changes nothing."""
    await receive_update(session, request.headers, await request.body(), now=utcnow())
    return {"applied": True}


def _refused(request: Request, exc: Refused) -> Response[Any]:
    return Response({"errors": [{"field": exc.field, "message": exc.message}]}, status_code=exc.status)


federation_router = Router(
    path=PREFIX, route_handlers=[peer_updates], exception_handlers={Refused: _refused}, include_in_schema=False
)
