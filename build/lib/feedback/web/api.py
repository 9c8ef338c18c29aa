"""The JSON API that integrations rely on: ``/api/v1``. Errors are problem+json naming the field."""

from dataclasses import asdict, dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Request, Response, Router, get, post
from litestar.exceptions import TooManyRequestsException
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import OpenAPIMediaType, Operation, RequestBody
from litestar.params import FromQuery, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from feedback.errors import InvalidInput, NotFound
from feedback.i18n import current_language
from feedback.intake import receive_question
from feedback.models import Channel
from feedback.qa import recent_qa, suggestions
from feedback.schemas import CategoryOut, Problem, QaOut, QaSuggestion, QuestionCreated, QuestionIn, QuestionView
from feedback.tickets import get_question_for_citizen
from feedback.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES
from feedback.web.deps import AppSettings, Session
from feedback.web.forms import Reference, instant, read_question
from feedback.web.limits import SubmissionQuota
from feedback.web.portal import tracking_path
from notify.db import utcnow
from routing.services import active_categories

PROBLEMS = {
    400: "The body or a query parameter could not be read (malformed JSON, a date or number that is not one).",
    404: "No question with this reference and token: the two are not told apart. A reference that cannot be one "
    "(e.g. not like 2026-000123) is a 404 too.",
    413: "Too large: at most 5 files of 10 MB each.",
    415: "The body is neither JSON nor multipart/form-data.",
    422: "A field is not valid: each one is named in `errors`, with its message.",
    429: "Too many questions from this address in a minute: the `Retry-After` header says when to send again.",
}


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    """The error responses of an operation: problem+json, whose ``errors`` name the failing fields."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            media_type="application/problem+json",
            description=PROBLEMS[status],
            generate_examples=False,
        )
        for status in statuses
    }


def _not_null(field: dict[str, Any]) -> dict[str, Any]:
    """A form part cannot be null (a field left out is): an optional field's schema without its null."""
    variants = [variant for variant in field.get("anyOf", []) if variant.get("type") != "null"]
    if not variants or len(variants) == len(field["anyOf"]):
        return field
    rest = {key: value for key, value in field.items() if key != "anyOf"}
    return {**rest, **variants[0]} if len(variants) == 1 else {**rest, "anyOf": variants}


def _question_schemas() -> tuple[dict, dict]:
    """JSON Schema of a question for both media types; multipart adds the files.

    Plain dicts are accepted where the spec wants a Schema: Litestar serialises them as they are.
    """
    json_schema = QuestionIn.model_json_schema()
    multipart = {**json_schema, "properties": {name: _not_null(f) for name, f in json_schema["properties"].items()}}
    multipart["properties"]["files"] = {
        "type": "array",
        "maxItems": MAX_FILES,
        "items": {"type": "string", "format": "binary"},
        "description": f"Up to {MAX_FILES} files, PDF, JPEG, PNG or DOCX, {MAX_FILE_BYTES // 2**20} MB each; "
        "the type is judged by the content, not the name.",
    }
    return json_schema, multipart


@dataclass
class SubmitQuestionOperation(Operation):
    """Documents the body the handler reads itself: JSON, or multipart when files come along."""

    def __post_init__(self) -> None:
        json_schema, multipart = _question_schemas()
        self.request_body = RequestBody(
            required=True,
            content={
                "application/json": OpenAPIMediaType(schema=json_schema),  # type: ignore[arg-type]
                "multipart/form-data": OpenAPIMediaType(schema=multipart),  # type: ignore[arg-type]
            },
        )


@get("/categories", name="api_categories", summary="List the question categories")
async def list_categories(session: Session) -> list[CategoryOut]:
    return [
        CategoryOut(
            code=c.code,
            name=c.name,
            group=c.group,
            name_en=c.name_en,
            group_en=c.group_en,
        )
        for c in await active_categories(session)
    ]


@post(
    "/questions",
    name="api_submit_question",
    summary="Submit a question",
    description="Returns the reference and the private tracking link. Errors are problem+json naming each "
    "failing field in `errors[{field, message}]`.",
    operation_class=SubmitQuestionOperation,
    responses=problems(400, 413, 415, 422, 429),
    request_max_body_size=MAX_REQUEST_BYTES,
    status_code=HTTP_201_CREATED,
)
async def submit_question(request: Request, session: Session, settings: AppSettings) -> Response[QuestionCreated]:
    fields, files = await read_question(request)
    quota = SubmissionQuota.of(request, settings)
    if wait := await quota.take():
        raise TooManyRequestsException(headers={"Retry-After": str(wait)})
    try:
        submitted = await receive_question(
            session,
            fields,
            files,
            channel=Channel.API,
            language=current_language(),
            upload_dir=settings.uploads,
            now=utcnow(),
        )
    except InvalidInput:
        await quota.give_back()
        raise
    url = settings.base_url + tracking_path(submitted.reference, submitted.token)
    return Response(
        QuestionCreated(reference=submitted.reference, status=submitted.status, tracking_url=url),
        status_code=HTTP_201_CREATED,
        headers={"Location": f"/api/v1/questions/{submitted.reference}?{urlencode({'token': submitted.token})}"},
    )


@get(
    "/questions/{reference:str}",
    name="api_question",
    summary="Show a question's status (token required)",
    responses=problems(400, 404),
)
async def show_question(session: Session, reference: Reference, token: FromQuery[str | None] = None) -> QuestionView:
    """404 when the reference does not exist or the token is wrong: the two are not told apart."""
    if not token:
        raise NotFound(reference)
    return await get_question_for_citizen(session, reference, token, now=utcnow())


@get(
    "/qa/suggestions",
    name="api_qa_suggestions",
    summary="Published Q&A like a title being typed",
    responses=problems(400),
)
async def qa_suggestions(session: Session, q: FromQuery[str] = "") -> list[QaSuggestion]:
    """Up to five published questions and answers, best first, for the title a citizen is typing."""
    return [
        QaSuggestion(reference=reference, title=title, url=f"/hoi-dap/{reference}")
        for reference, title in await suggestions(session, q[:200])
    ]


@get("/qa", name="api_qa", summary="Published questions and answers (open data)", responses=problems(400))
async def published_qa(
    session: Session,
    settings: AppSettings,
    before: Annotated[
        str | None,
        QueryParameter(
            format="date-time",
            description="Only those published before this time (the last item's `published_at` to page back); "
            "without an offset it is Vietnam time.",
        ),
    ] = None,
    limit: FromQuery[int] = 100,
) -> list[QaOut]:
    """Newest first, at most 500 at a time; page back with ``before`` = the last item's ``published_at``.

    ``before`` without an offset is Vietnam time; one before 2000 lists nothing, one after 2099 everything.
    """
    records = await recent_qa(session, limit=min(max(limit, 1), 500), before=instant(before, "before"))
    return [QaOut(**asdict(r), url=f"{settings.base_url}/hoi-dap/{r.reference}") for r in records]


api_router = Router(
    path="/api/v1",
    route_handlers=[list_categories, submit_question, show_question, qa_suggestions, published_qa],
    tags=["v1"],
)
