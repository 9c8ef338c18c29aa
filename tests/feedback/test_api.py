"""The JSON contract integrations rely on, on SQLite and on PostgreSQL."""

import asyncio
import unicodedata
from collections import Counter
from urllib.parse import parse_qs, urlparse

import pytest
import redis
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.models import Attachment, Ticket, TicketEvent
from feedback.settings import Settings
from notify.db import Database
from notify.settings import NotifySettings
from tests.conftest import REDIS_URL
from tests.factories import docx_bytes, pdf_bytes, png_bytes, question_fields
from tests.feedback.test_staff import redis_url, served


async def rows(database: Database, model: type) -> list:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(model)))


def token_of(tracking_url: str) -> str:
    return parse_qs(urlparse(tracking_url).query)["token"][0]


async def test_categories_list_codes_names_and_groups(client: AsyncTestClient) -> None:
    response = await client.get("/api/v1/categories")
    assert response.status_code == 200
    categories = response.json()
    assert len(categories) >= 20
    by_code = {c["code"]: c for c in categories}
    assert by_code["dat-dai"]["name"] == "Đất đai, giấy chứng nhận quyền sử dụng đất"
    assert by_code["dat-dai"]["group"] == "Đất đai, môi trường, nông nghiệp"
    assert set(by_code["dat-dai"]) >= {"code", "name", "group"}


async def test_submitting_json_creates_one_ticket_with_its_event(client: AsyncTestClient, database: Database) -> None:
    response = await client.post("/api/v1/questions", json=question_fields())

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "assigned"  # routed on arrival to the category's department
    assert body["reference"].startswith("20") and len(body["reference"]) == 11
    assert body["tracking_url"].startswith(f"http://portal.test/cau-hoi/{body['reference']}?token=")
    [ticket] = await rows(database, Ticket)
    assert ticket.reference == body["reference"]
    assert ticket.citizen_phone == "+84912345678"
    assert ticket.channel == "api"
    assert ticket.search_text.startswith("thu tuc cap giay phep xay dung nha o rieng le")
    assert token_of(body["tracking_url"]) not in ticket.token_hash
    events = sorted(await rows(database, TicketEvent), key=lambda e: e.id)
    assert [(e.ticket_id, e.kind, e.public) for e in events] == [
        (ticket.id, "ticket:received", True),
        (ticket.id, "ticket:routed", True),
    ]
    assert events[1].data["routed_by"] == "category_default"


async def test_references_are_sequential_within_the_year(client: AsyncTestClient) -> None:
    references = [
        (await client.post("/api/v1/questions", json=question_fields())).json()["reference"] for _ in range(3)
    ]
    numbers = [int(r.split("-")[1]) for r in references]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


async def test_decomposed_unicode_is_stored_composed(client: AsyncTestClient, database: Database) -> None:
    decomposed = unicodedata.normalize("NFD", "Hỏi về đường giao thông nông thôn")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    response = await client.post("/api/v1/questions", json=question_fields(title=decomposed, name="Trần Văn Đức"))
    assert response.status_code == 201
    [ticket] = await rows(database, Ticket)
    assert ticket.title == "Hỏi về đường giao thông nông thôn"
    assert ticket.search_text.startswith("hoi ve duong giao thong nong thon")


async def test_status_view_needs_the_right_token(client: AsyncTestClient) -> None:
    created = (await client.post("/api/v1/questions", json=question_fields())).json()
    reference, token = created["reference"], token_of(created["tracking_url"])

    view = await client.get(f"/api/v1/questions/{reference}", params={"token": token})
    assert view.status_code == 200
    data = view.json()
    assert data["reference"] == reference
    assert data["status"] == "assigned"
    assert data["category"] == {"code": "giay-phep-xay-dung", "name": "Cấp phép xây dựng"}
    assert data["department"] == {"code": "SXD", "name": "Sở Xây dựng"}
    assert data["answer_due_at"] is not None and data["answer"] is None
    assert [e["kind"] for e in data["events"]] == ["ticket:received", "ticket:routed"]
    assert "phone" not in data and "email" not in data

    for params in ({"token": token[:-1] + ("A" if token[-1] != "A" else "B")}, {}):
        wrong = await client.get(f"/api/v1/questions/{reference}", params=params)
        assert wrong.status_code == 404
        assert wrong.headers["content-type"].startswith("application/problem+json")
    unknown = await client.get("/api/v1/questions/1999-000001", params={"token": token})
    assert unknown.status_code == 404


async def test_invalid_fields_are_named_and_nothing_is_written(client: AsyncTestClient, database: Database) -> None:
    response = await client.post(
        "/api/v1/questions",
        json=question_fields(category="khong-co", title="x" * 201, question="", email="khong-phai-email", phone=None),
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(errors) == {"category", "title", "question", "email"}
    assert "200" in errors["title"]
    assert await rows(database, Ticket) == []


async def test_a_contact_is_required(client: AsyncTestClient) -> None:
    response = await client.post("/api/v1/questions", json=question_fields(email=None, phone=None))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["contact"]


async def test_phone_numbers_must_be_vietnamese_mobiles(client: AsyncTestClient) -> None:
    for bad in ("12345", "0241234567x", "+84 24 3825 3536"):  # the last one is a Hà Nội landline
        response = await client.post("/api/v1/questions", json=question_fields(phone=bad, email=None))
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == "phone"


async def test_unreadable_body_is_400(client: AsyncTestClient) -> None:
    for body in (b"{not json", b"[1, 2]"):
        response = await client.post("/api/v1/questions", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "body"


async def test_unknown_fields_are_refused(client: AsyncTestClient) -> None:
    response = await client.post("/api/v1/questions", json=question_fields(priority="urgent"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "priority"


def multipart(files: list[tuple[str, bytes, str]], **overrides: object) -> dict:
    data = {k: str(v).lower() if isinstance(v, bool) else v for k, v in question_fields(**overrides).items()}
    return {"data": data, "files": [("files", f) for f in files]}


async def test_multipart_with_files_stores_them(
    client: AsyncTestClient, database: Database, settings: Settings, upload_files
) -> None:
    files = [
        ("ảnh hiện trạng.png", png_bytes(), "image/png"),
        ("ban-ve.pdf", pdf_bytes(), "application/pdf"),
        ("don.docx", docx_bytes(), "application/octet-stream"),
    ]
    response = await client.post("/api/v1/questions", **multipart(files))
    assert response.status_code == 201, response.text
    attachments = sorted(await rows(database, Attachment), key=lambda a: a.id)
    assert [(a.filename, a.content_type) for a in attachments] == [
        ("ảnh hiện trạng.png", "image/png"),
        ("ban-ve.pdf", "application/pdf"),
        ("don.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    stored = upload_files()
    assert len(stored) == 3
    assert (settings.uploads / attachments[0].path).read_bytes() == png_bytes()
    [ticket] = await rows(database, Ticket)
    assert ticket.publish_consent is True


async def test_bad_files_leave_no_ticket_and_no_file(client: AsyncTestClient, database: Database, upload_files) -> None:
    cases = [
        ([("virus.exe", b"MZ\x90\x00", "application/octet-stream")], 422, "không phải tệp PDF"),
        ([("giay-to.pdf", png_bytes(), "application/pdf")], 422, "không khớp"),
        ([("fake.docx", b"PK\x03\x04not a zip", "application/octet-stream")], 422, "không khớp"),
        ([(f"p{i}.png", png_bytes(), "image/png") for i in range(6)], 422, "tối đa 5"),
        ([("lon.pdf", pdf_bytes() + b"0" * (10 * 1024 * 1024), "application/pdf")], 413, "lớn hơn 10 MB"),
    ]
    for files, status, message in cases:
        response = await client.post("/api/v1/questions", **multipart(files), headers={"accept-language": "vi"})
        assert response.status_code == status, files[0][0]
        [error] = response.json()["errors"]
        assert error["field"] == "files"
        assert message in error["message"]
    assert await rows(database, Ticket) == []
    assert upload_files() == []


async def test_a_failed_transaction_removes_the_files_it_wrote(
    client: AsyncTestClient, database: Database, upload_files
) -> None:
    """Files are written before the commit; if the commit fails they must go too."""
    async with database.transaction() as session:  # a reference the next submission will collide with
        await session.execute(sa.text("CREATE UNIQUE INDEX IF NOT EXISTS boom ON attachment (ticket_id, filename)"))
    try:
        files = [("a.png", png_bytes(), "image/png"), ("a.png", png_bytes(), "image/png")]
        response = await client.post("/api/v1/questions", **multipart(files))
        assert response.status_code == 500
        assert await rows(database, Ticket) == []
        assert upload_files() == []
    finally:
        async with database.transaction() as session:
            await session.execute(sa.text("DROP INDEX boom"))


async def test_openapi_documents_every_field(client: AsyncTestClient) -> None:
    schema = (await client.get("/api/schema/openapi.json")).json()
    body = schema["paths"]["/api/v1/questions"]["post"]["requestBody"]["content"]
    json_fields = body["application/json"]["schema"]["properties"]
    expected = {"category", "title", "question", "name", "email", "phone", "area", "publish", "show_name"}
    assert expected <= set(json_fields)
    assert all(json_fields[name].get("description") for name in expected)
    assert "files" in body["multipart/form-data"]["schema"]["properties"]
    assert "/api/v1/questions/{reference}" in schema["paths"]
    assert "/api/v1/categories" in schema["paths"]


async def test_submissions_are_rate_limited_per_address(settings: Settings, database: Database) -> None:
    from feedback.app import create_app

    settings.rate_limit = 2
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        statuses = [(await client.post("/api/v1/questions", json=question_fields())).status_code for _ in range(3)]
        assert statuses == [201, 201, 429]
        limited = await client.post("/api/v1/questions", json=question_fields())
        assert 0 < int(limited.headers["retry-after"]) <= 60
        assert "too many" in limited.json()["detail"].lower() or "quá nhiều" in limited.json()["detail"]
        assert (await client.get("/api/v1/categories")).status_code == 200  # reading is not limited
    assert len(await rows(database, Ticket)) == 2


async def test_every_mistake_is_reported_at_once(client: AsyncTestClient) -> None:
    response = await client.post("/api/v1/questions", json=question_fields(title="", email=None, phone=None))
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"title", "contact"}


async def test_a_body_over_the_limit_is_413_naming_the_files(client: AsyncTestClient, database: Database) -> None:
    from feedback.uploads import MAX_REQUEST_BYTES

    huge = [("ho-so.pdf", pdf_bytes() + bytes(MAX_REQUEST_BYTES), "application/pdf")]
    response = await client.post("/api/v1/questions", **multipart(huge))
    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "files"
    assert await rows(database, Ticket) == []


async def test_not_found_names_the_token(client: AsyncTestClient) -> None:
    response = await client.get("/api/v1/questions/2026-000001", params={"token": "sai"})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "token"


@pytest.mark.parametrize("store", ["files", "redis"])
async def test_questions_sent_at_the_same_instant_cannot_share_the_last_places(
    settings: Settings, database: Database, store: str
) -> None:
    """Each question takes its place in one atomic count: ten at once, three places, three stored."""
    settings.rate_limit = 3
    if store == "redis":
        settings = settings.model_copy(update={"notify": NotifySettings(redis_url=redis_url())})
    try:
        async with served(settings) as client:
            refused = await client.post("/api/v1/questions", json=question_fields(email="sai@"))
            assert refused.status_code == 422  # a mistake gives its place back
            answers = await asyncio.gather(
                *(client.post("/api/v1/questions", json=question_fields()) for _ in range(10))
            )
    finally:
        if store == "redis":  # the counts would outlive the test in the shared Redis
            shared = redis.Redis.from_url(REDIS_URL)
            for namespace in ("caunoi_submissions", "caunoi_rate_limit"):
                for key in shared.scan_iter(f"{namespace}:*"):
                    shared.delete(key)
    assert Counter(answer.status_code for answer in answers) == {201: 3, 429: 7}
    assert all(1 <= int(answer.headers["retry-after"]) <= 60 for answer in answers if answer.status_code == 429)
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 3
