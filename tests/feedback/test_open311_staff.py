"""Open311 as staff meet it: the admins' page of connected apps and their keys, and an app's question."""

import re
from html import unescape

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.open311.keys import client_for_key
from feedback.open311.models import ClientApp
from notify.db import Database
from tests.factories import add_staff, csrf_of, log_in

PAGE = "/can-bo/ung-dung-ket-noi"
NEW_KEY = re.compile(r'id="new-key" type="text" value="([^"]+)"')


@pytest.fixture
async def people(database: Database) -> None:
    await add_staff(database, "quantri", "admin")
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")


async def holder(database: Database, key: str) -> str | None:
    async with database.transaction() as session:
        client = await client_for_key(session, key)
        return client.name if client else None


async def file_with(client: AsyncTestClient, key: str) -> int:
    """The status of an Open311 request filed with ``key``."""
    response = await client.post(
        "/open311/v2/requests.json",
        data={"api_key": key, "service_code": "giay-phep-xay-dung", "description": "Xin hỏi thủ tục cấp phép."},
    )
    return response.status_code


async def test_an_admin_registers_an_app_sees_its_key_once_and_revokes_it(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    page = await log_in(client, "quantri")
    assert f'href="{PAGE}">Ứng dụng kết nối</a>' in page.text  # in the staff menu
    page = await client.get(PAGE)
    assert page.status_code == 200 and "<h1>Ứng dụng kết nối (Open311)</h1>" in page.text
    assert "http://portal.test/open311/v2" in page.text and "Chưa có ứng dụng nào được đăng ký." in page.text

    fields = {"name": "  Thanh Hóa Smart City ", "contact": "smartcity@thanhhoa.example.vn"}
    created = await client.post(PAGE, data={**fields, "_csrf_token": csrf_of(page.text)})
    assert created.status_code == 200 and created.headers["cache-control"] == "no-store"
    key = NEW_KEY.search(created.text).group(1)
    assert "Thanh Hóa Smart City đã được đăng ký" in unescape(created.text)
    assert "chỉ hiển thị một lần này" in created.text
    assert await holder(database, key) == "Thanh Hóa Smart City"
    assert await file_with(client, key) == 201

    listed = await client.get(PAGE)
    assert key not in listed.text and "new-key" not in listed.text  # shown once only
    assert f"khóa bắt đầu bằng {key[:6]}…" in listed.text and "smartcity@thanhhoa.example.vn" in listed.text
    assert "Đang hoạt động" in listed.text
    async with database.transaction() as session:
        app_id = await session.scalar(sa.select(ClientApp.id).where(ClientApp.name == "Thanh Hóa Smart City"))
    revoke = f"{PAGE}/{app_id}/thu-hoi"
    assert f'action="{revoke}"' in listed.text
    assert "Thu hồi khóa của Thanh Hóa Smart City" in listed.text and "không thể hoàn tác" in listed.text

    revoked = await client.post(revoke, data={"_csrf_token": csrf_of(listed.text)})
    assert revoked.status_code == 200 and revoked.url.path == PAGE
    assert "Đã thu hồi khóa của Thanh Hóa Smart City" in unescape(revoked.text)
    assert "Đã thu hồi lúc" in revoked.text and f'action="{revoke}"' not in revoked.text
    assert await holder(database, key) is None
    assert await file_with(client, key) == 403  # at once
    for unknown in ("999999", str(2**40)):  # none such, and beyond what an id can be
        missing = await client.post(f"{PAGE}/{unknown}/thu-hoi", data={"_csrf_token": csrf_of(listed.text)})
        assert missing.status_code == 404


async def test_a_bad_name_is_said_beside_its_field_and_registers_nothing(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    token = csrf_of((await client.get(PAGE)).text)
    for fields, message in [
        ({"name": " ", "contact": "a@b.vn"}, "Hãy nhập tên ứng dụng."),
        ({"name": "x" * 121}, "Nội dung quá dài: tối đa 120 ký tự."),
        ({"name": "<script>alert(1)</script>"}, "Chỉ viết văn bản thường"),
        ({"name": "App", "contact": "a\x00b"}, "ký tự điều khiển"),
    ]:
        refused = await client.post(PAGE, data={**fields, "_csrf_token": token})
        assert refused.status_code == 422 and message in unescape(refused.text), fields
        assert 'aria-invalid="true"' in refused.text and "new-key" not in refused.text
    assert (
        'value="a@b.vn"' in (await client.post(PAGE, data={"name": "", "contact": "a@b.vn", "_csrf_token": token})).text
    )
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(ClientApp)) == 0
    assert (await client.post(PAGE, data={"name": "Không có CSRF"})).status_code == 403


async def test_only_admins_see_and_use_the_page(client: AsyncTestClient, database: Database, people: None) -> None:
    async with database.transaction() as session:
        from feedback.open311.keys import add_client

        app, key = await add_client(session, "Ứng dụng A")
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 303  # to the login page
    inbox = await log_in(client, "dieuphoi")
    assert PAGE not in inbox.text
    assert (await client.get(PAGE)).status_code == 403
    refused = await client.post(f"{PAGE}/{app.id}/thu-hoi", data={"_csrf_token": csrf_of(inbox.text)})
    assert refused.status_code == 403
    assert await holder(database, key) == "Ứng dụng A"


MEDIA = 'https://anh.example.vn/thua-125.jpg?size=1&note="><script>alert(1)</script>'


async def test_an_officer_sees_what_the_app_sent_with_the_question(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    from feedback.open311.keys import add_client, revoke_client
    from feedback.open311.requests import file_request
    from notify.db import utcnow
    from routing.admin import add_attribute
    from tests.factories import submit

    await add_staff(database, "nnmt.cv", "officer", "SNNMT")
    async with database.transaction() as session:
        await add_attribute(session, "dat-dai", code="so-thua", description="Số thửa đất",
                            description_en="Land parcel number", datatype="string", required=True)  # fmt: skip
        await add_attribute(session, "dat-dai", code="loai-dat", description="Loại đất", description_en="Type of land",
                            datatype="multivaluelist", values=["ODT=Đất ở tại đô thị=Urban residential land",
                                                               "CLN=Đất trồng cây lâu năm"])  # fmt: skip
        app, _ = await add_client(session, "Ứng dụng Công dân số")
        params = {"service_code": "dat-dai", "description": "Xin hỏi thủ tục tách thửa đất ở phường Hạc Thành.",
                  "lat": "19.8", "long": "105.77", "media_url": MEDIA, "device_id": "android-7f3a",
                  "account_id": "cd-000123"}  # fmt: skip
        answers = {"so-thua": "125", "loai-dat": ["ODT", "CLN"]}
        filed = await file_request(session, params, answers, client_id=app.id, upload_dir=tmp_path, now=utcnow())
    by_web = await submit(
        database, tmp_path, category="dat-dai", title="Tách thửa", question="Xin hỏi thủ tục tách thửa."
    )

    await log_in(client, "nnmt.cv")
    page = await client.get(f"/can-bo/cau-hoi/{filed.reference}")
    assert page.status_code == 200
    text = unescape(page.text)
    assert "Open311</span></dd>" in text and "Gửi qua ứng dụng: Ứng dụng Công dân số" in text  # the channel
    assert "<dt>Số thửa đất</dt><dd>125</dd>" in text
    assert "<dt>Loại đất</dt><dd>Đất ở tại đô thị, Đất trồng cây lâu năm</dd>" in text
    assert "<dt>Vị trí trên bản đồ</dt><dd>19.8, 105.77" in text
    assert "<dt>Mã thiết bị</dt><dd>android-7f3a</dd>" in text and "<dd>cd-000123</dd>" in text
    assert "<dt>Họ tên</dt><dd>—</dd>" in text  # the app gave no name: said so, not left blank
    escaped = MEDIA.replace("&", "&amp;").replace('"', "&#34;").replace("<", "&lt;").replace(">", "&gt;")
    assert f'<a href="{escaped}" rel="noopener noreferrer nofollow">{escaped}</a>' in page.text
    assert "<script>alert(1)</script>" not in page.text

    english = await client.get(f"/can-bo/cau-hoi/{filed.reference}", headers={"Accept-Language": "en"})
    text = unescape(english.text)
    assert "Sent through the app: Ứng dụng Công dân số" in text
    assert "<dt>Land parcel number</dt><dd>125</dd>" in text
    assert "<dt>Type of land</dt><dd>Urban residential land, Đất trồng cây lâu năm</dd>" in text

    async with database.transaction() as session:
        await revoke_client(session, app.id)
    revoked = unescape((await client.get(f"/can-bo/cau-hoi/{filed.reference}")).text)
    assert "Gửi qua ứng dụng: Ứng dụng Công dân số (khóa của ứng dụng đã bị thu hồi sau đó)" in revoked

    web = unescape((await client.get(f"/can-bo/cau-hoi/{by_web.reference}")).text)
    assert "biểu mẫu trên cổng</span></dd>" in web and "Gửi qua ứng dụng" not in web and "câu hỏi bổ sung" not in web
