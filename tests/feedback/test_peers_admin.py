"""The admins' page of peer portals: register one, read its services from a real peer on loopback, remove one.

The peer is another Cầu Nối started as a newcomer starts one (the ``server`` fixture): the page
reads its ``services.json`` over HTTP as it would read any portal's.
"""

from html import unescape

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.federation.models import Peer
from feedback.open311.keys import add_client, revoke_client
from notify.db import Database
from tests.conftest import free_port
from tests.factories import add_staff, csrf_of, log_in
from tests.feedback.test_open311_clients import Server, server  # noqa: F401  (server is a fixture)

PAGE = "/can-bo/cong-lien-thong"
KEY = "khoa-cua-chung-toi"
SECRET = "một-bí-mật-chung-đủ-dài"


@pytest.fixture
async def people(database: Database) -> None:
    await add_staff(database, "quantri", "admin")
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")


async def peers(database: Database) -> list[Peer]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(Peer).order_by(Peer.id)))


def fields(name: str, url: str, **more: str) -> dict[str, str]:
    return {"name": name, "url": url, "key": KEY, "secret": SECRET, **more}


async def register(client: AsyncTestClient, name: str, url: str, **more: str) -> str:
    """The page after registering a peer, as the admin sees it."""
    token = csrf_of((await client.get(PAGE)).text)
    added = await client.post(PAGE, data={**fields(name, url, **more), "_csrf_token": token})
    assert added.status_code == 200 and added.url.path == PAGE, added.text
    return unescape(added.text)


def row(page: str, name: str) -> str:
    """The list item of the peer ``name``."""
    start = page.index(f'<span class="ticket-title">{name}</span>')
    return page[start : page.index("</li>", start)]


async def test_an_admin_registers_a_peer_and_sees_it_listed_without_its_key(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    async with database.transaction() as session:
        app, _ = await add_client(session, "Cổng TTĐT Bộ Tài chính (gửi đến)")
        old, _ = await add_client(session, "Ứng dụng cũ")
        await revoke_client(session, old.id)
    home = await log_in(client, "quantri")
    assert f'href="{PAGE}">Cổng liên thông</a>' in home.text  # in the staff menu
    page = unescape((await client.get(PAGE)).text)
    assert "<h1>Cổng liên thông</h1>" in page and "Chưa có cổng liên thông nào được đăng ký." in page
    assert "Gửi kèm thông tin liên hệ của công dân" in page
    assert "Ứng dụng Open311 mà cổng này dùng để gửi câu hỏi cho ta" in page
    assert f'<option value="{app.id}">Cổng TTĐT Bộ Tài chính (gửi đến)</option>' in page
    assert "Ứng dụng cũ" not in page  # a revoked app cannot be chosen

    listed = await register(
        client,
        "  Cổng TTĐT Bộ Tài chính ",
        "https://hoidap.mof.gov.vn/open311/v2/",
        send_contact="true",
        client_id=str(app.id),
    )
    assert "Đã đăng ký Cổng TTĐT Bộ Tài chính." in listed
    assert KEY not in listed and SECRET not in listed
    peer = row(listed, "Cổng TTĐT Bộ Tài chính")
    assert "https://hoidap.mof.gov.vn/open311/v2 ·" in peer and "khóa bắt đầu bằng khoa…" in peer
    assert "· gửi kèm thông tin liên hệ của công dân" in peer
    assert "gửi câu hỏi cho ta qua ứng dụng Cổng TTĐT Bộ Tài chính (gửi đến)" in peer
    assert "0 lĩnh vực · chưa đọc được lần nào" in peer and "không thành công" not in peer
    [stored] = await peers(database)
    assert (stored.name, stored.base_url, stored.api_key, stored.secret) == (
        "Cổng TTĐT Bộ Tài chính",
        "https://hoidap.mof.gov.vn/open311/v2",
        KEY,
        SECRET,
    )
    assert stored.send_contact is True and stored.client_id == app.id

    second = row(await register(client, "Bộ Nội vụ", "https://hoidap.moha.gov.vn/open311/v2"), "Bộ Nội vụ")
    assert "· không gửi kèm thông tin liên hệ của công dân" in second and "qua ứng dụng" not in second
    assert [(p.send_contact, p.client_id) for p in await peers(database)][1] == (False, None)


async def test_bad_input_is_said_beside_its_field_and_registers_nothing(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    async with database.transaction() as session:
        revoked, _ = await add_client(session, "Ứng dụng đã thu hồi")
        await revoke_client(session, revoked.id)
    await log_in(client, "quantri")
    await register(client, "Bộ Nội vụ", "https://hoidap.moha.gov.vn/open311/v2")
    token = csrf_of((await client.get(PAGE)).text)
    url = "https://a.gov.vn/open311/v2"
    for sent, field, message in [
        (fields(" ", url), "name", "Hãy nhập tên cổng."),
        (fields("x" * 121, url), "name", "Tên quá dài: tối đa 120 ký tự."),
        (fields("<b>A</b>", url), "name", "Tên chỉ được chứa văn bản thường"),
        (fields("A", "ftp://a.gov.vn/open311"), "url", "Địa chỉ không hợp lệ"),
        (fields("A", "hoidap.mof.gov.vn"), "url", "Địa chỉ không hợp lệ"),
        (fields("A", f"{url}?x=1"), "url", "Địa chỉ không hợp lệ"),
        ({**fields("A", url), "key": ""}, "key", "Hãy nhập khóa API của ta tại cổng này."),
        ({**fields("A", url), "secret": "ngắn"}, "secret", "Chuỗi bí mật quá ngắn: cần ít nhất 16 ký tự."),
        (fields(" Bộ Nội vụ", url), "name", "Đã có cổng liên thông tên “Bộ Nội vụ”"),
        (fields("A", url, client_id=str(revoked.id)), "client_id", "Không có ứng dụng này"),
        (fields("A", url, client_id="999999"), "client_id", "Không có ứng dụng này"),
    ]:
        refused = await client.post(PAGE, data={**sent, "_csrf_token": token})
        text = unescape(refused.text)
        assert refused.status_code == 422, (sent, refused.status_code)
        assert f'<p class="field-error" id="{field}-error">{message}' in text, (sent, field)
        assert f'id="{field}" name="{field}"' in text and 'aria-invalid="true"' in text
        assert SECRET not in text and KEY not in text  # to be typed again, never echoed
    kept = unescape((await client.post(PAGE, data={**fields("", url, send_contact="true"), "_csrf_token": token})).text)
    assert f'value="{url}"' in kept and 'value="true" checked' in kept  # what was typed, kept
    assert [p.name for p in await peers(database)] == ["Bộ Nội vụ"]
    assert (await client.post(PAGE, data=fields("Không có CSRF", url))).status_code == 403
    assert (
        await client.post(PAGE, data={**fields("A", url, client_id="abc"), "_csrf_token": token})
    ).status_code == 400
    assert [p.name for p in await peers(database)] == ["Bộ Nội vụ"]


async def test_only_admins_see_and_use_the_page(client: AsyncTestClient, database: Database, people: None) -> None:
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 303  # to the login page
    await log_in(client, "quantri")
    await register(client, "Bộ Nội vụ", "https://hoidap.moha.gov.vn/open311/v2")
    await client.post("/can-bo/dang-xuat", data={"_csrf_token": csrf_of((await client.get(PAGE)).text)})

    inbox = await log_in(client, "dieuphoi")
    assert inbox.status_code == 200 and PAGE not in inbox.text
    assert (await client.get(PAGE)).status_code == 403
    token = csrf_of(inbox.text)
    for path, data in [
        (PAGE, fields("Của điều phối viên", "https://a.gov.vn/open311/v2")),
        (f"{PAGE}/doc-lai", {"name": "Bộ Nội vụ"}),
        (f"{PAGE}/go-bo", {"name": "Bộ Nội vụ"}),
    ]:
        assert (await client.post(path, data={**data, "_csrf_token": token})).status_code == 403, path
    [peer] = await peers(database)
    assert peer.name == "Bộ Nội vụ" and peer.removed_at is None and peer.services_tried_at is None


async def test_the_services_are_read_again_from_a_real_peer_and_a_dead_one_says_why(
    client: AsyncTestClient,
    database: Database,
    people: None,
    server: Server,  # noqa: F811
) -> None:
    await log_in(client, "quantri")
    await register(client, "Cổng TTĐT tỉnh Nghệ An", server.root)
    dead = f"http://127.0.0.1:{free_port()}/open311/v2"
    listed = await register(client, "Bộ Tài chính", dead)
    assert '<input type="hidden" name="name" value="Cổng TTĐT tỉnh Nghệ An">' in listed
    assert 'Đọc lại danh mục<span class="visually-hidden"> Cổng TTĐT tỉnh Nghệ An</span>' in listed

    token = csrf_of(listed)
    read = await client.post(f"{PAGE}/doc-lai", data={"name": "Cổng TTĐT tỉnh Nghệ An", "_csrf_token": token})
    assert read.status_code == 200 and read.url.path == PAGE
    [nghe_an, _] = sorted(await peers(database), key=lambda p: p.name != "Cổng TTĐT tỉnh Nghệ An")
    count = len(nghe_an.services)
    assert "dat-dai" in {s["code"] for s in nghe_an.services} and nghe_an.services_error is None
    text = unescape(read.text)
    assert f'role="status"><p>Đã đọc lại danh mục của Cổng TTĐT tỉnh Nghệ An: {count} lĩnh vực.' in text
    assert f"{count} lĩnh vực · đọc lúc " in row(text, "Cổng TTĐT tỉnh Nghệ An")

    failed = await client.post(f"{PAGE}/doc-lai", data={"name": "Bộ Tài chính", "_csrf_token": token})
    assert failed.status_code == 200 and failed.url.path == PAGE
    text = unescape(failed.text)
    assert (
        '<div class="notice notice-error" role="status"><p>Không đọc được danh mục của Bộ Tài chính: '
        "the peer could not be reached (ConnectError). Danh mục đọc được lần trước vẫn được giữ."
    ) in text
    dead_row = row(text, "Bộ Tài chính")
    assert "0 lĩnh vực · chưa đọc được lần nào" in dead_row
    assert 'Lần đọc danh mục gần nhất không thành công: <span lang="en">the peer could not be reached' in dead_row
    assert "không thành công" not in row(text, "Cổng TTĐT tỉnh Nghệ An")
    stored = {p.name: p for p in await peers(database)}["Bộ Tài chính"]
    assert stored.services_error == "the peer could not be reached (ConnectError)"
    assert stored.services_tried_at is not None and stored.services_fetched_at is None

    missing = await client.post(f"{PAGE}/doc-lai", data={"name": "Không có", "_csrf_token": token})
    assert missing.status_code == 404


async def test_an_admin_removes_a_peer_after_reading_what_that_means(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    listed = await register(client, "Bộ Nội vụ", "https://hoidap.moha.gov.vn/open311/v2")
    peer = row(listed, "Bộ Nội vụ")
    assert '<summary>Gỡ bỏ cổng<span class="visually-hidden"> Bộ Nội vụ</span></summary>' in peer
    assert "sẽ không chuyển thêm câu hỏi nào cho Bộ Nội vụ" in peer and "Không thể đăng ký lại" in peer
    assert f'action="{PAGE}/go-bo"' in peer and "Gỡ bỏ Bộ Nội vụ</button>" in peer

    token = csrf_of(listed)
    removed = await client.post(f"{PAGE}/go-bo", data={"name": "Bộ Nội vụ", "_csrf_token": token})
    assert removed.status_code == 200 and removed.url.path == PAGE
    text = unescape(removed.text)
    assert "Đã gỡ bỏ Bộ Nội vụ: sẽ không chuyển thêm câu hỏi nào cho cổng này." in text
    assert '<span class="ticket-title">Bộ Nội vụ</span>' not in text
    assert "Chưa có cổng liên thông nào được đăng ký." in text
    [stored] = await peers(database)
    assert stored.removed_at is not None  # kept, so that what was forwarded to it still names it

    again = await client.post(f"{PAGE}/go-bo", data={"name": "Bộ Nội vụ", "_csrf_token": token})
    assert again.status_code == 404
    taken = await client.post(
        PAGE, data={**fields("Bộ Nội vụ", "https://hoidap.moha.gov.vn/open311/v2"), "_csrf_token": token}
    )
    assert taken.status_code == 422 and "Đã có cổng liên thông tên “Bộ Nội vụ”" in unescape(taken.text)
