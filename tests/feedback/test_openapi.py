"""The API keeps the promises of its OpenAPI document: schemathesis, with every check, against the real app.

The document is read from ``/api/schema/openapi.json`` as the app serves it. Each operation gets
a bounded number of generated requests, valid and invalid, on SQLite and on PostgreSQL (which
refuses what SQLite lets by, such as a NUL byte).
"""

import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar import Litestar
from litestar.testing import AsyncTestClient
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure
from schemathesis.openapi.checks import RejectedPositiveData

from feedback.app import create_app
from feedback.errors import FieldError
from feedback.settings import Settings
from notify.db import Database
from tests.factories import question_fields

EXAMPLES = 50


def _app(settings_: Settings) -> Litestar:
    return create_app(settings_.model_copy(update={"base_url": "http://testserver", "rate_limit": 100_000}))


# The document as the app serves it, read once at collection; each test calls an app of its own.
# (schemathesis.pytest.from_fixture would read it per test, but does not run under pytest 9.)
schema = schemathesis.openapi.from_asgi(
    "/api/schema/openapi.json",
    _app(Settings(database_url="sqlite+aiosqlite://", notify={"redis_url": None})),
    config=SchemathesisConfig.from_dict({"generation": {"max-examples": EXAMPLES}}),
)

# What no JSON Schema can say: the codes are data (GET /api/v1/categories) and a file's type is
# judged by its content. A body valid by the schema may still be refused for these, and only these.
BEYOND_THE_SCHEMA = [
    ("category", "category_unknown"),
    ("area", "area_not_found"),
    ("area", "area_ambiguous"),
    ("files", "file_type_forbidden"),
    ("files", "file_type_mismatch"),
]


def _message(field: str, code: str) -> re.Pattern[str]:
    """The message of ``code`` in the language the API answers in, whatever file it names."""
    parts = FieldError(field, code, dict.fromkeys(("filename", "claimed", "typed", "names"), "\0")).message.split("\0")
    return re.compile(".+".join(re.escape(part) for part in parts))


MESSAGES = [(field, _message(field, code)) for field, code in BEYOND_THE_SCHEMA]


@schema.hook("filter_failure")
def refused_beyond_the_schema(context: Any, failure: Failure, case: schemathesis.Case, response: Any) -> bool:
    """Every failure counts but a valid body refused only for what the schema cannot say."""
    if not isinstance(failure, RejectedPositiveData) or response.status_code != 422:
        return True
    errors = response.json()["errors"]
    return not all(any(e["field"] == f and m.fullmatch(e["message"]) for f, m in MESSAGES) for e in errors)


@pytest.fixture
def app(settings: Settings, database: Database) -> Litestar:
    return _app(settings)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_contract(case: schemathesis.Case, app: Litestar) -> None:
    case.call_and_validate(app=app)


async def test_the_document_describes_the_api_its_errors_and_the_feed(client: AsyncTestClient) -> None:
    doc = (await client.get("/api/schema/openapi.json")).json()
    assert set(doc["paths"]) == {
        "/api/v1/categories",
        "/api/v1/questions",
        "/api/v1/questions/{reference}",
        "/api/v1/qa/suggestions",
        "/api/v1/qa",
        "/hoi-dap/feed.atom",
    }  # the pages and the webhooks are not the API
    submit = doc["paths"]["/api/v1/questions"]["post"]
    for status in ("400", "413", "415", "422", "429"):
        [(media_type, content)] = submit["responses"][status]["content"].items()
        assert media_type == "application/problem+json", status
        problem = doc["components"]["schemas"][content["schema"]["$ref"].rsplit("/", 1)[1]]
        assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])
    body = submit["requestBody"]["content"]["application/json"]["schema"]
    assert [branch["required"] for branch in body["anyOf"]] == [["email"], ["phone"]]
    assert list(doc["paths"]["/hoi-dap/feed.atom"]["get"]["responses"]["200"]["content"]) == ["application/atom+xml"]
    assert (await client.get("/hoi-dap/feed.atom")).headers["content-type"].startswith("application/atom+xml")

    plain = await client.post("/api/v1/questions", content=b"{}", headers={"content-type": "text/plain"})
    assert plain.status_code == 415 and plain.json()["errors"][0]["field"] == "body"
    for publish in (1, "yes"):  # true or false, as the schema says
        refused = await client.post("/api/v1/questions", json=question_fields(publish=publish))
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "publish"
