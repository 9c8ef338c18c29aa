"""The doors peers knock at: ``POST /open311/v2/peer-updates.json`` (their signed callbacks) and the
signed links to a forwarded question's files (:mod:`feedback.federation.media`)."""

from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.exceptions import NotFoundException
from litestar.response import File
from litestar.status_codes import HTTP_200_OK

from feedback.federation import media
from feedback.federation.callbacks import Refused, receive_update
from feedback.federation.sender import UPDATES_PATH
from feedback.models import Attachment, AttachmentKind
from feedback.open311.web import PREFIX
from feedback.web.deps import AppSettings, Session
from feedback.web.files import attachment_response
from feedback.web.forms import Id
from notify.db import utcnow

MAX_BODY = 256 * 1024


@post(UPDATES_PATH, name="peer_updates", request_max_body_size=MAX_BODY, status_code=HTTP_200_OK)
async def peer_updates(request: Request, session: Session) -> dict[str, Any]:
    """Apply a peer's signed update; a refusal (raised, so the transaction is rolled back) changes nothing."""
    await receive_update(session, request.headers, await request.body(), now=utcnow())
    return {"applied": True}


@get("/lien-thong/tep/{attachment_id:int}", name="peer_file")
async def peer_file(request: Request, session: Session, settings: AppSettings, attachment_id: Id) -> File:
    """An attachment of a forwarded question, for the peer's staff: only through a valid link, only the citizen's files."""
    secret = settings.secret_key.get_secret_value()
    attachment = await session.get(Attachment, attachment_id)
    if (
        attachment is None
        or attachment.kind is not AttachmentKind.QUESTION
        or not media.link_allows(
            secret,
            attachment_id,
            request.query_params.get("het-han"),
            request.query_params.get("chu-ky"),
            now=utcnow(),
        )
    ):
        raise NotFoundException()
    return attachment_response(settings, attachment)


def _refused(request: Request, exc: Refused) -> Response[Any]:
    return Response({"errors": [{"field": exc.field, "message": exc.message}]}, status_code=exc.status)


federation_router = Router(
    path=PREFIX, route_handlers=[peer_updates], exception_handlers={Refused: _refused}, include_in_schema=False
)
media_router = Router(path="/", route_handlers=[peer_file], include_in_schema=False)
