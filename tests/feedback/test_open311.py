"""Open311 GeoReport v2 at /open311/v2, as an app sees it: every resource in JSON and XML, on SQLite and PostgreSQL.

The errors have their own module (``test_open311_errors.py``); a real third-party client drives
the endpoint in ``test_open311_clients.py``.
"""

import re
import unicodedata
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback import answering, handling, publication
from feedback.models import Notification, Ticket, TicketEvent
from feedback.settings import Settings
from notify.db import Database, utcnow
from routing.calendar import VIETNAM
from routing.models import Area, Category, CategoryAttribute, Department
from routing.services import forget_routing_data
from tests.factories import question_fields, submit
from tests.feedback.open311 import (
    CITIZEN,
    DESCRIPTION,
    FORMATS,
    PERSONAL,
    REQUEST_FIELDS,
    V2,
    W3C,
    as_text,
    file_request,
    filed,
    records,
    register,
    ticket,
    xml_root,
)

ANSWER = "Thời hạn giải quyết là 30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; Sở sẽ trả kết quả trước ngày 15."


@pytest.fixture(params=FORMATS)
def fmt(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def app_key(database: Database) -> str:
    return (await register(database, "Ứng dụng Thanh Hóa Smart"))[1]


async def get(client: AsyncTestClient, path: str, fmt: str, **params: str) -> list | dict:
    """``GET {path}.{fmt}`` answered 200 with CORS, read as records of text."""
    response = await client.get(f"{V2}/{path}.{fmt}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    return records(response, fmt)


async def one(client: AsyncTestClient, reference: str, fmt: str, key: str | None = None) -> dict[str, str]:
    found = await get(client, f"requests/{reference}", fmt, **({"api_key": key} if key else {}))
    assert isinstance(found, list) and len(found) == 1
    return found[0]


async def add_attributes(database: Database, code: str = "dat-dai") -> None:
    """Two extra questions on ``code``: the land parcel's number (required) and what the land is used for."""
    async with database.transaction() as session:
        category_id = await session.scalar(sa.select(Category.id).where(Category.code == code))
        session.add_all(
            [
                CategoryAttribute(
                    category_id=category_id,
                    code="so-thua",
                    position=1,
                    description="Số thửa đất",
                    description_en="Land parcel number",
                    datatype="string",
                    datatype_description="Như ghi trên giấy chứng nhận",
                    required=True,
                ),
                CategoryAttribute(
                    category_id=category_id,
                    code="muc-dich",
                    position=2,
                    description="Mục đích sử dụng đất",
                    description_en="Land use",
                    datatype="multivaluelist",
                    values=[
                        {"key": "o", "name": "Đất ở", "name_en": "Residential"},
                        {"key": "nn", "name": "Đất nông nghiệp", "name_en": "Agricultural"},
                    ],
                ),
            ]
        )
        forget_routing_data(session)


async def answer(database: Database, reference: str, text: str = ANSWER, *, consent: bool | None = None) -> None:
    """The department takes the question, writes the answer and its head approves it (publishing it if allowed)."""
    async with database.transaction() as session:
        ticket_id = await session.scalar(sa.select(Ticket.id).where(Ticket.reference == reference))
        if consent is not None:
            await session.execute(sa.update(Ticket).where(Ticket.id == ticket_id).values(publish_consent=consent))
        now = utcnow()
        await handling.accept(session, ticket_id, actor_id=None, now=now)
        await answering.submit_answer(session, ticket_id, text=text, actor_id=None, now=now)
        await answering.approve_answer(session, ticket_id, actor_id=None, now=now)


async def reject(database: Database, reference: str, explanation: str) -> None:
    async with database.transaction() as session:
        ticket_id = await session.scalar(sa.select(Ticket.id).where(Ticket.reference == reference))
        await handling.reject(
            session, ticket_id, reason="out_of_scope", explanation=explanation, actor_id=None, now=utcnow()
        )


# --- Discovery, services, definitions --------------------------------------------------------------


async def test_discovery_tells_the_endpoint_and_its_formats(client: AsyncTestClient, fmt: str) -> None:
    discovery = await get(client, "discovery", fmt)
    assert discovery["contact"] == "Cổng thông tin điện tử tỉnh Thanh Hóa"
    assert re.match(W3C, discovery["changeset"])
    assert discovery["endpoints"] == [
        {
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": "http://portal.test/open311/v2",
            "changeset": discovery["changeset"],
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }
    ]


async def test_services_are_the_active_categories(client: AsyncTestClient, database: Database, fmt: str) -> None:
    await add_attributes(database)
    async with database.transaction() as session:
        await session.execute(sa.update(Category).where(Category.code == "quy-hoach").values(active=False))
        active = list(
            await session.scalars(sa.select(Category.code).where(Category.active).order_by(Category.position))
        )
    services = await get(client, "services", fmt)
    assert [s["service_code"] for s in services] == active
    assert "quy-hoach" not in active
    by_code = {s["service_code"]: s for s in services}
    assert by_code["dat-dai"] == {
        "service_code": "dat-dai",
        "service_name": "Đất đai, giấy chứng nhận quyền sử dụng đất",
        "description": "Đất đai, môi trường, nông nghiệp: Đất đai, giấy chứng nhận quyền sử dụng đất",
        "metadata": "true",  # it asks extra questions
        "type": "realtime",
        "keywords": by_code["dat-dai"]["keywords"],
        "group": "Đất đai, môi trường, nông nghiệp",
    }
    assert "dat-dai" in by_code["dat-dai"]["keywords"]
    assert {s["metadata"] for code, s in by_code.items() if code != "dat-dai"} == {"false"}
    assert {s["type"] for s in services} == {"realtime"}


async def test_names_are_in_the_language_asked_for(client: AsyncTestClient, database: Database, fmt: str) -> None:
    await add_attributes(database)
    english = await client.get(f"{V2}/services.{fmt}", headers={"accept-language": "en"})
    by_code = {s["service_code"]: s for s in records(english, fmt)}
    assert by_code["dat-dai"]["service_name"] == "Land and land-use certificates"
    assert by_code["dat-dai"]["group"] == "Land, environment, agriculture"
    definition = records(await client.get(f"{V2}/services/dat-dai.{fmt}", headers={"accept-language": "en"}), fmt)
    assert [a["description"] for a in definition["attributes"]] == ["Land parcel number", "Land use"]
    assert definition["attributes"][1]["values"] == [
        {"key": "o", "name": "Residential"},
        {"key": "nn", "name": "Agricultural"},
    ]
    vietnamese = {s["service_code"]: s for s in await get(client, "services", fmt)}  # no Accept-Language
    assert vietnamese["dat-dai"]["service_name"] == "Đất đai, giấy chứng nhận quyền sử dụng đất"


async def test_a_definition_lists_the_extra_questions(client: AsyncTestClient, database: Database, fmt: str) -> None:
    await add_attributes(database)
    definition = await get(client, "services/dat-dai", fmt)
    assert definition == {
        "service_code": "dat-dai",
        "attributes": [
            {
                "variable": "true",
                "code": "so-thua",
                "datatype": "string",
                "required": "true",
                "datatype_description": "Như ghi trên giấy chứng nhận",
                "order": "1",
                "description": "Số thửa đất",
                "values": [],
            },
            {
                "variable": "true",
                "code": "muc-dich",
                "datatype": "multivaluelist",
                "required": "false",
                "datatype_description": "",
                "order": "2",
                "description": "Mục đích sử dụng đất",
                "values": [{"key": "o", "name": "Đất ở"}, {"key": "nn", "name": "Đất nông nghiệp"}],
            },
        ],
    }


async def test_a_definition_without_questions_has_empty_attributes(client: AsyncTestClient, fmt: str) -> None:
    response = await client.get(f"{V2}/services/ho-tich.{fmt}")
    assert records(response, fmt) == {"service_code": "ho-tich", "attributes": []}
    if fmt == "xml":  # there, and empty
        attributes = xml_root(response).find("attributes")
        assert attributes is not None and len(attributes) == 0
    else:
        assert response.json()["attributes"] == []


# --- Filing ---------------------------------------------------------------------------------------


async def test_a_filed_request_is_a_ticket_of_the_one_intake(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    app_id, key = await register(database)
    response = await file_request(
        client,
        key,
        fmt,
        **CITIZEN,
        lat="19.8067",
        long="105.7852",
        address_string="Số 12 Lê Lợi",
        address_id="hac-thanh",
        media_url="https://anh.example.com/thua-dat.jpg",
    )
    assert response.status_code == 201, response.text
    assert "access-control-allow-origin" not in response.headers  # CORS is for the GETs
    [answer_] = records(response, fmt)
    reference = answer_["service_request_id"]
    assert answer_ == {
        "service_request_id": reference,
        "service_notice": answer_["service_notice"],
        "account_id": "acc-secret-4711",
    }
    stored = await ticket(database, reference)
    due = stored.answer_due_at.astimezone(VIETNAM)
    assert answer_["service_notice"] == f"Cơ quan có thẩm quyền trả lời trước {due:%H:%M %d/%m/%Y}."
    assert (stored.channel, stored.client_id, stored.status) == ("open311", app_id, "assigned")
    assert stored.body == DESCRIPTION
    assert stored.title == "Kính gửi Sở, gia đình tôi đã nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần…"
    assert (stored.citizen_name, stored.citizen_email, stored.citizen_phone) == (
        "Ngọc Diệp Lạc",
        "ngoc.diep.lac@example.com",
        "+84912345678",
    )
    assert (stored.latitude, stored.longitude, stored.address) == (19.8067, 105.7852, "Số 12 Lê Lợi")
    assert stored.client_data == {
        "device_id": "device-4711",
        "account_id": "acc-secret-4711",
        "media_url": "https://anh.example.com/thua-dat.jpg",
    }
    assert stored.publish_consent is False
    async with database.transaction() as session:
        assert await session.scalar(sa.select(Area.code).where(Area.id == stored.area_id)) == "hac-thanh"
        assert await session.scalar(sa.select(Department.code).where(Department.id == stored.department_id)) == "SNNMT"
        kinds = list(await session.scalars(sa.select(TicketEvent.kind).where(TicketEvent.ticket_id == stored.id)))
    assert sorted(kinds) == ["ticket:received", "ticket:routed"]


async def test_the_title_is_cut_between_words(client: AsyncTestClient, database: Database) -> None:
    key = (await register(database))[1]
    short = await filed(client, key, description="Hỏi về lệ phí trước bạ nhà đất")
    assert (await ticket(database, short)).title == "Hỏi về lệ phí trước bạ nhà đất"
    long_word = await filed(client, key, description="a" * 300)
    assert (await ticket(database, long_word)).title == "a" * 79 + "…"


async def test_the_receipt_goes_to_a_citizen_who_gave_an_email(client: AsyncTestClient, database: Database) -> None:
    key = (await register(database))[1]
    reference = await filed(client, key, email="ngoc.diep.lac@example.com")
    stored = await ticket(database, reference)
    async with database.transaction() as session:
        notes = list(await session.scalars(sa.select(Notification).where(Notification.topic == reference)))
    [receipt] = [n for n in notes if n.kind == "citizen_received"]
    assert receipt.recipient == f"citizen:{stored.id}"
    assert receipt.data["reference"] == reference and receipt.data["token"]
    assert {n.recipient for n in notes} == {f"citizen:{stored.id}", f"department:{stored.department_id}"}


async def test_the_key_may_come_in_the_query_string(client: AsyncTestClient, database: Database, fmt: str) -> None:
    app_id, key = await register(database)
    response = await client.post(
        f"{V2}/requests.{fmt}", params={"api_key": key}, data={"service_code": "dat-dai", "description": DESCRIPTION}
    )
    assert response.status_code == 201, response.text
    assert (await ticket(database, records(response, fmt)[0]["service_request_id"])).client_id == app_id


async def test_empty_parameters_count_as_absent(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    response = await file_request(
        client, key, fmt, jurisdiction_id="", lat="", long="", email="", phone="", address_id="", account_id=""
    )
    assert response.status_code == 201, response.text
    [answer_] = records(response, fmt)
    assert answer_["account_id"] == ""
    stored = await ticket(database, answer_["service_request_id"])
    assert (stored.latitude, stored.citizen_email, stored.area_id) == (None, None, None)
    found = await get(client, "requests", fmt, jurisdiction_id="", api_key="", service_code="", status="")
    assert [r["service_request_id"] for r in found] == [answer_["service_request_id"]]


async def test_our_own_jurisdiction_may_be_named(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    assert (await file_request(client, key, fmt, jurisdiction_id="portal.test")).status_code == 201
    assert len(await get(client, "requests", fmt, jurisdiction_id="portal.test")) == 1
    assert (await get(client, "services/dat-dai", fmt, jurisdiction_id="portal.test"))["service_code"] == "dat-dai"


async def test_a_decomposed_description_of_4000_characters_is_stored_composed(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    sentence = "Xin hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất ở huyện Thọ Xuân thế nào? "
    composed = (sentence * 60)[:3999] + "ạ"
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(composed) == 4000 and len(decomposed) > 4600
    key = (await register(database))[1]
    response = await file_request(client, key, fmt, description=decomposed)
    assert response.status_code == 201, response.text
    reference = records(response, fmt)[0]["service_request_id"]
    stored = await ticket(database, reference)
    assert stored.body == composed
    assert unicodedata.is_normalized("NFC", stored.title) and stored.title.startswith("Xin hỏi thủ tục")
    assert (await one(client, reference, fmt, key))["description"] == composed


async def test_a_form_sent_in_raw_utf8_is_read_as_utf8(client: AsyncTestClient, database: Database) -> None:
    """curl --data sends the Vietnamese letters as they are, not percent-encoded: still UTF-8."""
    key = (await register(database))[1]
    body = f"api_key={key}&service_code=dat-dai&description=Hỏi về lệ phí trước bạ&last_name=Lạc".encode()
    response = await client.post(
        f"{V2}/requests.json", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 201, response.text
    stored = await ticket(database, response.json()[0]["service_request_id"])
    assert (stored.body, stored.citizen_name) == ("Hỏi về lệ phí trước bạ", "Lạc")


async def test_answers_to_the_extra_questions_are_stored(client: AsyncTestClient, database: Database, fmt: str) -> None:
    await add_attributes(database)
    key = (await register(database))[1]
    common = {"api_key": key, "service_code": "dat-dai", "description": DESCRIPTION}
    response = await client.post(
        f"{V2}/requests.{fmt}", data={**common, "attribute[so-thua]": " 125 ", "attribute[muc-dich][]": ["o", "nn"]}
    )
    assert response.status_code == 201, response.text
    stored = await ticket(database, records(response, fmt)[0]["service_request_id"])
    assert stored.attributes == {"so-thua": "125", "muc-dich": ["o", "nn"]}
    single = await client.post(
        f"{V2}/requests.{fmt}", data={**common, "attribute[so-thua]": "7", "attribute[muc-dich][]": "o"}
    )
    assert (await ticket(database, records(single, fmt)[0]["service_request_id"])).attributes == {
        "so-thua": "7",
        "muc-dich": ["o"],  # a list even with one value
    }


# --- Reading requests -----------------------------------------------------------------------------


async def test_the_filing_app_reads_its_request_in_full_and_others_what_is_public(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    key = (await register(database, "Filing app"))[1]
    other = (await register(database, "Another app"))[1]
    reference = await filed(
        client,
        key,
        **CITIZEN,
        lat="19.8067",
        long="105.7852",
        address_string="Số 12 Lê Lợi",
        address_id="hac-thanh",
        media_url="https://anh.example.com/thua-dat.jpg",
    )
    stored = await ticket(database, reference)
    common = {
        "service_request_id": reference,
        "status": "open",
        "status_notes": "",
        "service_name": "Đất đai, giấy chứng nhận quyền sử dụng đất",
        "service_code": "dat-dai",
        "agency_responsible": "Sở Nông nghiệp và Môi trường",
        "service_notice": f"Cơ quan có thẩm quyền trả lời trước {stored.answer_due_at.astimezone(VIETNAM):%H:%M %d/%m/%Y}.",
        "requested_datetime": stored.created_at.astimezone(VIETNAM).isoformat(timespec="seconds"),
        "updated_datetime": stored.updated_at.astimezone(VIETNAM).isoformat(timespec="seconds"),
        "expected_datetime": stored.answer_due_at.astimezone(VIETNAM).isoformat(timespec="seconds"),
    }
    owner = await one(client, reference, fmt, key)
    assert list(owner) == REQUEST_FIELDS
    assert owner == {
        **common,
        "description": DESCRIPTION,
        "address": "Số 12 Lê Lợi",
        "lat": "19.8067",
        "long": "105.7852",
        "media_url": "https://anh.example.com/thua-dat.jpg",
    }
    public = {**common, "description": "", "address": "", "lat": "", "long": "", "media_url": ""}
    assert await one(client, reference, fmt) == public
    assert await one(client, reference, fmt, other) == public
    for moment in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert re.match(W3C, owner[moment]), owner[moment]
    # The list reads the same way.
    assert await get(client, "requests", fmt, api_key=key) == [owner]
    assert await get(client, "requests", fmt) == [public]


async def test_an_answer_reaches_the_filing_app_and_not_the_public_unless_published(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    key = (await register(database))[1]
    reference = await filed(client, key)
    await answer(database, reference)
    owner = await one(client, reference, fmt, key)
    assert (owner["status"], owner["status_notes"], owner["description"]) == ("closed", ANSWER, DESCRIPTION)
    assert owner["service_notice"] == ""
    public = await one(client, reference, fmt)
    assert (public["status"], public["status_notes"], public["description"]) == ("closed", "", "")


async def test_a_published_answer_is_read_by_anyone_with_the_public_wording(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    key = (await register(database))[1]
    reference = await filed(client, key, **CITIZEN)
    await answer(database, reference, consent=True)  # approval publishes what the citizen allowed
    stored = await ticket(database, reference)
    assert stored.published_at is not None
    public = await one(client, reference, fmt)
    assert (public["status"], public["status_notes"], public["description"]) == ("closed", ANSWER, DESCRIPTION)
    wording = "Xin hỏi thời hạn giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu."
    async with database.transaction() as session:
        await publication.redact(
            session, stored.id, title="Thời hạn cấp giấy chứng nhận", body=wording, actor_id=None, now=utcnow()
        )
    assert (await one(client, reference, fmt))["description"] == wording
    assert (await one(client, reference, fmt, key))["description"] == DESCRIPTION  # the app reads what was sent


async def test_a_rejection_tells_its_reason_and_the_filing_app_its_explanation(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    key = (await register(database))[1]
    reference = await filed(client, key)
    explanation = "Câu hỏi thuộc thẩm quyền của UBND xã, đề nghị liên hệ bộ phận một cửa."
    await reject(database, reference, explanation)
    public = await one(client, reference, fmt)
    owner = await one(client, reference, fmt, key)
    assert public["status"] == owner["status"] == "closed"
    assert public["status_notes"] and explanation not in public["status_notes"]
    assert owner["status_notes"] == f"{public['status_notes']} {explanation}"
    assert public["expected_datetime"] == public["service_notice"] == ""


async def test_no_get_ever_carries_personal_data(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    answered = await filed(client, key, **CITIZEN)
    await answer(database, answered, consent=True)
    await filed(client, key, **CITIZEN)
    portal = await client.post(
        "/api/v1/questions",
        json=question_fields(
            name="Ngọc Diệp Lạc", email="ngoc.diep.lac@example.com", phone="0912 345 678", publish=True
        ),
    )
    assert portal.status_code == 201
    token = parse_qs(urlparse(portal.json()["tracking_url"]).query)["token"][0]
    hashes = [t.token_hash for t in await _all(database)]
    paths = [
        "requests",
        f"requests/{answered}",
        f"requests/{portal.json()['reference']}",
        f"requests/{answered},{portal.json()['reference']}",
        "servicerequestupdates",
    ]
    for path in paths:
        for params in ({}, {"api_key": key}):
            response = await client.get(f"{V2}/{path}.{fmt}", params=params)
            assert response.status_code in (200, 404), response.text
            body = response.text
            for secret in [*PERSONAL, token, *hashes]:
                assert secret not in body, (path, params, secret)


async def _all(database: Database) -> list[Ticket]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(Ticket)))


async def test_xml_keeps_empty_elements_and_json_is_a_bare_array(
    client: AsyncTestClient, database: Database, fmt: str
) -> None:
    key = (await register(database))[1]
    reference = await filed(client, key)
    response = await client.get(f"{V2}/requests/{reference}.{fmt}")
    if fmt == "xml":
        root = xml_root(response)
        assert root.tag == "service_requests"
        [request] = list(root)
        assert request.tag == "request"
        assert [child.tag for child in request] == REQUEST_FIELDS
        for empty in ("status_notes", "description", "address", "lat", "long", "media_url"):
            element = request.find(empty)
            assert element is not None and not element.text and not len(element), empty
        assert "<status_notes />" in response.text or "<status_notes/>" in response.text
    else:
        body = response.json()
        assert isinstance(body, list) and len(body) == 1 and list(body[0]) == REQUEST_FIELDS
        for path in ("services", "requests", "servicerequestupdates"):
            assert isinstance((await client.get(f"{V2}/{path}.json")).json(), list), path


async def test_both_formats_say_the_same(client: AsyncTestClient, database: Database) -> None:
    await add_attributes(database)
    key = (await register(database))[1]
    reference = await filed(client, key, **CITIZEN, lat="19.8", long="105.77", **{"attribute[so-thua]": "125"})
    await answer(database, reference)
    paths = [
        "discovery",
        "services",
        "services/dat-dai",
        "requests",
        f"requests/{reference}",
        "servicerequestupdates",
    ]
    for path in paths:
        for params in ({}, {"api_key": key}):
            as_json = as_text((await client.get(f"{V2}/{path}.json", params=params)).json())
            as_xml = records(await client.get(f"{V2}/{path}.xml", params=params), "xml")
            assert as_json == as_xml, path


async def test_every_get_allows_any_origin(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    reference = await filed(client, key)
    paths = ["discovery", "services", "services/dat-dai", "requests", f"requests/{reference}", "servicerequestupdates"]
    paths += ["services/khong-co", "requests/2026-999999", "tokens/abc", "requests?status=maybe"]
    for path in paths:
        address, _, query = path.partition("?")
        response = await client.get(f"{V2}/{address}.{fmt}" + (f"?{query}" if query else ""))
        assert response.headers["access-control-allow-origin"] == "*", path


# --- Finding requests -----------------------------------------------------------------------------


async def test_requests_of_the_last_90_days_newest_first(
    client: AsyncTestClient, database: Database, settings: Settings, fmt: str
) -> None:
    now = utcnow()
    old = await submit(database, settings.uploads, now=now - timedelta(days=100))
    month = await submit(database, settings.uploads, now=now - timedelta(days=30))
    week = await submit(database, settings.uploads, now=now - timedelta(days=7), category="ho-tich")
    key = (await register(database))[1]
    today = await filed(client, key)
    found = await get(client, "requests", fmt)
    assert [r["service_request_id"] for r in found] == [today, week.reference, month.reference]
    assert old.reference not in {r["service_request_id"] for r in found}


async def test_start_and_end_date_choose_the_period(
    client: AsyncTestClient, database: Database, settings: Settings, fmt: str
) -> None:
    now = utcnow()
    old = await submit(database, settings.uploads, now=now - timedelta(days=100))
    month = await submit(database, settings.uploads, now=now - timedelta(days=30))
    await submit(database, settings.uploads, now=now - timedelta(days=1))

    def w3c(days: int, utc: bool = False) -> str:
        moment = now - timedelta(days=days)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if utc else moment.astimezone(VIETNAM).isoformat()

    around_month = await get(client, "requests", fmt, start_date=w3c(31, utc=True), end_date=w3c(29))
    assert [r["service_request_id"] for r in around_month] == [month.reference]
    from_old = await get(client, "requests", fmt, start_date=w3c(101))  # to 90 days after
    assert [r["service_request_id"] for r in from_old] == [month.reference, old.reference]
    until_old = await get(client, "requests", fmt, end_date=w3c(99))  # from 90 days before
    assert [r["service_request_id"] for r in until_old] == [old.reference]


async def test_service_code_and_status_filter(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    land = await filed(client, key)
    answered_land = await filed(client, key)
    await answer(database, answered_land)
    civil = await filed(client, key, service_code="ho-tich")
    tax = await filed(client, key, service_code="thue-phi")

    async def ids(**params: str) -> list[str]:
        return [r["service_request_id"] for r in await get(client, "requests", fmt, **params)]

    assert await ids(service_code="dat-dai") == [answered_land, land]
    assert await ids(service_code="dat-dai,ho-tich") == [civil, answered_land, land]
    assert await ids(service_code="khong-co") == []
    assert await ids(status="open") == [tax, civil, land]
    assert await ids(status="closed") == [answered_land]
    assert await ids(status="open,closed") == [tax, civil, answered_land, land]
    assert await ids(status="closed", service_code="ho-tich") == []


async def test_a_list_of_ids_overrides_the_other_filters(
    client: AsyncTestClient, database: Database, settings: Settings, fmt: str
) -> None:
    old = await submit(database, settings.uploads, now=utcnow() - timedelta(days=400))
    key = (await register(database))[1]
    answered = await filed(client, key)
    await answer(database, answered)
    await filed(client, key)
    found = await get(
        client,
        "requests",
        fmt,
        service_request_id=f"{old.reference}, {answered},2026-999999",
        status="open",
        service_code="ho-tich",
        start_date="2026-01-01T00:00:00+07:00",
        end_date="2026-01-02T00:00:00+07:00",
    )
    assert [r["service_request_id"] for r in found] == [answered, old.reference]


async def test_one_request_is_an_array_of_one(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    first, second = await filed(client, key), await filed(client, key)
    found = await get(client, f"requests/{second}", fmt)
    assert [r["service_request_id"] for r in found] == [second]
    assert first != second


async def test_at_most_1000_requests(client: AsyncTestClient, database: Database) -> None:
    key = (await register(database))[1]
    template = await ticket(database, await filed(client, key))
    # Each ticket has its own short code (a unique hash): the copies have none.
    skip = {"id", "short_token_hash"}
    columns = {c.name: getattr(template, c.name) for c in Ticket.__table__.columns if c.name not in skip}
    copies = [
        {**columns, "reference": f"2026-9{n:05}", "number": 900_000 + n, "short_token_hash": None}
        for n in range(1, 1006)
    ]
    async with database.transaction() as session:
        await session.execute(sa.insert(Ticket), copies)
    found = (await client.get(f"{V2}/requests.json")).json()
    assert len(found) == 1000
    assert found[0]["service_request_id"] == "2026-901005"  # same instant: the last stored first


# --- Updates (FixMyStreet's extension) ------------------------------------------------------------


async def test_updates_tell_each_public_change(client: AsyncTestClient, database: Database, fmt: str) -> None:
    key = (await register(database))[1]
    answered, rejected, extended = await filed(client, key), await filed(client, key), await filed(client, key)
    start = utcnow() - timedelta(minutes=1)
    await answer(database, answered)
    explanation = "Đề nghị liên hệ UBND xã."
    await reject(database, rejected, explanation)
    async with database.transaction() as session:
        ticket_id = await session.scalar(sa.select(Ticket.id).where(Ticket.reference == extended))
        await handling.extend(
            session, ticket_id, period="5wd", reason="Cần ý kiến của Sở Tài chính.", actor_id=None, now=utcnow()
        )
    window = {"start_date": start.isoformat(), "end_date": (utcnow() + timedelta(minutes=1)).isoformat()}
    public = await get(client, "servicerequestupdates", fmt, **window)
    assert all(list(update) == list(UPDATE_FIELDS) for update in public)
    by_request = {u["service_request_id"]: u for u in public}
    assert set(by_request) == {answered, rejected, extended}  # the routing of each came before ``start``
    assert by_request[answered]["status"] == by_request[rejected]["status"] == "closed"
    assert by_request[extended]["status"] == "open"
    assert by_request[answered]["description"] and ANSWER not in by_request[answered]["description"]
    assert explanation not in by_request[rejected]["description"]
    assert re.search(r"\d\d/\d\d/\d{4}", by_request[extended]["description"])  # the new deadline
    assert {u["media_url"] for u in public} == {""}
    assert all(re.match(W3C, u["updated_datetime"]) for u in public)
    assert len({u["update_id"] for u in public}) == len(public)

    owner = {u["service_request_id"]: u for u in await get(client, "servicerequestupdates", fmt, api_key=key, **window)}
    assert owner[answered]["description"] == ANSWER
    assert owner[rejected]["description"].endswith(explanation)
    everything = await get(client, "servicerequestupdates", fmt)  # the last 90 days: the routing too
    assert [u["service_request_id"] for u in everything][:3] == [answered, rejected, extended]
    assert "Sở Nông nghiệp và Môi trường" in everything[0]["description"]


UPDATE_FIELDS = ("update_id", "service_request_id", "status", "updated_datetime", "description", "media_url")
