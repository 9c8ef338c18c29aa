"""Bad input gets a 4xx that says what is wrong, never a 500 and never a half-written record.

Every test runs on SQLite and on PostgreSQL, which refuses what SQLite lets by (a NUL byte,
an integer beyond its 32-bit columns).
"""

import re

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.models import SavedReply, Subtask, Ticket, TicketEvent
from notify.db import Database
from tests.factories import add_staff, csrf_of, log_in, question_fields, submit
from tests.feedback.test_qa import answered
from tests.feedback.test_staff import act

NUMBER_MESSAGE = "Hãy nhập một số nguyên từ {low} đến {high}."
YEARS_MESSAGE = "Hãy chọn ngày từ 01/01/2000 đến 31/12/2099."
NOT_FOUND = "Trang này không tồn tại."
CONTROL = "Hãy xóa các ký tự điều khiển không nhìn thấy được (như byte NUL) khỏi nội dung này."
QUESTION_TEXT_FIELDS = ("title", "question", "name", "address", "area", "category", "email", "phone")


@pytest.fixture
async def staff(database: Database) -> None:
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    await add_staff(database, "lanhdao", "leader")


async def test_an_open_data_date_without_offset_is_vietnam_time(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    """Published at 11:00 in Vietnam (04:00 UTC): before 10:30 means 10:30 in Vietnam, so it is not listed."""
    published = await answered(database, tmp_path, title="Hỏi về lệ phí trước bạ", question="Mức thu?", answer="2%.")
    assert f"{published.published_at:%H:%M}" == "04:00"
    day = f"{published.published_at:%Y-%m-%d}"
    earlier = await client.get("/api/v1/qa", params={"before": f"{day}T10:30:00"})
    later = await client.get("/api/v1/qa", params={"before": f"{day}T11:30:00"})
    assert (earlier.status_code, later.status_code) == (200, 200)
    assert (earlier.json(), [item["reference"] for item in later.json()]) == ([], [published.reference])
    with_offset = await client.get("/api/v1/qa", params={"before": f"{day}T04:30:00+00:00"})
    assert [item["reference"] for item in with_offset.json()] == [published.reference]
    for far, listed in [
        ("9999-12-31T23:59:59", [published.reference]),
        ("9999-12-31T23:59:59-14:00", [published.reference]),
        ("0001-01-01T00:00:00+14:00", []),
        ("0605-12-09T14:27:57Z", []),
    ]:
        page = await client.get("/api/v1/qa", params={"before": far})
        assert page.status_code == 200, far
        assert [item["reference"] for item in page.json()] == listed, far
    unreadable = await client.get("/api/v1/qa", params={"before": "1/6/2026"})
    assert unreadable.status_code == 400 and unreadable.json()["errors"][0]["field"] == "before"


@pytest.mark.parametrize(
    ("query", "field", "low", "high"),
    [
        ("year=0", "year", 2000, 2099),
        ("year=9999", "year", 2000, 2099),
        ("year=99999999999", "year", 2000, 2099),
        ("year=%C2%B2", "year", 2000, 2099),  # "²" is a digit to str.isdigit(), not to int()
        ("page=1e20", "page", 1, 2**31 - 1),
        ("page=100000000000000000000", "page", 1, 2**31 - 1),
        ("page=0", "page", 1, 2**31 - 1),
    ],
)
async def test_the_public_list_refuses_numbers_it_cannot_use(
    client: AsyncTestClient, query: str, field: str, low: int, high: int
) -> None:
    page = await client.get(f"/hoi-dap?{query}")
    assert page.status_code == 400
    assert f"“{field}”: {NUMBER_MESSAGE.format(low=low, high=high)}" in page.text
    assert (await client.get("/hoi-dap?year=&page=")).status_code == 200  # "all years" is an empty choice


async def test_staff_filters_and_ids_out_of_range(client: AsyncTestClient, staff: None) -> None:
    await log_in(client, "dieuphoi")
    for url, field in [
        ("/can-bo/hop-thu?category=1e20", "category"),
        ("/can-bo/hop-thu?department=100000000000000000000", "department"),
        ("/can-bo/hop-thu?page=-1", "page"),
        ("/can-bo/bang-dieu-khien/qua-han?level=1e20", "level"),
        ("/can-bo/bang-dieu-khien/qua-han?department=2147483648", "department"),
        ("/can-bo/cau-hoi/2026-000001?mau=100000000000000000000", "mau"),
    ]:
        page = await client.get(url)
        assert page.status_code == 400, url
        assert f"“{field}”: Hãy nhập một số nguyên từ" in page.text, url
    dashboard = await client.get("/can-bo/bang-dieu-khien?department=1e20")
    assert dashboard.status_code == 422 and NUMBER_MESSAGE.format(low=1, high=2**31 - 1) in dashboard.text
    for url in [
        "/can-bo/tep/1e20",
        "/can-bo/phoi-hop/1e20",
        "/can-bo/tep/100000000000000000000",
        "/can-bo/phoi-hop/100000000000000000000",
        "/can-bo/tep/2147483648",
        "/can-bo/tep/0",
        "/can-bo/cau-hoi/2026-0000001%27",
    ]:
        page = await client.get(url)
        assert page.status_code == 404 and NOT_FOUND in page.text, url
    assert (await client.get("/can-bo/tep/2147483647")).status_code == 404  # the largest id: looked up, not there


@pytest.mark.parametrize("year", ["0001", "9999"])
async def test_dashboard_periods_at_the_ends_of_the_calendar(client: AsyncTestClient, staff: None, year: str) -> None:
    await log_in(client, "lanhdao")
    period = {"period": "custom", "from": f"{year}-01-01", "to": f"{year}-12-31"}
    page = await client.get("/can-bo/bang-dieu-khien", params=period)
    assert page.status_code == 422 and YEARS_MESSAGE in page.text
    for table in ("don-vi", "cau-hoi", "qua-han"):
        for file_format in ("csv", "xlsx"):
            export = await client.get(f"/can-bo/bang-dieu-khien/xuat/{table}", params={**period, "format": file_format})
            assert export.status_code == 422, (table, file_format)
            assert YEARS_MESSAGE in export.text and export.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"title": "x", "publish": ' + b"9" * 5_000 + b"}",
        b'{"title": -' + b"1" * 5_000 + b"}",
    ],
    ids=["nested array", "nested field", "5000-digit number", "negative 5000-digit number"],
)
async def test_json_that_exhausts_the_decoder_is_a_400(client: AsyncTestClient, body: bytes) -> None:
    response = await client.post(
        "/api/v1/questions", content=body, headers={"content-type": "application/json", "accept-language": "vi"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "body" and error["message"].startswith("Không đọc được yêu cầu")


async def test_a_malformed_reference_in_a_path_is_a_404(
    client: AsyncTestClient, database: Database, tmp_path, staff: None
) -> None:
    submitted = await submit(database, tmp_path)
    for url in ["/cau-hoi/%00", "/hoi-dap/2026%00", f"/cau-hoi/{submitted.reference}%00/tep/1"]:
        page = await client.get(url, params={"token": submitted.token})
        assert page.status_code == 404 and NOT_FOUND in page.text, url
    api = await client.get("/api/v1/questions/%00", params={"token": submitted.token})
    assert api.status_code == 404 and api.json()["errors"][0]["field"] == "reference"
    await log_in(client, "dieuphoi")
    staff_page = await client.get("/can-bo/cau-hoi/%00")
    assert staff_page.status_code == 404 and NOT_FOUND in staff_page.text


async def count(database: Database, model: type) -> int:
    async with database.transaction() as session:
        return await session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x7f", "\x85"], ids=["NUL", "ESC", "DEL", "NEL"])
async def test_control_characters_are_refused_in_every_field_of_a_question(
    client: AsyncTestClient, database: Database, control: str
) -> None:
    form = await client.get("/gui-cau-hoi")
    typical = {**question_fields(), "address": "12 Lê Lợi"}
    for field in QUESTION_TEXT_FIELDS:
        value = f"{typical[field]}{control}x"
        api = await client.post("/api/v1/questions", json=question_fields(**{field: value}))
        assert api.status_code == 422, field
        assert api.json()["errors"] == [{"field": field, "message": CONTROL}], field
        data = {**{k: str(v) for k, v in question_fields(**{field: value}).items()}, "_csrf_token": csrf_of(form.text)}
        page = await client.post("/gui-cau-hoi", data=data)
        assert page.status_code == 422, field
        assert page.text.count(CONTROL) == 2, field  # beside the field, and in the summary above the form
    surrogate = b'{"title": "a\\ud800b", "question": "q", "name": "n", "phone": "0912345678", "category": "dat-dai"}'
    api = await client.post("/api/v1/questions", content=surrogate, headers={"content-type": "application/json"})
    assert api.status_code == 422 and api.json()["errors"] == [{"field": "title", "message": CONTROL}]
    assert await count(database, Ticket) == 0
    tabs_and_lines = question_fields(question="Dòng một\r\nDòng hai\tcột")
    assert (await client.post("/api/v1/questions", json=tabs_and_lines)).status_code == 201


async def test_a_nul_byte_is_refused_in_every_form_of_the_pages(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    for username, role, department in [("xd.tp", "head", "SXD"), ("yt.cv", "officer", "SYT")]:
        await add_staff(database, username, role, department)
    asked, answered_ = await submit(database, tmp_path), await submit(database, tmp_path)
    reference, nul = asked.reference, "x\x00y"

    page = await client.get("/can-bo/dang-nhap")
    login = await client.post(
        "/can-bo/dang-nhap", data={"username": f"xd.tp{nul}", "password": "p", "_csrf_token": csrf_of(page.text)}
    )
    assert login.status_code == 422 and CONTROL in login.text

    await log_in(client, "xd.tp")
    assert (await act(client, reference, "accept")).status_code == 200
    requested = await act(client, reference, "request_input", request="Đề nghị cho ý kiến.", departments="SYT")
    assert requested.status_code == 200
    for action, answer in [("accept", None), ("submit", "Hồ sơ gồm đơn đề nghị."), ("approve", None)]:
        assert (
            await act(client, answered_.reference, action, **({"answer": answer} if answer else {}))
        ).status_code == 200
    events = await count(database, TicketEvent)
    staff_fields = [
        ("note", {"note": nul}),
        ("draft", {"answer": nul}),
        ("submit", {"answer": nul}),
        ("request_info", {"message": nul}),
        ("extend", {"period": f"2wd{nul}", "reason": "Cần thêm thời gian."}),
        ("transfer", {"department": f"SYT{nul}", "reason": "Không thuộc thẩm quyền."}),
        ("send_to_triage", {"reason": nul}),
        ("reject", {"reason": "duplicate", "explanation": "Trùng.", "duplicate_of": f"2026-000001{nul}"}),
        ("link_duplicate", {"duplicate_of": f"{answered_.reference}{nul}"}),
        ("assign", {"assignee": f"1{nul}"}),
        ("request_input", {"departments": f"SYT{nul}", "request": "Cho ý kiến."}),
        ("return", {"comment": nul}),
        ("redact", {"public_title": nul, "public_body": "Nội dung."}),
        ("unpublish", {"reason": nul}),
    ]
    for action, fields in staff_fields:
        refused = await act(client, reference, action, **fields)
        assert refused.status_code == 422 and CONTROL in refused.text, action
    saved_page = await client.get("/can-bo/mau-tra-loi")
    for fields in ({"title": nul, "body": "Nội dung."}, {"title": "Mẫu", "body": nul}):
        saved = await client.post("/can-bo/mau-tra-loi", data={"_csrf_token": csrf_of(saved_page.text), **fields})
        assert saved.status_code == 422 and CONTROL in saved.text
    await act(client, reference, "request_info", message="Xin gửi bản vẽ.")  # the citizen may now reply
    events += 1

    await log_in(client, "yt.cv")
    inbox = await client.get("/can-bo/hop-thu")
    link = re.search(r'href="(/can-bo/phoi-hop/\d+)"', inbox.text).group(1)
    subtask = await client.get(link)
    reply = await client.post(link, data={"_csrf_token": csrf_of(subtask.text), "reply": nul})
    assert reply.status_code == 422 and CONTROL in reply.text

    for submitted, path, fields in [
        (asked, "bo-sung", {"reply": nul}),
        (answered_, "danh-gia", {"rating": "5", "comment": nul}),
        (answered_, "hoi-tiep", {"follow_up": nul}),
    ]:
        status = await client.get(f"/cau-hoi/{submitted.reference}", params={"token": submitted.token})
        data = {"_csrf_token": csrf_of(status.text), "token": submitted.token, **fields}
        refused = await client.post(f"/cau-hoi/{submitted.reference}/{path}", data=data)
        assert refused.status_code == 422 and CONTROL in refused.text, path

    # Nothing half-written: no event, no reply, no saved reply, no rating.
    assert await count(database, TicketEvent) == events
    assert await count(database, SavedReply) == 0
    async with database.transaction() as session:
        assert (await session.scalar(sa.select(Subtask))).replied_at is None
        assert (await session.get(Ticket, answered_.ticket_id)).rating is None


async def test_angle_brackets_in_ordinary_text_are_accepted_and_shown_escaped(
    client: AsyncTestClient, database: Database
) -> None:
    """Only real markup is refused (see tests/routing/test_text.py); a "<" in a sentence is text, escaped on output."""
    title, question = (
        "Thời hạn theo <Nghị định 45> là bao lâu",
        "Nếu a<b và x > y thì diện tích < 50 m2 có được cấp phép?",
    )
    created = await client.post("/api/v1/questions", json=question_fields(title=title, question=question))
    assert created.status_code == 201, created.text
    page = await client.get(created.json()["tracking_url"].removeprefix("http://portal.test"))
    assert "Thời hạn theo &lt;Nghị định 45&gt; là bao lâu" in page.text
    assert "Nếu a&lt;b và x &gt; y thì diện tích &lt; 50 m2" in page.text
    form = await client.get("/gui-cau-hoi")
    data = {**{k: str(v) for k, v in question_fields(title=title, question=question).items()}}
    sent = await client.post("/gui-cau-hoi", data={**data, "_csrf_token": csrf_of(form.text)}, follow_redirects=False)
    assert sent.status_code == 303
    assert await count(database, Ticket) == 2
