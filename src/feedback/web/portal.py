"""The public portal: home, the question form, and the citizen's private status page."""

from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import (
    HTTP_303_SEE_OTHER,
    HTTP_404_NOT_FOUND,
    HTTP_422_UNPROCESSABLE_ENTITY,
)
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import InvalidInput, NotFound
from feedback.i18n import LANGUAGES, current_language, language_cookie
from feedback.intake import receive_question
from feedback.models import Channel
from feedback.settings import Settings
from feedback.tickets import get_question_for_citizen, reply_from_citizen
from feedback.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES
from feedback.web.deps import AppSettings, Session
from feedback.web.forms import files_of, read_form
from notify.db import utcnow
from routing.services import active_areas, active_categories
from routing.text import nfc


def tracking_path(reference: str, token: str) -> str:
    return f"/cau-hoi/{reference}?{urlencode({'token': token})}"


@get("/", name="home")
async def home() -> Template:
    return Template("portal/home.html")


async def _ask_page(session: AsyncSession, form: dict[str, Any], errors: InvalidInput | None = None) -> Template:
    return Template(
        "portal/ask.html",
        context={
            "categories": await active_categories(session),
            "areas": await active_areas(session),
            "form": form,
            "errors": {e.field: e.message for e in errors.errors} if errors else {},
            "max_files": MAX_FILES,
            "max_mb": MAX_FILE_BYTES // 2**20,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/gui-cau-hoi", name="ask")
async def ask(session: Session, category: FromQuery[str | None] = None) -> Template:
    return await _ask_page(session, {"category": category} if category else {})


@post("/gui-cau-hoi", name="ask_submit", request_max_body_size=MAX_REQUEST_BYTES)
async def ask_submit(request: Request, session: Session, settings: AppSettings) -> Template | Redirect:
    fields, files = await read_form(request)
    try:
        submitted = await receive_question(
            session,
            fields,
            files,
            channel=Channel.WEB,
            language=current_language(),
            upload_dir=settings.uploads,
            now=utcnow(),
        )
    except InvalidInput as exc:
        return await _ask_page(session, fields, exc)
    path = tracking_path(submitted.reference, submitted.token)
    return Redirect(path=f"{path}&moi=1", status_code=HTTP_303_SEE_OTHER)


async def _track_page(
    session: AsyncSession,
    settings: Settings,
    reference: str,
    token: str | None,
    *,
    just_sent: bool = False,
    replied: bool = False,
    reply: str = "",
    errors: InvalidInput | None = None,
) -> Template:
    try:
        view = await get_question_for_citizen(session, reference, token, now=utcnow())
    except NotFound:
        return Template("portal/not_found.html", status_code=HTTP_404_NOT_FOUND)
    return Template(
        "portal/track.html",
        context={
            "q": view,
            "token": token,
            "just_sent": just_sent,
            "replied": replied,
            "reply": reply,
            "errors": {e.field: e.message for e in errors.errors} if errors else {},
            "tracking_url": settings.base_url + tracking_path(reference, token or ""),
            "max_files": MAX_FILES,
            "max_mb": MAX_FILE_BYTES // 2**20,
        },
        status_code=errors.status if errors else 200,
    )


@get("/cau-hoi/{reference:str}", name="track")
async def track(
    session: Session,
    settings: AppSettings,
    reference: FromPath[str],
    token: FromQuery[str | None] = None,
    moi: FromQuery[bool] = False,
    da_gui: FromQuery[bool] = False,
) -> Template:
    return await _track_page(session, settings, reference, token, just_sent=moi, replied=da_gui)


@post("/cau-hoi/{reference:str}/bo-sung", name="citizen_reply", request_max_body_size=MAX_REQUEST_BYTES)
async def citizen_reply(
    request: Request, session: Session, settings: AppSettings, reference: FromPath[str]
) -> Template | Redirect:
    """The citizen's answer to a request for more information, with files, from the status page."""
    form = await request.form()
    token, text = str(form.get("token", "")), nfc(str(form.get("reply", "")))
    files = await files_of(form)
    try:
        async with session.begin_nested():  # a refusal undoes only the reply, and the page still renders
            await reply_from_citizen(session, reference, token, text, files, upload_dir=settings.uploads, now=utcnow())
    except NotFound:
        return Template("portal/not_found.html", status_code=HTTP_404_NOT_FOUND)
    except InvalidInput as refused:
        return await _track_page(session, settings, reference, token, reply=text, errors=refused)
    return Redirect(path=f"{tracking_path(reference, token)}&da_gui=1", status_code=HTTP_303_SEE_OTHER)


@get("/ngon-ngu/{language:str}", name="language")
async def switch_language(language: FromPath[str], next: FromQuery[str] = "/") -> Response[None]:  # noqa: A002  (the query parameter's name)
    """Remember the visitor's language and go back where they were."""
    # Only a path on this site: an absolute or protocol-relative URL would make an open redirect.
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = Redirect(path=target, status_code=HTTP_303_SEE_OTHER)
    if language in LANGUAGES:
        response.set_cookie(language_cookie(language))
    return response
