"""Questions and replies by SMS through ``POST /webhooks/twilio/sms``, signed as Twilio signs them.

On SQLite and PostgreSQL. Requests are signed with the real twilio client's ``RequestValidator``;
the receipt goes through the outbox and the real twilio client to a local server that speaks
Twilio's Messages API (:mod:`tests.notify.twilio_server`).
"""

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient
from twilio.request_validator import RequestValidator

from feedback import handling
from feedback.app import create_app
from feedback.lifecycle import EventKind
from feedback.models import Ticket, TicketEvent
from feedback.outbox import expand_pending
from feedback.schemas import QUESTION_MAX
from feedback.settings import Settings
from feedback.texting.keywords import Keyword, keyword_of
from notify import opt_out
from notify.db import Database, utcnow
from notify.delivery import deliver_due
from notify.models import Delivery, DeliveryStatus, SmsOptOut
from notify.settings import NotifySettings
from notify.sms import segments
from tests.factories import submit
from tests.notify.twilio_server import fake_twilio

ACCOUNT, TOKEN = "AC" + "7" * 32, "twilio-token-for-tests"
BASE = "https://hoidap.thanhhoa.example.gov.vn"
URL = f"{BASE}/webhooks/twilio/sms"
SENDER = "+84987654321"


def app_settings(database: Database, tmp_path: Path, **overrides: object) -> Settings:
    fields: dict[str, object] = {
        "database_url": database.url,
        "data_dir": tmp_path,
        "base_url": BASE,
        "rate_limit": 1000,
        "notify": {"redis_url": None, "twilio_auth_token": TOKEN},
    }
    return Settings(**(fields | overrides))


@pytest.fixture
async def web(database: Database, tmp_path: Path) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(app=create_app(app_settings(database, tmp_path)), base_url=BASE) as client:
        yield client


async def text(web: AsyncTestClient, body: str | None, sender: str | None = SENDER, **more: str) -> ElementTree.Element:
    """Send ``body`` from ``sender`` as Twilio would; the TwiML answer, parsed."""
    fields = {
        "MessageSid": "SM" + uuid.uuid4().hex,
        "AccountSid": ACCOUNT,
        "To": "+15005550006",
        "NumMedia": "0",
        **more,
    }
    fields |= {name: value for name, value in (("From", sender), ("Body", body)) if value is not None}
    signature = RequestValidator(TOKEN).compute_signature(URL, fields)
    response = await web.post("/webhooks/twilio/sms", data=fields, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/xml")
    return ElementTree.fromstring(response.content)


async def tickets(database: Database) -> list[Ticket]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(Ticket).order_by(Ticket.id)))


async def send_notifications(database: Database, tmp_path: Path) -> list[dict[str, str]]:
    """Expand and deliver what the outbox holds, through the real twilio client; the SMS Twilio took."""
    async with database.transaction() as session:
        await expand_pending(session, now=utcnow(), base_url=BASE)
    with fake_twilio(ACCOUNT, {(ACCOUNT, TOKEN)}) as twilio:
        settings = NotifySettings(
            twilio_account_sid=ACCOUNT, twilio_auth_token=TOKEN, twilio_from="+15005550006", twilio_api_url=twilio.url
        )
        while await deliver_due(database, settings, outbox=tmp_path / "outbox", status_callback=None):
            pass
    return twilio.messages


async def test_a_text_becomes_a_question_in_triage_and_the_receipt_fits_one_sms(
    database: Database, web: AsyncTestClient, tmp_path: Path
) -> None:
    question = "Xin hỏi thủ tục cấp lại giấy khai sinh bị mất cho con tôi cần những giấy tờ gì và nộp ở đâu ạ?"
    answer = await text(web, question, sender="0987 654 321")
    assert answer.tag == "Response" and list(answer) == []  # the receipt comes by the outbox, not in the reply
    [ticket] = await tickets(database)
    assert (ticket.channel, ticket.status, ticket.citizen_phone) == ("sms", "triage", SENDER)
    assert ticket.body == question and ticket.citizen_email is None and ticket.citizen_name == ""
    assert ticket.title.startswith("Xin hỏi thủ tục cấp lại giấy khai sinh") and ticket.title.endswith("…")
    assert len(ticket.title) <= 80 and question.startswith(ticket.title.removesuffix("…"))
    [sms] = await send_notifications(database, tmp_path)
    assert sms["To"] == SENDER
    assert ticket.reference in sms["Body"] and f"{BASE}/t/" in sms["Body"]
    assert "cau hoi cua Quy vi da duoc tiep nhan" in sms["Body"]  # plain letters: GSM 7-bit
    assert segments(sms["Body"]) == 1
    link = sms["Body"].split()[-1].removeprefix(BASE)
    assert (await web.get(link, follow_redirects=False)).status_code == 303  # the short link opens the question


async def test_a_text_from_a_number_asked_for_information_is_its_reply_to_the_latest_request(
    database: Database, web: AsyncTestClient, tmp_path: Path
) -> None:
    first = await submit(database, tmp_path, phone="0987654321", email=None)
    second = await submit(database, tmp_path, phone="0987654321", email=None)
    asked = utcnow() - timedelta(hours=2)
    for submitted, minutes in ((first, 0), (second, 30)):
        async with database.transaction() as session:
            await handling.accept(session, submitted.ticket_id, actor_id=None, now=asked)
            await handling.request_information(
                session,
                submitted.ticket_id,
                message="Xin gửi số thửa đất.",
                actor_id=None,
                now=asked + timedelta(minutes=minutes),
            )
    assert list(await text(web, "Thửa đất số 123, tờ bản đồ 45.")) == []
    by_id = {t.id: t for t in await tickets(database)}
    assert len(by_id) == 2  # no new question
    assert by_id[second.ticket_id].status == "in_progress" and by_id[second.ticket_id].paused_at is None
    assert by_id[first.ticket_id].status == "awaiting_citizen"
    async with database.transaction() as session:
        event = await session.scalar(
            sa.select(TicketEvent).where(
                TicketEvent.ticket_id == second.ticket_id, TicketEvent.kind == EventKind.CITIZEN_REPLIED
            )
        )
    assert event.data["text"] == "Thửa đất số 123, tờ bản đồ 45."
    # The next text goes to the one still waiting.
    await text(web, "Tờ bản đồ số 45.")
    assert {t.status for t in await tickets(database)} == {"in_progress"}


async def test_unsigned_or_forged_texts_are_refused(database: Database, tmp_path: Path) -> None:
    fields = {"From": SENDER, "Body": "Xin hỏi", "MessageSid": "SM" + "2" * 32}
    signature = RequestValidator(TOKEN).compute_signature(URL, fields)
    async with AsyncTestClient(app=create_app(app_settings(database, tmp_path)), base_url=BASE) as web:
        assert (await web.post("/webhooks/twilio/sms", data=fields)).status_code == 403
        forged = {**fields, "Body": "Một câu khác"}
        assert (
            await web.post("/webhooks/twilio/sms", data=forged, headers={"X-Twilio-Signature": signature})
        ).status_code == 403
        wrong_key = RequestValidator("another-token").compute_signature(URL, fields)
        assert (
            await web.post("/webhooks/twilio/sms", data=fields, headers={"X-Twilio-Signature": wrong_key})
        ).status_code == 403
    unconfigured = app_settings(database, tmp_path, notify={"redis_url": None})
    async with AsyncTestClient(app=create_app(unconfigured), base_url=BASE) as web:
        response = await web.post("/webhooks/twilio/sms", data=fields, headers={"X-Twilio-Signature": signature})
        assert response.status_code == 403
    assert await tickets(database) == []


async def test_stop_start_and_help_are_honoured_and_are_no_questions(
    database: Database, web: AsyncTestClient, tmp_path: Path
) -> None:
    help_answer = await text(web, " help ")
    [message] = help_answer.findall("Message")
    assert message.text.startswith("Cổng thông tin điện tử tỉnh Thanh Hóa: nhắn câu hỏi đến số này")
    assert "Soạn STOP để ngừng nhận tin nhắn" in message.text
    assert list(await text(web, "Stop.")) == []
    async with database.transaction() as session:
        assert [row.phone for row in await session.scalars(sa.select(SmsOptOut))] == [SENDER]
    await text(web, "HỦY")  # a second STOP, in Vietnamese, changes nothing
    assert await tickets(database) == []
    # A number that texted STOP gets no SMS, even the receipt of the question it asks after.
    await text(web, "Xin hỏi lịch tiếp công dân của Sở Tư pháp?")
    [ticket] = await tickets(database)
    assert await send_notifications(database, tmp_path) == []
    async with database.transaction() as session:
        [delivery] = await session.scalars(sa.select(Delivery))
    assert delivery.status == DeliveryStatus.FAILED and delivery.error == opt_out.REASON
    await text(web, "START")
    async with database.transaction() as session:
        assert (await session.scalars(sa.select(SmsOptOut))).all() == []
    await submit(database, tmp_path, phone=SENDER, email=None)
    [sms] = await send_notifications(database, tmp_path)
    assert sms["To"] == SENDER and len(await tickets(database)) == 2 and ticket.channel == "sms"


@pytest.mark.parametrize(
    ("words", "keyword"),
    [
        ("STOP", Keyword.STOP),
        ("stopall", Keyword.STOP),
        ("Unsubscribe!", Keyword.STOP),
        ("cancel", Keyword.STOP),
        ("End", Keyword.STOP),
        ("quit", Keyword.STOP),
        ("Hủy", Keyword.STOP),
        ("TỪ CHỐI", Keyword.STOP),
        ("start", Keyword.START),
        ("UNSTOP", Keyword.START),
        ("yes", Keyword.START),
        ("Info", Keyword.HELP),
        ("xin dừng việc xây dựng trái phép", None),
        ("stop building next door", None),
        ("", None),
    ],
)
def test_keywords_are_whole_texts(words: str, keyword: Keyword | None) -> None:
    assert keyword_of(words) == keyword


async def test_one_sender_is_rate_limited_without_a_flood_of_answers(database: Database, tmp_path: Path) -> None:
    settings = app_settings(database, tmp_path, rate_limit=2)
    async with AsyncTestClient(app=create_app(settings), base_url=BASE) as web:
        answers = [await text(web, f"Câu hỏi số {n} về thủ tục đất đai") for n in range(4)]
        assert all(list(answer) == [] for answer in answers)
        assert len(await tickets(database)) == 2
        await text(web, "Câu hỏi từ một số khác", sender="+84912000111")  # another sender is not held up
    assert len(await tickets(database)) == 3


async def test_odd_texts_never_fail_and_never_lose_a_question(
    database: Database, web: AsyncTestClient, tmp_path: Path
) -> None:
    assert list(await text(web, "   ")) == []  # empty: nothing to ask
    assert list(await text(web, None)) == []
    assert list(await text(web, "Xin hỏi", sender=None)) == []  # nobody to answer
    assert list(await text(web, "Xin hỏi", sender="VIETTEL")) == []
    assert await tickets(database) == []
    long = "Nội dung rất dài " * 1000
    await text(web, long)
    await text(web, "Giá đất <b>tăng</b> hay giảm?\x00\x1b vậy", sender="+14155550123")
    decomposed = "Xin hỏi về đường"  # as some phones send it: decomposed marks
    await text(web, decomposed.replace("ỏ", "o\u0309"), sender="+84912000222")
    first, second, third = await tickets(database)
    assert len(first.body) <= QUESTION_MAX and first.body.endswith("…") and long.startswith(first.body[:-1])
    assert second.body == "Giá đất <b>tăng</b> hay giảm?   vậy" and second.citizen_phone == "+14155550123"
    assert third.body == decomposed


async def test_a_text_not_in_utf_8_is_taken(database: Database, web: AsyncTestClient) -> None:
    body = "From=%2B84987654321&Body=Xin+h%F4i&MessageSid=SM1"  # Latin-1 "ô"
    fields = {"From": "+84987654321", "Body": "Xin h\ufffdi", "MessageSid": "SM1"}
    signature = RequestValidator(TOKEN).compute_signature(URL, fields)
    response = await web.post(
        "/webhooks/twilio/sms",
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/xml")
    [ticket] = await tickets(database)
    assert ticket.body.startswith("Xin h")


async def test_a_text_twilio_sends_twice_is_one_question(database: Database, web: AsyncTestClient) -> None:
    sid = "SM" + uuid.uuid4().hex
    for _ in range(2):
        assert list(await text(web, "Xin hỏi lịch tiếp công dân của Sở Tư pháp?", MessageSid=sid)) == []
    assert len(await tickets(database)) == 1
    await text(web, "Xin hỏi lịch tiếp công dân của Sở Tư pháp?")  # another message, the same words: another
    assert len(await tickets(database)) == 2
