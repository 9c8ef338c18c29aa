"""The public portal: home, the question form, and the citizen's private status page."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.datastructures import FormMultiDict
from litestar.params import FromPath, FromQuery
from litestar.response import File, Redirect, Template
from litestar.status_codes import (
    HTTP_303_SEE_OTHER,
    HTTP_404_NOT_FOUND,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_429_TOO_MANY_REQUESTS,
)
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.aftercare import follow_up, rate
from feedback.errors import InvalidInput, NotFound
from feedback.i18n import LANGUAGES, current_language, language_cookie
from feedback.intake import receive_question
from feedback.models import Attachment, Channel, Ticket
from feedback.settings import Settings
from feedback.tickets import get_question_for_citizen, reference_for_short_code, reply_from_citizen, ticket_for_token
from feedback.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES
from feedback.web.deps import AppSettings, Session
from feedback.web.files import attachment_response
from feedback.web.forms import Id, Reference, files_of, read_answers, read_form, refuse_control_characters
from feedback.web.limits import SubmissionQuota, wait_words
from notify.db import utcnow
from routing.areas import area_labels
from routing.services import active_categories, extra_questions
from routing.text import nfc


def tracking_path(reference: str, token: str) -> str:
    return f"/cau-hoi/{reference}?{urlencode({'token': token})}"


@get("/", name="home")
async def home() -> Template:
    return Template("portal/home.html")


async def _ask_page(
    session: AsyncSession,
    form: dict[str, Any],
    errors: InvalidInput | None = None,
    *,
    answers: dict[str, Any] | None = None,
    retry_after: int | None = None,
) -> Template:
    """The form, empty or as typed: with the mistakes found, or with when it may be sent again."""
    status, headers = 200, None
    if errors:
        status = HTTP_422_UNPROCESSABLE_ENTITY
    elif retry_after:
        status, headers = HTTP_429_TOO_MANY_REQUESTS, {"Retry-After": str(retry_after)}
    return Template(
        "portal/ask.html",
        context={
            "categories": await active_categories(session),
            "area_labels": await area_labels(session),
            "extra_questions": await extra_questions(session),
            "form": form,
            "answers": answers or {},
            "errors": errors.messages if errors else {},
            "retry_in": wait_words(retry_after) if retry_after else None,
            "max_files": MAX_FILES,
            "max_mb": MAX_FILE_BYTES // 2**20,
        },
        status_code=status,
        headers=headers,
    )


@get("/gui-cau-hoi", name="ask")
async def ask(session: Session, category: FromQuery[str | None] = None) -> Template:
    return await _ask_page(session, {"category": category} if category else {})


@post("/gui-cau-hoi", name="ask_submit", request_max_body_size=MAX_REQUEST_BYTES)
async def ask_submit(request: Request, session: Session, settings: AppSettings) -> Template | Redirect:
    fields, files = await read_form(request)
    answers = await read_answers(request, fields.get("category"))
    quota = SubmissionQuota.of(request, settings)
    if wait := await quota.take():
        return await _ask_page(session, fields, answers=answers, retry_after=wait)
    try:
        submitted = await receive_question(
            session,
            fields,
            files,
            channel=Channel.WEB,
            language=current_language(),
            upload_dir=settings.uploads,
            now=utcnow(),
            attributes=answers,
        )
    except InvalidInput as exc:
        await quota.give_back()
        return await _ask_page(session, fields, exc, answers=answers)
    path = tracking_path(submitted.reference, submitted.token)
    return Redirect(path=f"{path}&moi=1", status_code=HTTP_303_SEE_OTHER)


async def _track_page(
    session: AsyncSession,
    settings: Settings,
    reference: str,
    token: str | None,
    *,
    just_sent: bool = False,
    done: str | None = None,
    typed: dict[str, str] | None = None,
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
            "done": done,
            "typed": typed or {},
            "follow_up_open": view.answer is not None
            and utcnow() - view.answer.answered_at <= timedelta(days=settings.follow_up_days),
            "errors": errors.messages if errors else {},
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
    reference: Reference,
    token: FromQuery[str | None] = None,
    moi: FromQuery[bool] = False,
    da_gui: FromQuery[bool] = False,
    da_danh_gia: FromQuery[bool] = False,
    da_hoi_tiep: FromQuery[bool] = False,
) -> Template:
    done = "reply" if da_gui else "rating" if da_danh_gia else "follow_up" if da_hoi_tiep else None
    return await _track_page(session, settings, reference, token, just_sent=moi, done=done)


@get("/t/{code:str}", name="short_link")
async def short_link(session: Session, code: FromPath[str]) -> Redirect | Template:
    """The receipt's short link (read out on the phone, printed as a QR code, sent by SMS): on to the status page."""
    try:
        reference = await reference_for_short_code(session, code)
    except NotFound:
        return Template("portal/not_found.html", status_code=HTTP_404_NOT_FOUND)
    return Redirect(path=tracking_path(reference, code.strip().lower()), status_code=HTTP_303_SEE_OTHER)


async def _citizen_action(
    session: AsyncSession,
    settings: Settings,
    reference: str,
    form: FormMultiDict,
    work: Callable[[Ticket], Awaitable[None]],
    *,
    done: str,
) -> Template | Redirect:
    """Run ``work`` on the ticket the form's token opens; on refusal, the status page again with the messages."""
    token = str(form.get("token", ""))
    typed = {name: nfc(str(form.get(name, ""))) for name in ("reply", "comment", "follow_up", "rating")}
    try:
        async with session.begin_nested():  # a refusal undoes only this, and the page still renders
            refuse_control_characters(typed)
            await work(await ticket_for_token(session, reference, token))
    except NotFound:
        return Template("portal/not_found.html", status_code=HTTP_404_NOT_FOUND)
    except InvalidInput as refused:
        return await _track_page(session, settings, reference, token, typed=typed, errors=refused)
    return Redirect(path=f"{tracking_path(reference, token)}&{done}=1", status_code=HTTP_303_SEE_OTHER)


@post("/cau-hoi/{reference:str}/bo-sung", name="citizen_reply", request_max_body_size=MAX_REQUEST_BYTES)
async def citizen_reply(
    request: Request, session: Session, settings: AppSettings, reference: Reference
) -> Template | Redirect:
    """The citizen's answer to a request for more information, with files, from the status page."""
    form = await request.form()
    files = await files_of(form)

    async def work(ticket: Ticket) -> None:
        text = nfc(str(form.get("reply", "")))
        await reply_from_citizen(session, ticket, text, files, upload_dir=settings.uploads, now=utcnow())

    return await _citizen_action(session, settings, reference, form, work, done="da_gui")


@post("/cau-hoi/{reference:str}/danh-gia", name="citizen_rating")
async def citizen_rating(
    request: Request, session: Session, settings: AppSettings, reference: Reference
) -> Template | Redirect:
    """The citizen rates the answer (1–5, with a comment)."""
    form = await request.form()

    async def work(ticket: Ticket) -> None:
        await rate(
            session, ticket, rating=str(form.get("rating", "")), comment=str(form.get("comment", "")), now=utcnow()
        )

    return await _citizen_action(session, settings, reference, form, work, done="da_danh_gia")


@post("/cau-hoi/{reference:str}/hoi-tiep", name="citizen_follow_up")
async def citizen_follow_up(
    request: Request, session: Session, settings: AppSettings, reference: Reference
) -> Template | Redirect:
    """A follow-up question: the ticket reopens to the same department."""
    form = await request.form()
    window = timedelta(days=settings.follow_up_days)

    async def work(ticket: Ticket) -> None:
        await follow_up(session, ticket, text=str(form.get("follow_up", "")), window=window, now=utcnow())

    return await _citizen_action(session, settings, reference, form, work, done="da_hoi_tiep")


@get("/cau-hoi/{reference:str}/tep/{attachment_id:int}", name="citizen_file")
async def citizen_file(
    session: Session,
    settings: AppSettings,
    reference: Reference,
    attachment_id: Id,
    token: FromQuery[str | None] = None,
) -> File:
    """A file of the citizen's own question (theirs, or the answer's), behind the tracking token."""
    ticket = await ticket_for_token(session, reference, token)
    attachment = await session.get(Attachment, attachment_id)
    if attachment is None or attachment.ticket_id != ticket.id:
        raise NotFound(reference)
    return attachment_response(settings, attachment)


@get("/ngon-ngu/{language:str}", name="language")
async def switch_language(language: FromPath[str], next: FromQuery[str] = "/") -> Response[None]:  # noqa: A002  (the query parameter's name)
    """Remember the visitor's language and go back where they were."""
    # Only a path on this site: an absolute or protocol-relative URL would make an open redirect.
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = Redirect(path=target, status_code=HTTP_303_SEE_OTHER)
    if language in LANGUAGES:
        response.set_cookie(language_cookie(language))
    return response
