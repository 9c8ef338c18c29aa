"""``/open311/v2``: the GeoReport v2 endpoint. Handlers read the spec's parameters and answer in its shapes.

Every error, whatever raised it, is the spec's error list in the format the path asks for
(see :func:`error_response`); the app's own exception handlers send ``/open311/`` paths here.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from litestar import Request, Response, Router, get, post
from litestar.datastructures import FormMultiDict
from litestar.enums import RequestEncodingType
from litestar.params import FromPath
from litestar.status_codes import HTTP_201_CREATED, HTTP_413_REQUEST_ENTITY_TOO_LARGE

from feedback.errors import InvalidInput, NotFound
from feedback.federation import receiving
from feedback.i18n import gettext
from feedback.intake import Submitted
from feedback.open311 import catalog, requests
from feedback.open311.formats import Format, errors, format_of_path, respond, split_name
from feedback.open311.keys import client_for_key
from feedback.open311.models import ClientApp
from feedback.web.deps import AppSettings, Session
from feedback.web.forms import answers_in, instant
from feedback.web.limits import SubmissionQuota
from notify.db import utcnow

PREFIX = "/open311/v2"
CORS = {"Access-Control-Allow-Origin": "*"}
MAX_BODY = 1024 * 1024
"""A request's form: 4,000 characters of decomposed, percent-encoded Vietnamese fit many times over."""


class Open311Error(Exception):
    """An error told in the spec's list: each problem is ``(parameter, description)``."""

    def __init__(self, status: int, *problems: tuple[str, str], headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, problems)
        self.status = status
        self.problems = list(problems)
        self.headers = dict(headers or {})


def forbidden(detail: str) -> Open311Error:
    return Open311Error(403, ("api_key", detail))


def error_response(
    request: Request, status: int, problems: list[tuple[str, str]], headers: Mapping[str, str] | None = None
) -> Response[Any]:
    return errors(format_of_path(request.url.path), status, problems, {**CORS, **(headers or {})})


def _fmt(request: Request) -> Format:
    return format_of_path(request.url.path)


def _param(request: Request, form: Mapping[str, Any], name: str) -> str:
    """A parameter from the form or the query string (real clients send the key in either); blank is absent."""
    value = form.get(name) or request.query_params.get(name) or ""
    return value.strip() if isinstance(value, str) else ""


def _check_jurisdiction(request: Request, form: Mapping[str, Any], ours: str) -> None:
    if (given := _param(request, form, "jurisdiction_id")) and given != ours:
        raise Open311Error(
            404, ("jurisdiction_id", gettext("This endpoint serves the jurisdiction {ours} only.").format(ours=ours))
        )


async def _reader(request: Request, session: Session, form: Mapping[str, Any], *, required: bool) -> ClientApp | None:
    """The app asking, by its key; a key given must be a valid one, and a POST must give one."""
    key = _param(request, form, "api_key")
    if not key:
        if required:
            raise forbidden(
                gettext("An API key is required to file a request: ask the portal's administrators for one.")
            )
        return None
    client = await client_for_key(session, key)
    if client is None:
        raise forbidden(gettext("This API key is not valid or has been revoked."))
    return client


async def _prelude(request: Request, session: Session, settings: AppSettings) -> ClientApp | None:
    """What every GET checks first: the jurisdiction, and the key if one is given."""
    _check_jurisdiction(request, {}, settings.open311_jurisdiction)
    return await _reader(request, session, {}, required=False)


def _named(name: str) -> tuple[str, Format]:
    stem, fmt = split_name(name)
    if fmt is None:
        raise Open311Error(404, ("format", gettext("Add .json or .xml to the address.")))
    return stem, fmt


@get([f"/discovery.{f}" for f in Format], name="open311_discovery")
async def discovery(request: Request, session: Session, settings: AppSettings) -> Response[Any]:
    await _prelude(request, session, settings)
    return respond(_fmt(request), "discovery", None, catalog.discovery(settings), headers=CORS)


@get([f"/services.{f}" for f in Format], name="open311_services")
async def services(request: Request, session: Session, settings: AppSettings) -> Response[Any]:
    await _prelude(request, session, settings)
    return respond(_fmt(request), "services", "service", await catalog.services(session), headers=CORS)


@get("/services/{name:str}", name="open311_service_definition")
async def service_definition(
    request: Request, session: Session, settings: AppSettings, name: FromPath[str]
) -> Response[Any]:
    code, fmt = _named(name)
    await _prelude(request, session, settings)
    try:
        definition = await catalog.definition(session, code)
    except NotFound:
        raise Open311Error(404, ("service_code", gettext("No service with this code."))) from None
    return respond(fmt, "service_definition", None, definition, headers=CORS)


def _undecodable(text: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in text)


async def _form(request: Request) -> FormMultiDict:
    """The form POSTed, read as UTF-8 whether its letters are percent-encoded or not.

    Litestar reads a urlencoded body's raw bytes as Latin-1: the Vietnamese that ``curl --data``
    sends as it is would arrive as mojibake (and be refused for its C1 control characters). Bytes
    that are not UTF-8 are refused, naming the parameter they are in, rather than stored as U+FFFD.
    """
    content_type, _ = request.content_type
    if content_type == RequestEncodingType.MULTI_PART:
        return await request.form()
    if content_type != RequestEncodingType.URL_ENCODED:
        message = gettext("Send the request as a form: application/x-www-form-urlencoded, in UTF-8.")
        raise Open311Error(415, ("", message))
    text = (await request.body()).decode("utf-8", "surrogateescape")
    pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="surrogateescape")
    if bad := next((key for key, value in pairs if _undecodable(key) or _undecodable(value)), None):
        name = bad if not _undecodable(bad) else ""
        raise Open311Error(400, (name, gettext("Send the form in UTF-8.")))
    return FormMultiDict(pairs)


@post(
    [f"/requests.{f}" for f in Format],
    name="open311_file_request",
    request_max_body_size=MAX_BODY,
    status_code=HTTP_201_CREATED,
)
async def file_request(request: Request, session: Session, settings: AppSettings) -> Response[Any]:
    form = await _form(request)
    _check_jurisdiction(request, form, settings.open311_jurisdiction)
    client = await _reader(request, session, form, required=True)
    assert client is not None and client.id is not None
    params = {key: value for key, value in form.items() if isinstance(value, str)}
    if peer := await receiving.peer_of_app(session, client.id):  # a portal forwarding a question: no quota
        submitted = await receiving.receive_forward(
            session,
            peer,
            params,
            client_id=client.id,
            upload_dir=settings.uploads,
            now=utcnow(),
        )
    else:
        submitted = await _file_with_quota(request, session, client.id, params, form, settings)
    record = {
        "service_request_id": submitted.reference,
        "service_notice": requests.notice(submitted),
        "account_id": params.get("account_id") or None,
    }
    return respond(_fmt(request), "service_requests", "request", [record], status_code=HTTP_201_CREATED)


async def _file_with_quota(
    request: Request,
    session: Session,
    client_id: int,
    params: dict[str, str],
    form: FormMultiDict,
    settings: AppSettings,
) -> Submitted:
    """An app's request, within its quota of requests a minute (a refused one does not count)."""
    counter = request.app.stores.get("submissions")
    quota = SubmissionQuota(counter, f"open311:{client_id}", settings.open311_rate_limit)  # type: ignore[arg-type]
    if wait := await quota.take():
        message = gettext("This app has filed too many requests in a minute: try again in {n} seconds.").format(n=wait)
        raise Open311Error(429, ("api_key", message), headers={"Retry-After": str(wait)})
    try:
        return await requests.file_request(
            session,
            params,
            answers_in(form.multi_items()),
            client_id=client_id,
            upload_dir=settings.uploads,
            now=utcnow(),
        )
    except InvalidInput:
        await quota.give_back()
        raise


def _query(request: Request) -> requests.Query:
    """The filters of ``GET requests``, each checked; a bad one is a 400 naming it."""
    params = request.query_params

    def listed(name: str) -> list[str]:
        return [part.strip() for part in (params.get(name) or "").split(",") if part.strip()]

    statuses = frozenset(listed("status"))
    if not statuses <= {"open", "closed"}:
        raise Open311Error(400, ("status", gettext("The status is open or closed (or both, separated by a comma).")))
    start = instant(params.get("start_date") or None, "start_date")
    end = instant(params.get("end_date") or None, "end_date")
    if start and end and end < start:
        raise Open311Error(400, ("end_date", gettext("The end date comes before the start date.")))
    if start and end and end - start > requests.DEFAULT_SPAN:
        raise Open311Error(400, ("end_date", gettext("A search may span at most 90 days.")))
    if start and not end:
        end = start + requests.DEFAULT_SPAN
    return requests.Query(listed("service_request_id"), listed("service_code"), statuses, start, end)


@get([f"/requests.{f}" for f in Format], name="open311_requests")
async def list_requests(request: Request, session: Session, settings: AppSettings) -> Response[Any]:
    reader = await _prelude(request, session, settings)
    query = _query(request)
    found = await requests.find_requests(session, query, reader=reader.id if reader else None, now=utcnow())
    return respond(_fmt(request), "service_requests", "request", found, headers=CORS)


@get("/requests/{name:str}", name="open311_request")
async def show_request(request: Request, session: Session, settings: AppSettings, name: FromPath[str]) -> Response[Any]:
    reference, fmt = _named(name)
    reader = await _prelude(request, session, settings)
    try:
        found = await requests.one_request(session, reference, reader=reader.id if reader else None)
    except NotFound:
        raise Open311Error(404, ("service_request_id", gettext("No request with this id."))) from None
    return respond(fmt, "service_requests", "request", found, headers=CORS)


@get("/tokens/{name:str}", name="open311_token")
async def show_token(request: Request, session: Session, settings: AppSettings, name: FromPath[str]) -> Response[Any]:
    """Every request gets its ``service_request_id`` at once, so no token is ever issued: any is unknown."""
    _named(name)
    await _prelude(request, session, settings)
    raise Open311Error(
        404, ("token", gettext("No such token: requests filed here get their service_request_id at once."))
    )


@get([f"/servicerequestupdates.{f}" for f in Format], name="open311_updates")
async def list_updates(request: Request, session: Session, settings: AppSettings) -> Response[Any]:
    reader = await _prelude(request, session, settings)
    start = instant(request.query_params.get("start_date") or None, "start_date")
    end = instant(request.query_params.get("end_date") or None, "end_date")
    found = await requests.updates(session, start=start, end=end, reader=reader.id if reader else None, now=utcnow())
    return respond(_fmt(request), "service_request_updates", "request_update", found, headers=CORS)


def _open311_error(request: Request, exc: Open311Error) -> Response[Any]:
    return error_response(request, exc.status, exc.problems, exc.headers)


def _invalid_input(request: Request, exc: InvalidInput) -> Response[Any]:
    return error_response(request, 400, requests.spec_problems(exc))


open311_router = Router(
    path=PREFIX,
    route_handlers=[
        discovery,
        services,
        service_definition,
        file_request,
        list_requests,
        show_request,
        show_token,
        list_updates,
    ],
    exception_handlers={Open311Error: _open311_error, InvalidInput: _invalid_input},
    include_in_schema=False,
)


def handles(request: Request) -> bool:
    """Whether an error on this request is the endpoint's to tell (see :func:`feedback.app.handle_http_exception`)."""
    return request.url.path.startswith(f"{PREFIX}/") or request.url.path == PREFIX


def http_error(request: Request, status: int, message: str, headers: Mapping[str, str]) -> Response[Any]:
    """Any other error under the endpoint (no such path, a method it does not take, too large, 500…)."""
    if status == HTTP_413_REQUEST_ENTITY_TOO_LARGE:  # the portal's words are about files, which apps never send
        message = gettext("The request is too large: a description is at most 4000 characters.")
    return error_response(request, status, [("", message)], headers)
