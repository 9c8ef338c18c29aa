"""The citizen's pages through the HTTP stack: the form, its errors, the tracking page, the languages."""

import re
import unicodedata
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from httpx import Response
from litestar.testing import AsyncTestClient
from markupsafe import escape

from feedback.app import create_app
from feedback.models import Attachment, Ticket
from feedback.settings import Settings
from notify.db import Database
from tests.factories import add_staff, log_in, png_bytes, question_fields, submit

CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def form_token(client: AsyncTestClient) -> str:
    page = await client.get("/gui-cau-hoi")
    assert page.status_code == 200
    return CSRF.search(page.text).group(1)


def as_form(**overrides: object) -> dict[str, str]:
    return {k: ("true" if v is True else str(v)) for k, v in question_fields(**overrides).items() if v is not False}


async def test_home_is_vietnamese_by_default(client: AsyncTestClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200
    assert '<html lang="vi">' in page.text
    assert "Gửi câu hỏi" in page.text
    assert "phản ánh, kiến nghị" in page.text
    assert '<link rel="stylesheet" href="/static/css/site.css">' in page.text
    stylesheet = await client.get("/static/css/site.css")
    assert stylesheet.status_code == 200 and "text/css" in stylesheet.headers["content-type"]


async def test_english_from_accept_language_and_from_the_switch(client: AsyncTestClient) -> None:
    page = await client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in page.text and "Ask a question" in page.text

    switch = await client.get("/ngon-ngu/en", params={"next": "/gui-cau-hoi"}, follow_redirects=False)
    assert switch.status_code == 303 and switch.headers["location"] == "/gui-cau-hoi"
    page = await client.get("/gui-cau-hoi", headers={"accept-language": "vi"})
    assert '<html lang="en">' in page.text and "Building permits" in page.text

    await client.get("/ngon-ngu/vi")
    page = await client.get("/gui-cau-hoi")
    assert '<html lang="vi">' in page.text and "Cấp phép xây dựng" in page.text


async def test_language_switch_never_redirects_off_site(client: AsyncTestClient) -> None:
    for target in ("https://evil.example/", "//evil.example/x"):
        response = await client.get("/ngon-ngu/en", params={"next": target}, follow_redirects=False)
        assert response.headers["location"] == "/"


async def test_form_lists_categories_by_group_and_communes(client: AsyncTestClient) -> None:
    page = (await client.get("/gui-cau-hoi")).text
    assert '<optgroup label="Xây dựng, giao thông, nhà ở">' in page
    assert '<option value="giay-phep-xay-dung">Cấp phép xây dựng</option>' in page
    assert "Phường Hạc Thành" in page
    assert 'enctype="multipart/form-data"' in page


async def test_submitting_the_form_leads_to_the_private_status_page(
    client: AsyncTestClient, database: Database
) -> None:
    token = await form_token(client)
    response = await client.post(
        "/gui-cau-hoi",
        data={**as_form(), "_csrf_token": token},
        files=[("files", ("mặt bằng.png", png_bytes(), "image/png"))],
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/cau-hoi/\d{4}-\d{6}\?token=[\w-]{40,}&moi=1", location)

    page = await client.get(location)
    assert page.status_code == 200
    text = page.text
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket))
        attachment = await session.scalar(sa.select(Attachment))
    assert ticket.channel == "web" and ticket.publish_consent is True
    assert attachment.filename == "mặt bằng.png"
    assert "Cảm ơn bạn, câu hỏi đã được tiếp nhận." in text
    assert f"Câu hỏi {ticket.reference}" in text
    assert "Đã chuyển cơ quan có thẩm quyền" in text
    assert "Cấp phép xây dựng" in text
    assert "Sở Xây dựng" in text
    assert "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ" in text
    assert "mặt bằng.png" in text
    assert "Câu hỏi đã được tiếp nhận." in text  # the public timeline
    assert "hong.nguyen@example.com" not in text and "912345678" not in text
    assert page.headers["referrer-policy"] == "no-referrer"


async def test_errors_are_shown_beside_the_fields_and_input_is_kept(
    client: AsyncTestClient, database: Database
) -> None:
    token = await form_token(client)
    question = unicodedata.normalize("NFD", "Đường vào khu dân cư bị ngập khi mưa lớn")
    response = await client.post(
        "/gui-cau-hoi",
        data={**as_form(title="", email="sai@", phone="", question=question), "_csrf_token": token},
    )
    assert response.status_code == 422
    page = response.text
    assert '<p class="field-error" id="title-error">Vui lòng nhập tiêu đề.</p>' in page
    assert "Vui lòng nhập địa chỉ thư điện tử hợp lệ" in page
    assert 'aria-invalid="true"' in page
    assert "Đường vào khu dân cư bị ngập khi mưa lớn</textarea>" in page  # kept, and composed
    assert 'value="Nguyễn Thị Hồng"' in page
    assert 'value="hac-thanh"' in page
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0


PLAIN_VI = "bằng văn bản thường: không chấp nhận thẻ HTML và mã script (như <script>)."
PLAIN_EN = "as plain text: HTML tags and scripts (such as <script>) are not accepted."
MARKUP = "<script>alert(1)</script>"

# What each field of the form says when it is wrong: the field's own words, in both languages.
# (field typed, what was typed, where the summary's link leads, Vietnamese, English)
FIELD_MISTAKES = [
    ("category", "", "category", "Vui lòng chọn lĩnh vực.", "Choose a topic."),
    ("category", "khong-co", "category", "Vui lòng chọn lĩnh vực trong danh sách.", "Choose a topic from the list."),
    ("category", "x" * 49, "category", "Vui lòng chọn lĩnh vực trong danh sách.", "Choose a topic from the list."),
    ("title", "", "title", "Vui lòng nhập tiêu đề.", "Enter a title."),
    (
        "title",
        "x" * 201,
        "title",
        "Tiêu đề quá dài: tối đa 200 ký tự.",
        "The title is too long: at most 200 characters.",
    ),
    ("title", MARKUP, "title", f"Vui lòng viết tiêu đề {PLAIN_VI}", f"Write the title {PLAIN_EN}"),
    ("question", " ", "question", "Vui lòng nhập nội dung câu hỏi.", "Write your question."),
    (
        "question",
        "x" * 10_001,
        "question",
        "Nội dung câu hỏi quá dài: tối đa 10000 ký tự.",
        "Your question is too long: at most 10000 characters.",
    ),
    ("question", MARKUP, "question", f"Vui lòng viết nội dung câu hỏi {PLAIN_VI}", f"Write your question {PLAIN_EN}"),
    ("name", "", "name", "Vui lòng nhập họ và tên hoặc tên doanh nghiệp.", "Enter your full name or business name."),
    (
        "name",
        "x" * 121,
        "name",
        "Họ và tên quá dài: tối đa 120 ký tự.",
        "The name is too long: at most 120 characters.",
    ),
    ("name", MARKUP, "name", f"Vui lòng viết họ và tên {PLAIN_VI}", f"Write the name {PLAIN_EN}"),
    (
        "email",
        "hong@",
        "email",
        "Vui lòng nhập địa chỉ thư điện tử hợp lệ, ví dụ ten@example.com.",
        "Enter a valid email address, e.g. ten@example.com.",
    ),
    (
        "email",
        "a" * 250 + "@x.vn",
        "email",
        "Địa chỉ thư điện tử quá dài: tối đa 254 ký tự.",
        "The email address is too long: at most 254 characters.",
    ),
    *(
        (
            "phone",
            typed,
            "phone",
            "Vui lòng nhập số điện thoại di động hợp lệ, ví dụ 0912 345 678.",
            "Enter a valid Vietnamese mobile number, e.g. 0912 345 678.",
        )
        for typed in ("0237 385 2345", "0" * 21)  # a landline; too long
    ),
    (
        "area",
        "khong-co",
        "area",
        "Không có xã, phường nào tên “khong-co”: vui lòng chọn trong danh sách (có thể nhập cả tên cũ trước "
        "ngày 01/7/2025).",
        "No commune or ward is called “khong-co”: choose one from the list (former names before 1/7/2025 work too).",
    ),
    (
        "area",
        "x" * 161,
        "area",
        "Vui lòng chọn xã, phường trong danh sách.",
        "Choose a commune or ward from the list.",
    ),
    (
        "address",
        "x" * 301,
        "address",
        "Địa chỉ quá dài: tối đa 300 ký tự.",
        "The address is too long: at most 300 characters.",
    ),
    ("address", MARKUP, "address", f"Vui lòng viết địa chỉ {PLAIN_VI}", f"Write the address {PLAIN_EN}"),
]


@pytest.mark.parametrize(
    ("field", "typed", "anchor", "vietnamese", "english"),
    FIELD_MISTAKES,
    ids=[f"{mistake[0]}-{n}" for n, mistake in enumerate(FIELD_MISTAKES)],
)
async def test_each_field_says_what_to_do_with_it_beside_it_and_in_the_summary(
    client: AsyncTestClient, field: str, typed: str, anchor: str, vietnamese: str, english: str
) -> None:
    token = await form_token(client)
    for language, message in (("vi", vietnamese), ("en", english)):
        response = await client.post(
            "/gui-cau-hoi",
            data={**as_form(**{field: typed}), "_csrf_token": token},
            headers={"Accept-Language": language},
        )
        assert response.status_code == 422
        shown = str(escape(message))
        assert f'<p class="field-error" id="{field}-error">{shown}</p>' in response.text
        summary = response.text.split('id="error-summary"')[1].split("</div>")[0]
        assert re.findall(r'<li><a href="#([\w-]+)">([^<]*)</a></li>', summary) == [(anchor, shown)]


async def test_the_summary_names_every_missing_field_in_the_order_of_the_form(client: AsyncTestClient) -> None:
    token = await form_token(client)
    response = await client.post(
        "/gui-cau-hoi",
        data={**as_form(category="", title="", question="", name="", email="", phone=""), "_csrf_token": token},
    )
    assert response.status_code == 422
    summary = response.text.split('id="error-summary"')[1].split("</div>")[0]
    assert re.findall(r'<li><a href="#([\w-]+)">([^<]*)</a></li>', summary) == [
        ("category", "Vui lòng chọn lĩnh vực."),
        ("title", "Vui lòng nhập tiêu đề."),
        ("question", "Vui lòng nhập nội dung câu hỏi."),
        ("name", "Vui lòng nhập họ và tên hoặc tên doanh nghiệp."),
        ("email", "Vui lòng nhập thư điện tử hoặc số điện thoại di động để nhận câu trả lời."),
    ]
    assert "Vui lòng nhập thông tin này." not in response.text


async def test_too_many_files_are_named_and_lead_to_the_file_field(client: AsyncTestClient) -> None:
    token = await form_token(client)
    files = [("files", (f"ảnh-{n}.png", png_bytes(), "image/png")) for n in range(6)]
    response = await client.post("/gui-cau-hoi", data={**as_form(), "_csrf_token": token}, files=files)
    assert response.status_code == 422
    assert '<li><a href="#files">Chỉ được đính kèm tối đa 5 tệp.</a></li>' in response.text


async def test_missing_contact_is_explained(client: AsyncTestClient) -> None:
    token = await form_token(client)
    response = await client.post("/gui-cau-hoi", data={**as_form(email="", phone=""), "_csrf_token": token})
    assert response.status_code == 422
    assert "Vui lòng nhập thư điện tử hoặc số điện thoại di động để nhận câu trả lời." in response.text


async def test_form_without_csrf_token_is_refused_in_plain_words(client: AsyncTestClient, database: Database) -> None:
    response = await client.post("/gui-cau-hoi", data=as_form())
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.text
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0


async def test_wrong_token_shows_a_helpful_not_found_page(client: AsyncTestClient) -> None:
    response = await client.get("/cau-hoi/2026-000001", params={"token": "sai"})
    assert response.status_code == 404
    assert "Không tìm thấy câu hỏi" in response.text


async def test_unknown_page_is_a_vietnamese_404(client: AsyncTestClient) -> None:
    response = await client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Trang này không tồn tại." in response.text


@pytest.fixture
async def limited(settings: Settings, database: Database) -> AsyncIterator[AsyncTestClient]:
    """A client of a portal that accepts one question a minute from an address (and five attempts)."""
    settings.rate_limit = 1
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        yield client


async def tickets_stored(database: Database) -> int:
    async with database.transaction() as session:
        return await session.scalar(sa.select(sa.func.count()).select_from(Ticket))


def seconds_of(response: Response) -> int:
    wait = int(response.headers["retry-after"])
    assert 1 <= wait <= 60
    return wait


async def test_past_the_limit_the_form_comes_back_as_typed_with_when_to_send_it(
    limited: AsyncTestClient, database: Database
) -> None:
    token = await form_token(limited)
    mistake = await limited.post("/gui-cau-hoi", data={**as_form(title=""), "_csrf_token": token})
    assert mistake.status_code == 422  # refused, nothing stored: it does not count
    first = await limited.post("/gui-cau-hoi", data={**as_form(), "_csrf_token": token}, follow_redirects=False)
    assert first.status_code == 303

    typed = as_form(title="Cấp phép sửa chữa nhà", question="Sửa mái nhà có cần giấy phép không?", address="12 Lê Lợi")
    files = [("files", ("mái nhà.png", png_bytes(), "image/png"))]
    again = await limited.post("/gui-cau-hoi", data={**typed, "_csrf_token": token}, files=files)
    assert again.status_code == 429
    wait = seconds_of(again)
    page = again.text
    assert "Câu hỏi của bạn chưa được gửi" in page
    words = f"{wait} giây" if wait < 60 else "1 phút"
    assert f"Bạn có thể gửi câu hỏi của mình sau {words} nữa." in page
    assert "Tệp đính kèm không được giữ lại: vui lòng đính kèm lại." in page
    assert 'value="Cấp phép sửa chữa nhà"' in page and "Sửa mái nhà có cần giấy phép không?</textarea>" in page
    assert 'value="Nguyễn Thị Hồng"' in page and 'value="hong.nguyen@example.com"' in page
    assert 'value="0912 345 678"' in page and 'value="12 Lê Lợi"' in page
    assert '<option value="giay-phep-xay-dung" selected>' in page and 'list="area-names" value="hac-thanh"' in page
    assert 'id="publish" name="publish" type="checkbox" value="true" checked' in page
    assert 'name="_csrf_token"' in page  # it can be sent again as it is
    assert await tickets_stored(database) == 1

    english = await limited.post(
        "/gui-cau-hoi", data={**typed, "_csrf_token": token}, headers={"Accept-Language": "en"}
    )
    assert english.status_code == 429
    wait = seconds_of(english)
    words = f"{wait} second{'s' if wait > 1 else ''}" if wait < 60 else "1 minute"
    assert f"You can send yours in {words}." in english.text
    assert "Files are not kept: please attach them again." in english.text


async def test_mistakes_do_not_use_up_the_limit_but_a_flood_of_them_is_cut_off(
    limited: AsyncTestClient, database: Database
) -> None:
    token = await form_token(limited)
    for _ in range(4):
        mistake = await limited.post("/gui-cau-hoi", data={**as_form(phone="", email=""), "_csrf_token": token})
        assert mistake.status_code == 422
    sent = await limited.post("/gui-cau-hoi", data={**as_form(), "_csrf_token": token}, follow_redirects=False)
    assert sent.status_code == 303  # four mistakes before it from the same address did not count
    flood = await limited.post("/gui-cau-hoi", data={**as_form(), "_csrf_token": token})
    assert flood.status_code == 429  # the sixth attempt in a minute: refused before the body is read
    assert "Bạn đã gửi quá nhiều câu hỏi trong thời gian ngắn" in flood.text
    seconds_of(flood)
    assert await tickets_stored(database) == 1


async def test_the_api_counts_only_the_questions_it_accepts(limited: AsyncTestClient, database: Database) -> None:
    body = question_fields()
    refused = await limited.post("/api/v1/questions", json={**body, "email": "sai@"})
    assert refused.status_code == 422
    created = await limited.post("/api/v1/questions", json=body)
    assert created.status_code == 201
    again = await limited.post("/api/v1/questions", json=body)
    assert again.status_code == 429
    assert again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["status"] == 429
    seconds_of(again)
    assert await tickets_stored(database) == 1


STAFF_LOGIN_LINK = '<a href="/can-bo/dang-nhap">Đăng nhập cán bộ</a>'


async def test_public_pages_lead_staff_to_their_login_from_the_footer(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    submitted = await submit(database, tmp_path)
    tracking = f"/cau-hoi/{submitted.reference}?token={submitted.token}"
    for path in ("/", "/gui-cau-hoi", "/hoi-dap", "/thong-ke", tracking, "/khong-co-trang-nay"):
        page = await client.get(path)
        footer = page.text.split('<footer class="site-footer">')[1]
        assert STAFF_LOGIN_LINK in footer, path
    english = await client.get("/", headers={"Accept-Language": "en"})
    assert '<a href="/can-bo/dang-nhap">Staff login</a>' in english.text

    login = await client.get("/can-bo/dang-nhap")
    assert "<h1>Đăng nhập cán bộ</h1>" in login.text and STAFF_LOGIN_LINK not in login.text  # no link to itself
    await add_staff(database, "xd.cv", "officer", "SXD")
    await log_in(client, "xd.cv")
    inbox = await client.get("/can-bo/hop-thu")
    assert inbox.status_code == 200 and STAFF_LOGIN_LINK not in inbox.text
