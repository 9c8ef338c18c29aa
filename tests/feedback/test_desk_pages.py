"""The desk's pages through the HTTP stack: entering a question, its receipt, a reprint, an answer sent by post."""

import re
from datetime import timedelta
from html import unescape

import segno
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback import answering, handling
from feedback.models import Channel, Ticket, TicketEvent
from notify.db import Database, utcnow
from routing.calendar import VIETNAM
from tests.factories import add_staff, csrf_of, docx_bytes, log_in, pdf_bytes, question_fields
from tests.feedback.test_staff import act

ENTRY = "/can-bo/nhap-cau-hoi"
SHORT_LINK = re.compile(r'<a id="short-link" href="([^"]+)">')
QR_PATH = re.compile(r'<svg role="img"[^>]*>.*?<path[^>]* d="([^"]+)"', re.S)


def _now_typed() -> str:
    return utcnow().astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")


async def _enter(client: AsyncTestClient, files: list | None = None, **fields: str):
    page = await client.get(ENTRY)
    assert page.status_code == 200, page.text
    data = {
        "_csrf_token": csrf_of(page.text),
        "channel": "phone",
        "received_at": _now_typed(),
        "delay_note": "",
        **{k: str(v) for k, v in question_fields(email="", phone="").items() if k not in ("publish", "show_name")},
        **fields,
    }
    return await client.post(ENTRY, data=data, files=files or None, follow_redirects=False)


async def _ticket(database: Database, reference: str) -> Ticket:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Ticket).where(Ticket.reference == reference))


async def test_an_officer_enters_a_phone_call_and_gets_a_receipt_with_the_short_link_and_its_qr_code(
    client: AsyncTestClient, database: Database
) -> None:
    await add_staff(database, "xd.cv", "officer", "SXD")
    await log_in(client, "xd.cv")
    inbox = await client.get("/can-bo/hop-thu")
    assert f'href="{ENTRY}">Nhập câu hỏi</a>' in inbox.text and "Chờ gửi bưu điện" in inbox.text

    saved = await _enter(client)
    assert saved.status_code == 303, saved.text
    shown = await client.get(saved.headers["location"])
    assert shown.status_code == 200
    reference = re.search(r'id="receipt-reference">([0-9-]+)<', shown.text).group(1)
    assert "Phiếu tiếp nhận câu hỏi" in shown.text and "Sở Xây dựng" in shown.text and "điện thoại" in shown.text
    ticket = await _ticket(database, reference)
    assert ticket.channel is Channel.PHONE and ticket.citizen_email is None and ticket.citizen_phone is None
    assert f'id="receipt-deadline">{ticket.answer_due_at.astimezone(VIETNAM):%d/%m/%Y %H:%M}<' in shown.text
    link = unescape(SHORT_LINK.search(shown.text).group(1))
    assert link.startswith("http://portal.test/t/")
    # The QR code is the link: segno draws the same path for it.
    expected = segno.make_qr(link, error="m").svg_inline(scale=4)
    assert QR_PATH.search(shown.text).group(1) == re.search(r' d="([^"]+)"', expected).group(1)
    again = await client.get(saved.headers["location"])  # reloaded to print: the link is still there
    assert link in unescape(again.text)

    opened = await client.get(link.removeprefix("http://portal.test"), follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"].startswith(f"/cau-hoi/{reference}?token=")
    staff_page = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert "Tiếp nhận (điện thoại), do Xd Cv nhập vào hệ thống" in staff_page.text
    assert f'href="/can-bo/phieu-tiep-nhan/{reference}">In phiếu tiếp nhận</a>' in staff_page.text


async def test_a_refused_entry_says_what_is_wrong_beside_each_field_and_keeps_what_was_typed(
    client: AsyncTestClient, database: Database
) -> None:
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    await log_in(client, "dieuphoi")
    yesterday = (utcnow() - timedelta(days=1)).astimezone(VIETNAM).strftime("%Y-%m-%dT09:00")
    refused = await _enter(
        client,
        files=[("files", ("don.docx", docx_bytes())), ("files", ("thu.pdf", pdf_bytes()))],
        channel="letter",
        received_at=yesterday,
        title="Hỏi về  lệ phí",
    )
    assert refused.status_code == 422
    page = unescape(refused.text)
    assert "Vui lòng sửa các lỗi sau" in page
    for message in (
        "Hãy nêu lý do câu hỏi tiếp nhận từ ngày trước đến nay mới được nhập.",
        "Hãy nhập số di động, địa chỉ email hoặc địa chỉ bưu chính: chỉ câu hỏi tiếp nhận qua điện thoại mới được để trống.",
        "Tệp don.docx không phải là tệp PDF, JPEG hoặc PNG.",
    ):
        assert page.count(message) == 2, message  # in the summary and beside its field
    assert 'value="Hỏi về  lệ phí"' in page and f'value="{yesterday}"' in page
    assert 'id="channel-letter" name="channel" type="radio" value="letter" checked' in page
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0

    future = await _enter(
        client, received_at=(utcnow() + timedelta(hours=3)).astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")
    )
    assert future.status_code == 422 and "Thời điểm tiếp nhận không thể muộn hơn hiện tại." in future.text


async def test_only_desk_roles_enter_questions(client: AsyncTestClient, database: Database) -> None:
    await add_staff(database, "lanhdao", "leader")
    await log_in(client, "lanhdao")
    assert (await client.get(ENTRY)).status_code == 403
    assert "Nhập câu hỏi" not in (await client.get("/can-bo/bang-dieu-khien")).text


async def test_a_reprinted_receipt_gets_a_new_code_and_the_old_link_stops_working(
    client: AsyncTestClient, database: Database
) -> None:
    await add_staff(database, "xd.cv", "officer", "SXD")
    await add_staff(database, "xd.tp", "head", "SXD")
    await log_in(client, "xd.cv")
    saved = await _enter(client)
    first = await client.get(saved.headers["location"])
    old_link = unescape(SHORT_LINK.search(first.text).group(1)).removeprefix("http://portal.test")
    reference = re.search(r'id="receipt-reference">([0-9-]+)<', first.text).group(1)

    await log_in(client, "xd.tp")  # a colleague, later: the code is not known any more
    plain = await client.get(f"/can-bo/phieu-tiep-nhan/{reference}")
    assert plain.status_code == 200 and SHORT_LINK.search(plain.text) is None
    assert "Bản in này không có đường dẫn tra cứu" in plain.text
    reissued = await client.post(
        f"/can-bo/phieu-tiep-nhan/{reference}/ma-moi", data={"_csrf_token": csrf_of(plain.text)}, follow_redirects=False
    )
    assert reissued.status_code == 303
    second = await client.get(reissued.headers["location"])
    new_link = unescape(SHORT_LINK.search(second.text).group(1)).removeprefix("http://portal.test")
    assert new_link != old_link and "<svg" in second.text
    assert (await client.get(new_link, follow_redirects=False)).status_code == 303
    assert (await client.get(old_link, follow_redirects=False)).status_code == 404
    history = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert "In lại phiếu tiếp nhận với mã tra cứu mới" in history.text and "Xd Tp" in history.text

    await add_staff(database, "yt.cv", "officer", "SYT")
    await log_in(client, "yt.cv")  # another department's officer sees neither the question nor its receipt
    assert (await client.get(f"/can-bo/phieu-tiep-nhan/{reference}")).status_code == 404


async def test_an_answer_is_recorded_as_sent_by_post_from_the_question_page(
    client: AsyncTestClient, database: Database
) -> None:
    officer = await add_staff(database, "xd.cv", "officer", "SXD")
    await log_in(client, "xd.cv")
    saved = await _enter(client, channel="letter", address="12 Lê Lợi, phường Hạc Thành")
    reference = re.search(r"/phieu-tiep-nhan/([0-9-]+)", saved.headers["location"]).group(1)
    ticket = await _ticket(database, reference)
    now = utcnow()
    async with database.transaction() as session:
        await handling.accept(session, ticket.id, actor_id=officer, now=now)
        await answering.submit_answer(session, ticket.id, text="Hồ sơ gồm đơn đề nghị.", actor_id=officer, now=now)
        await answering.approve_answer(session, ticket.id, actor_id=None, now=now)
    waiting = await client.get("/can-bo/cho-gui-buu-dien")
    assert reference in waiting.text and "12 Lê Lợi, phường Hạc Thành" in waiting.text

    page = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert "Đã gửi trả lời qua bưu điện" in page.text
    today = now.astimezone(VIETNAM).date()
    tomorrow = await act(client, reference, "record_posted", posted_on=str(today + timedelta(days=1)))
    assert tomorrow.status_code == 422 and "Ngày gửi không thể muộn hơn hôm nay." in tomorrow.text
    assert f'value="{today + timedelta(days=1)}"' in tomorrow.text  # what was typed, kept

    done = await act(client, reference, "record_posted", posted_on=str(today))
    assert done.status_code == 200
    assert f"Đã ghi nhận câu trả lời của câu hỏi {reference} được gửi qua bưu điện." in done.text
    assert f"Đã gửi câu trả lời cho công dân qua bưu điện ngày {today:%d/%m/%Y}" in done.text
    assert "Ghi nhận đã gửi qua bưu điện" not in done.text  # recorded once
    assert reference not in (await client.get("/can-bo/cho-gui-buu-dien")).text
    async with database.transaction() as session:
        kinds = (await session.scalars(sa.select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id))).all()
    assert "ticket:posted" in kinds
