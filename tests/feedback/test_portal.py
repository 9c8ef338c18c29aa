"""The citizen's pages through the HTTP stack: the form, its errors, the tracking page, the languages."""

import re
import unicodedata

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.models import Attachment, Ticket
from notify.db import Database
from tests.factories import png_bytes, question_fields

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
    assert '<p class="field-error" id="title-error">Vui lòng nhập thông tin này.</p>' in page
    assert "Vui lòng nhập địa chỉ thư điện tử hợp lệ" in page
    assert 'aria-invalid="true"' in page
    assert "Đường vào khu dân cư bị ngập khi mưa lớn</textarea>" in page  # kept, and composed
    assert 'value="Nguyễn Thị Hồng"' in page
    assert '<option value="hac-thanh" selected>' in page
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0


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


async def test_too_many_submissions_get_a_plain_page_with_retry_after(settings, database: Database) -> None:
    from feedback.app import create_app

    settings.rate_limit = 1
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        token = await form_token(client)
        first = await client.post("/gui-cau-hoi", data={**as_form(), "_csrf_token": token}, follow_redirects=False)
        assert first.status_code == 303
        second = await client.post("/gui-cau-hoi", data={**as_form(), "_csrf_token": token})
    assert second.status_code == 429
    assert "Bạn đã gửi quá nhiều câu hỏi trong thời gian ngắn" in second.text
    assert int(second.headers["retry-after"]) > 0
