"""Every error of /open311/v2: the spec's list (``[{code, description}]`` or ``<errors><error>``) in the
format the path asks for, with the right status and the parameter named, and nothing written.

Each test runs in both formats, on SQLite and on PostgreSQL.
"""

import unicodedata

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.app import create_app
from feedback.models import Ticket
from feedback.open311.keys import revoke_client
from feedback.settings import Settings
from notify.db import Database
from routing.models import Category, CategoryAttribute
from routing.services import forget_routing_data
from tests.feedback.open311 import FORMATS, V2, fields_named, file_request, register, spec_errors, tickets


@pytest.fixture(params=FORMATS)
def fmt(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def key(database: Database) -> str:
    return (await register(database))[1]


async def refused(client: AsyncTestClient, key: str | None, fmt: str, **fields: object) -> set[str]:
    """The parameters a 400 to ``POST requests`` names."""
    return fields_named(await file_request(client, key, fmt, **fields), fmt, 400)


# --- 400: what the app sent --------------------------------------------------------------------------


async def test_missing_service_code_and_description_are_named(
    client: AsyncTestClient, database: Database, key: str, fmt: str
) -> None:
    response = await client.post(f"{V2}/requests.{fmt}", data={"api_key": key})
    assert fields_named(response, fmt, 400) == {"service_code", "description"}
    assert await refused(client, key, fmt, description="   ") == {"description"}
    assert await tickets(database) == []


async def test_an_unknown_or_inactive_service_code_is_named(
    client: AsyncTestClient, database: Database, key: str, fmt: str
) -> None:
    async with database.transaction() as session:  # before the app reads (and caches for a minute) the categories
        await session.execute(sa.update(Category).where(Category.code == "quy-hoach").values(active=False))
    assert await refused(client, key, fmt, service_code="khong-co") == {"service_code"}
    assert await refused(client, key, fmt, service_code="quy-hoach") == {"service_code"}
    assert await tickets(database) == []


async def test_a_description_over_4000_characters_once_composed_is_refused(
    client: AsyncTestClient, database: Database, key: str, fmt: str
) -> None:
    composed = ("Hỏi về đất ở nông thôn. " * 200)[:4001]
    decomposed = unicodedata.normalize("NFD", composed)
    response = await file_request(client, key, fmt, description=decomposed)
    [description] = spec_errors(response, fmt, 400)
    assert description.startswith("description: ") and "4000" in description
    assert await tickets(database) == []


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"email": "khong-phai-email"}, "email"),
        ({"email": "ai@dia-chi.test"}, "email"),  # a special-use domain no answer can reach
        ({"phone": "12345"}, "phone"),
        ({"phone": "+84 24 3825 3536"}, "phone"),  # a Hà Nội landline: no SMS
        ({"lat": "19.8"}, "long"),  # the point is incomplete: give both
        ({"long": "105.8"}, "long"),
        ({"lat": "91", "long": "105.8"}, "lat"),
        ({"lat": "-90.5", "long": "105.8"}, "lat"),
        ({"lat": "19.8", "long": "180.1"}, "long"),
        ({"lat": "bắc", "long": "105.8"}, "lat"),
        ({"lat": "nan", "long": "105.8"}, "lat"),
        ({"address_id": "khong-co"}, "address_id"),
        ({"address_string": "x" * 301}, "address_string"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"description": "Xin hỏi <script>alert(1)</script>"}, "description"),
        ({"description": "Xin hỏi\x00"}, "description"),
        ({"first_name": "x" * 121}, "first_name"),
        ({"account_id": "x" * 121}, "account_id"),
    ],
)
async def test_a_bad_field_is_named(
    client: AsyncTestClient, database: Database, key: str, fmt: str, fields: dict[str, str], named: str
) -> None:
    assert await refused(client, key, fmt, **fields) == {named}
    assert await tickets(database) == []


async def test_every_mistake_is_told_at_once(client: AsyncTestClient, key: str, fmt: str) -> None:
    named = await refused(
        client, key, fmt, service_code="khong-co", email="sai", phone="123", lat="100", long="105", description=""
    )
    assert named == {"service_code", "description", "email", "phone", "lat"}


async def test_bytes_that_are_not_utf8_are_refused(
    client: AsyncTestClient, database: Database, key: str, fmt: str
) -> None:
    body = f"api_key={key}&service_code=dat-dai&description=H%E1i%20v%E1%BB%81".encode()  # Latin-1 "á" then UTF-8
    response = await client.post(
        f"{V2}/requests.{fmt}", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert fields_named(response, fmt, 400) == {"description"}
    raw = f"api_key={key}&service_code=dat-dai&description=".encode() + "Hói".encode("cp1252")
    response = await client.post(
        f"{V2}/requests.{fmt}", content=raw, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert fields_named(response, fmt, 400) == {"description"}
    assert await tickets(database) == []


async def test_answers_to_the_extra_questions_are_checked(
    client: AsyncTestClient, database: Database, key: str, fmt: str
) -> None:
    async with database.transaction() as session:
        category_id = await session.scalar(sa.select(Category.id).where(Category.code == "dat-dai"))
        session.add_all(
            [
                CategoryAttribute(
                    category_id=category_id,
                    code="so-thua",
                    description="Số thửa đất",
                    description_en="Land parcel number",
                    datatype="number",
                    required=True,
                ),
                CategoryAttribute(
                    category_id=category_id,
                    code="loai-dat",
                    description="Loại đất",
                    description_en="Kind of land",
                    datatype="singlevaluelist",
                    values=[{"key": "o", "name": "Đất ở"}, {"key": "nn", "name": "Đất nông nghiệp"}],
                ),
            ]
        )
        forget_routing_data(session)
    assert await refused(client, key, fmt) == {"attribute[so-thua]"}  # required, not given
    assert await refused(client, key, fmt, **{"attribute[so-thua]": "mười hai"}) == {"attribute[so-thua]"}
    bad_choice = {"attribute[so-thua]": "12", "attribute[loai-dat]": "rung"}
    assert await refused(client, key, fmt, **bad_choice) == {"attribute[loai-dat]"}
    two_choices = {"attribute[so-thua]": "12", "attribute[loai-dat][]": ["o", "nn"]}
    assert await refused(client, key, fmt, **two_choices) == {"attribute[loai-dat]"}
    unknown = {"attribute[so-thua]": "12", "attribute[dien-tich]": "100"}
    assert await refused(client, key, fmt, **unknown) == {"attribute[dien-tich]"}
    assert await tickets(database) == []
    accepted = await file_request(client, key, fmt, **{"attribute[so-thua]": "12,5", "attribute[loai-dat]": "o"})
    assert accepted.status_code == 201, accepted.text


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"start_date": "hôm qua"}, "start_date"),
        ({"start_date": "1733300000"}, "start_date"),  # a Unix time is no W3C date
        ({"end_date": "2026-13-01T00:00:00Z"}, "end_date"),
        ({"start_date": "2026-06-02T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "end_date"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "end_date"),  # > 90 days
        ({"status": "pending"}, "status"),
        ({"status": "open,answered"}, "status"),
    ],
)
async def test_a_bad_filter_is_named(client: AsyncTestClient, fmt: str, params: dict[str, str], named: str) -> None:
    response = await client.get(f"{V2}/requests.{fmt}", params=params)
    assert fields_named(response, fmt, 400) == {named}
    assert response.headers["access-control-allow-origin"] == "*"


async def test_a_bad_date_of_the_updates_is_named(client: AsyncTestClient, fmt: str) -> None:
    response = await client.get(f"{V2}/servicerequestupdates.{fmt}", params={"start_date": "hôm qua"})
    assert fields_named(response, fmt, 400) == {"start_date"}


# --- 403: the key -----------------------------------------------------------------------------------


async def test_filing_needs_a_valid_key(client: AsyncTestClient, database: Database, fmt: str) -> None:
    assert fields_named(await file_request(client, None, fmt), fmt, 403) == {"api_key"}
    assert fields_named(await file_request(client, "", fmt), fmt, 403) == {"api_key"}
    assert fields_named(await file_request(client, "khoa-sai", fmt), fmt, 403) == {"api_key"}
    app_id, key = await register(database)
    assert (await file_request(client, key, fmt)).status_code == 201
    async with database.transaction() as session:
        await revoke_client(session, app_id)
    assert fields_named(await file_request(client, key, fmt), fmt, 403) == {"api_key"}
    assert len(await tickets(database)) == 1


async def test_reading_with_a_wrong_or_revoked_key_is_refused(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    app_id, key = await register(database)
    reference = (await file_request(client, key)).json()[0]["service_request_id"]
    async with database.transaction() as session:
        await revoke_client(session, app_id)
    for path in ("requests", f"requests/{reference}", "servicerequestupdates", "services", "discovery"):
        for wrong in ("khoa-sai", key):
            response = await client.get(f"{V2}/{path}.{fmt}", params={"api_key": wrong})
            assert fields_named(response, fmt, 403) == {"api_key"}, path
            assert response.headers["access-control-allow-origin"] == "*"


# --- 404: what does not exist -----------------------------------------------------------------------


async def test_unknown_request_service_and_token(client: AsyncTestClient, database: Database, fmt: str) -> None:
    async with database.transaction() as session:
        await session.execute(sa.update(Category).where(Category.code == "quy-hoach").values(active=False))
    cases = {
        "requests/2026-999999": "service_request_id",
        "services/khong-co": "service_code",
        "services/quy-hoach": "service_code",
        "tokens/3f1c0e2a": "token",
    }
    for path, named in cases.items():
        assert fields_named(await client.get(f"{V2}/{path}.{fmt}"), fmt, 404) == {named}, path


async def test_another_jurisdiction_is_not_ours(
    client: AsyncTestClient, database: Database, key: str, fmt: str
) -> None:
    for path in ("discovery", "services", "services/dat-dai", "requests", "servicerequestupdates"):
        response = await client.get(f"{V2}/{path}.{fmt}", params={"jurisdiction_id": "hanoi.gov.vn"})
        assert fields_named(response, fmt, 404) == {"jurisdiction_id"}, path
    response = await file_request(client, key, fmt, jurisdiction_id="hanoi.gov.vn")
    assert fields_named(response, fmt, 404) == {"jurisdiction_id"}
    assert await tickets(database) == []


async def test_an_unknown_path_is_the_error_list(client: AsyncTestClient, fmt: str) -> None:
    for path in (f"{V2}/khong-co.{fmt}", f"{V2}/requests/2026/000001.{fmt}", f"{V2}/services/a/b.{fmt}"):
        descriptions = spec_errors(await client.get(path), fmt, 404)
        assert descriptions, path


async def test_a_path_without_a_format_is_told_in_json(client: AsyncTestClient) -> None:
    for path in (f"{V2}/requests", f"{V2}/requests/2026-000001", f"{V2}/services/dat-dai", V2, f"{V2}/"):
        spec_errors(await client.get(path), "json", 404)


# --- 405, 413, 429 -----------------------------------------------------------------------------------


async def test_a_method_the_path_does_not_take(client: AsyncTestClient, key: str, fmt: str) -> None:
    for method, path in (("put", "requests"), ("delete", "requests"), ("patch", "requests"), ("post", "services")):
        response = await client.request(method.upper(), f"{V2}/{path}.{fmt}", params={"api_key": key})
        spec_errors(response, fmt, 405)
        assert "GET" in response.headers["allow"], (method, path)


async def test_a_body_too_large_is_the_error_list(client: AsyncTestClient, key: str, fmt: str) -> None:
    body = f"api_key={key}&service_code=dat-dai&description=".encode() + b"a" * (1024 * 1024)
    response = await client.post(
        f"{V2}/requests.{fmt}", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    [description] = spec_errors(response, fmt, 413)
    assert "4000" in description and "tệp" not in description  # no file is sent here


async def test_each_key_has_its_own_limit_per_minute(settings: Settings, database: Database, fmt: str) -> None:
    settings.open311_rate_limit = 2
    first, second = (await register(database, "App A"))[1], (await register(database, "App B"))[1]
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        assert (await file_request(client, first, fmt, email="sai")).status_code == 400  # a mistake takes no place
        statuses = [(await file_request(client, first, fmt)).status_code for _ in range(2)]
        assert statuses == [201, 201]
        limited = await file_request(client, first, fmt)
        assert fields_named(limited, fmt, 429) == {"api_key"}
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert (await file_request(client, second, fmt)).status_code == 201  # another app, another count
        assert (await client.get(f"{V2}/requests.{fmt}", params={"api_key": first})).status_code == 200
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 3


async def test_errors_speak_the_language_asked_for(client: AsyncTestClient, key: str, fmt: str) -> None:
    response = await client.post(
        f"{V2}/requests.{fmt}",
        data={"api_key": key, "service_code": "khong-co", "description": "Hỏi"},
        headers={"accept-language": "en"},
    )
    assert spec_errors(response, fmt, 400) == ["service_code: Choose a topic from the list."]
    vietnamese = await file_request(client, key, fmt, service_code="khong-co")
    assert spec_errors(vietnamese, fmt, 400) == ["service_code: Vui lòng chọn lĩnh vực trong danh sách."]
