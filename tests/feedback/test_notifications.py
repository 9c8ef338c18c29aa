"""Notifications from cause to inbox: the outbox row, its deliveries, a real SMTP server and Twilio's API.

On SQLite and PostgreSQL. The SMTP server is aiosmtpd on loopback; SMS go through the real twilio
client to a local server that speaks Twilio's Messages API.
"""

import asyncio
import json
import re
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient
from twilio.request_validator import RequestValidator

from feedback import answering, handling, markdown
from feedback.accounts import create_user
from feedback.app import create_app
from feedback.digest import queue_digest
from feedback.messages import SMS_PARTS, render
from feedback.models import Role, Ticket, User
from feedback.outbox import expand_pending
from feedback.settings import Settings
from notify.db import Database, utcnow
from notify.delivery import LEASE, Outcome, claim, deliver_due, record
from notify.models import Delivery, DeliveryStatus, Notification, add_notification
from notify.settings import NotifySettings
from notify.sms import segments
from routing.models import Department
from tests.factories import add_staff, csrf_of, log_in, submit
from tests.notify.smtp_server import smtp_server
from tests.notify.twilio_server import fake_twilio

ACCOUNT, TOKEN = "AC" + "5" * 32, "twilio-token"
MAIL_FROM = "Cổng hỏi đáp tỉnh Thanh Hóa <hoidap@thanhhoa.example.gov.vn>"


async def expand(database: Database) -> None:
    async with database.transaction() as session:
        await expand_pending(session, now=utcnow(), base_url="http://portal.test")


async def deliveries(database: Database) -> list[Delivery]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(Delivery).order_by(Delivery.id)))


async def drain(database: Database, settings: NotifySettings, outbox: Path) -> int:
    sent = 0
    while handled := await deliver_due(database, settings, outbox=outbox, status_callback=None):
        sent += handled
    return sent


async def test_a_received_question_reaches_the_citizen_by_email_and_sms(
    database: Database, client: AsyncTestClient, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path)
    await expand(database)
    with smtp_server() as (inbox, reach), fake_twilio(ACCOUNT, {(ACCOUNT, TOKEN)}) as twilio:
        settings = NotifySettings(
            **reach,
            mail_from=MAIL_FROM,
            twilio_account_sid=ACCOUNT,
            twilio_auth_token=TOKEN,
            twilio_from="+15005550006",
            twilio_api_url=twilio.url,
        )
        assert await drain(database, settings, tmp_path / "outbox") == 2
    [mail] = inbox.by_recipient("hong.nguyen@example.com")
    assert mail["Subject"] == f"Đã tiếp nhận câu hỏi {submitted.reference}"
    text = mail.get_body(("plain",)).get_content()
    assert "Kính gửi Nguyễn Thị Hồng," in text and "Sở Xây dựng" in text
    link = next(line for line in text.splitlines() if line.startswith("http://portal.test/cau-hoi/"))
    assert f"token={submitted.token}" in link
    assert link in mail.get_body(("html",)).get_content()
    assert mail["References"] == f"<ticket-{submitted.reference}@thanhhoa.example.gov.vn>"
    page = await client.get(urlsplit(link).path + "?" + urlsplit(link).query)  # the link opens the question
    assert page.status_code == 200 and submitted.reference in page.text
    [sms] = twilio.messages
    assert sms["To"] == "+84912345678" and submitted.reference in sms["Body"] and "Theo dõi" in sms["Body"]
    # The SMS carries the short link, which opens the same page (read out on the phone, any case will do).
    assert f"http://portal.test/t/{submitted.short_code}" in sms["Body"]
    redirect = await client.get(f"/t/{submitted.short_code.upper()}", follow_redirects=False)
    assert redirect.status_code == 303
    page = await client.get(redirect.headers["location"])
    assert page.status_code == 200 and submitted.reference in page.text
    assert (await client.get("/t/abcdefghjk")).status_code == 404
    rows = await deliveries(database)
    assert {(d.channel, d.status) for d in rows} == {("email", "sent"), ("sms", "sent")}
    assert all(d.text == "" and d.html is None for d in rows)  # the token is not kept once sent
    assert next(d for d in rows if d.channel == "sms").provider_id == sms["Sid"]
    async with database.transaction() as session:
        note = await session.scalar(sa.select(Notification).where(Notification.kind == "citizen_received"))
    assert note.status == "expanded" and "token" not in note.data and "short" not in note.data


async def test_without_channels_the_messages_wait_in_the_local_outbox(database: Database, tmp_path: Path) -> None:
    submitted = await submit(database, tmp_path)
    await expand(database)
    assert await drain(database, NotifySettings(mail_from=MAIL_FROM), tmp_path / "outbox") == 2
    [eml] = (tmp_path / "outbox" / "email").glob("*.eml")
    assert submitted.reference in eml.read_text()
    [sms] = (tmp_path / "outbox" / "sms").glob("*.json")
    kept = json.loads(sms.read_text())
    assert kept["to"] == "+84912345678" and submitted.reference in kept["body"] and kept["segments"] >= 2


async def test_a_refused_address_fails_for_good_and_a_busy_server_is_tried_again_later(
    database: Database, tmp_path: Path
) -> None:
    await submit(database, tmp_path, phone=None)
    await submit(database, tmp_path, phone=None, email="minh.tran@example.com")
    await expand(database)
    with smtp_server() as (inbox, reach):
        settings = NotifySettings(**reach, mail_from=MAIL_FROM)
        inbox.refuse_rcpt = "451 4.3.0 Mailbox busy, try again later"
        await drain(database, settings, tmp_path)
        waiting = await deliveries(database)
        assert {d.status for d in waiting} == {DeliveryStatus.PENDING}
        assert all(d.attempts == 1 and "451" in d.error for d in waiting)
        assert all(d.next_attempt_at - utcnow() > timedelta(seconds=20) for d in waiting)  # backoff, not at once
        assert await drain(database, settings, tmp_path) == 0  # not due yet
        inbox.refuse_rcpt = None
        async with database.transaction() as session:
            first = waiting[0].id
            await session.execute(sa.update(Delivery).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        inbox.refuse_rcpt = "550 5.1.1 Recipient address rejected"
        await deliver_due(database, settings, outbox=tmp_path, status_callback=None, limit=1)
        inbox.refuse_rcpt = None
        await drain(database, settings, tmp_path)
    rows = {d.id: d for d in await deliveries(database)}
    assert rows[first].status == DeliveryStatus.FAILED and "550" in rows[first].error
    [other] = [d for i, d in rows.items() if i != first]
    assert other.status == DeliveryStatus.SENT and other.attempts == 2
    assert len(inbox.messages) == 1


async def test_a_claim_whose_lease_ran_out_is_taken_again_and_its_late_outcome_ignored(
    database: Database, tmp_path: Path
) -> None:
    await submit(database, tmp_path, phone=None)
    await expand(database)
    now = utcnow()
    async with database.transaction() as session:
        [first] = await claim(session, now=now)
    async with database.transaction() as session:
        assert await claim(session, now=now + LEASE / 2) == []  # still held
        [again] = await claim(session, now=now + LEASE + timedelta(seconds=1))  # the first worker died
    assert again.id == first.id and again.attempt == first.attempt + 1
    async with database.transaction() as session:
        await record(session, [Outcome(first, provider_id="late")], now=now)
    [row] = await deliveries(database)
    assert row.status == DeliveryStatus.SENDING  # the dead worker's outcome changes nothing
    async with database.transaction() as session:
        await record(session, [Outcome(again, provider_id="250 ok")], now=now)
    [row] = await deliveries(database)
    assert row.status == DeliveryStatus.SENT and row.provider_id == "250 ok"


async def test_racing_claims_take_their_limit_and_never_the_same_row(database: Database, tmp_path: Path) -> None:
    for n in range(12):
        await submit(database, tmp_path, phone=None, email=f"nguoi.{n}@example.com")
    await expand(database)
    now = utcnow()
    if database.dialect == "postgresql":
        async with AsyncExitStack() as stack:  # both transactions open at once
            sessions = [await stack.enter_async_context(database.transaction()) for _ in range(2)]
            taken = [await claim(session, now=now, limit=5) for session in sessions]
    else:  # SQLite has one writer at a time: the claims follow each other
        taken = []
        for _ in range(2):
            async with database.transaction() as session:
                taken.append(await claim(session, now=now, limit=5))
    assert [len(jobs) for jobs in taken] == [5, 5]
    assert len({job.id for jobs in taken for job in jobs}) == 10


async def test_escalations_reach_the_heads_by_email_and_sms_in_vietnamese(database: Database, tmp_path: Path) -> None:
    submitted = await submit(database, tmp_path)
    async with database.transaction() as session:
        department = await session.scalar(sa.select(Department).where(Department.code == "SXD"))
        for username, role, phone in (("truong.phong", Role.HEAD, "0987 654 321"), ("can.bo", Role.OFFICER, None)):
            await create_user(
                session,
                username=username,
                full_name=username,
                role=role,
                department_id=department.id,
                password="mat-khau-du-dai-2026",
                email=f"{username}@thanhhoa.example.gov.vn",
                phone=phone,
            )
        await add_notification(
            session,
            key="escalation:test",
            kind="sla_escalation",
            recipient=f"head:{department.id}",
            topic=submitted.reference,
            data={"reference": submitted.reference, "clock": "answer", "level": 1},
            now=utcnow(),
        )
    await expand(database)
    rows = [d for d in await deliveries(database) if d.thread == submitted.reference and "Quá hạn" in d.subject]
    assert {(d.channel, d.address) for d in rows} == {
        ("email", "truong.phong@thanhhoa.example.gov.vn"),
        ("sms", "0987 654 321"),
    }
    email = next(d for d in rows if d.channel == "email")
    assert email.subject == f"Quá hạn, cấp 1: {submitted.reference}"
    assert (
        "đã quá hạn trả lời" in email.text and f"http://portal.test/can-bo/cau-hoi/{submitted.reference}" in email.text
    )


async def test_a_rejection_tells_the_citizen_why(database: Database, tmp_path: Path) -> None:
    rejected = await submit(database, tmp_path, phone=None)
    async with database.transaction() as session:
        await handling.reject(
            session,
            rejected.ticket_id,
            reason="out_of_scope",
            explanation="Câu hỏi thuộc thẩm quyền của Tòa án nhân dân.",
            actor_id=None,
            now=utcnow(),
        )
    await expand(database)
    [notice] = [d for d in await deliveries(database) if "không được tiếp nhận" in d.subject]
    assert "không được tiếp nhận: nội dung không thuộc thẩm quyền giải quyết của các cơ quan của tỉnh." in notice.text
    assert "Câu hỏi thuộc thẩm quyền của Tòa án nhân dân." in notice.text


async def test_the_answer_goes_to_the_citizen_with_the_link_to_its_public_page(
    database: Database, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path)
    now = utcnow()
    async with database.transaction() as session:
        await handling.accept(session, submitted.ticket_id, actor_id=None, now=now)
        await answering.submit_answer(
            session, submitted.ticket_id, text="Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.", actor_id=None, now=now
        )
        await answering.approve_answer(session, submitted.ticket_id, actor_id=None, now=now)
    await expand(database)
    answered = [d for d in await deliveries(database) if "đã được trả lời" in d.subject]
    email = next(d for d in answered if d.channel == "email")
    assert email.subject == f"Câu hỏi {submitted.reference} đã được trả lời"
    assert "Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế." in email.text
    assert f"http://portal.test/hoi-dap/{submitted.reference}" in email.text  # published: the citizen agreed
    sms = next(d for d in answered if d.channel == "sms")
    assert sms.text.startswith(f"{submitted.reference} đã được Sở Xây dựng trả lời: Hồ sơ gồm")


MARKDOWN_ANSWER = (  # as a browser posts the answer form: CRLF line endings
    "Về vấn đề này, Sở Xây dựng trả lời như sau:\r\n\r\n"
    "Theo **Luật Xây dựng năm 2014**, hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm:\r\n\r\n"
    "- Đơn đề nghị cấp giấy phép xây dựng;\r\n"
    "- Bản vẽ thiết kế *có chữ ký* của đơn vị tư vấn;\r\n"
    "- Giấy tờ về quyền sử dụng đất.\r\n\r\n"
    "Bà có thể nộp trực tuyến trên [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn)."
)


async def test_an_answer_in_markdown_reaches_the_citizen_as_plain_text_and_as_the_portals_html(
    database: Database, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path)
    now = utcnow()
    async with database.transaction() as session:
        await handling.accept(session, submitted.ticket_id, actor_id=None, now=now)
        await answering.submit_answer(session, submitted.ticket_id, text=MARKDOWN_ANSWER, actor_id=None, now=now)
        await answering.approve_answer(session, submitted.ticket_id, actor_id=None, now=now)
    await expand(database)
    with smtp_server() as (inbox, reach), fake_twilio(ACCOUNT, {(ACCOUNT, TOKEN)}) as twilio:
        settings = NotifySettings(
            **reach,
            mail_from=MAIL_FROM,
            twilio_account_sid=ACCOUNT,
            twilio_auth_token=TOKEN,
            twilio_from="+15005550006",
            twilio_api_url=twilio.url,
        )
        await drain(database, settings, tmp_path / "outbox")
    [mail] = [m for m in inbox.by_recipient("hong.nguyen@example.com") if "đã được trả lời" in m["Subject"]]
    text = mail.get_body(("plain",)).get_content()
    assert "**" not in text and "*có" not in text and "\r" not in text and "](" not in text
    assert (
        "Theo Luật Xây dựng năm 2014, hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm:\n\n"
        "Đơn đề nghị cấp giấy phép xây dựng;\n"
        "Bản vẽ thiết kế có chữ ký của đơn vị tư vấn;\n"
        "Giấy tờ về quyền sử dụng đất.\n\n"
        "Bà có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia (https://dichvucong.gov.vn)."
    ) in text
    html = mail.get_body(("html",)).get_content()
    assert "<strong>Luật Xây dựng năm 2014</strong>" in html and "<em>có chữ ký</em>" in html
    assert "<ul><li>Đơn đề nghị cấp giấy phép xây dựng;</li>" in html and "**" not in html and "\r" not in html
    assert markdown.render(MARKDOWN_ANSWER).replace("\n", "") in html  # the portal's rendering, links and all
    [sms] = [m for m in twilio.messages if "trả lời" in m["Body"]]
    body = sms["Body"]
    assert body.startswith(f"{submitted.reference} đã được Sở Xây dựng trả lời: Về vấn đề này, Sở Xây dựng")
    assert body.endswith(f"… http://portal.test/hoi-dap/{submitted.reference}")  # cut to leave room for the link
    assert "**" not in body and "\r" not in body and "\n- " not in body
    assert segments(body) == SMS_PARTS == 2
    [row] = [d for d in await deliveries(database) if d.provider_id == sms["Sid"]]
    assert row.segments == 2


@pytest.mark.parametrize("link", ["", "http://portal.test/hoi-dap/TH-2026-000042"], ids=["unpublished", "published"])
def test_the_answer_sms_takes_two_segments_at_most_and_a_short_answer_whole(link: str) -> None:
    def sms(answer: str) -> str:
        context = {"reference": "TH-2026-000042", "department": "Sở Xây dựng", "answer": answer, "link": link}
        return render("citizen_answered", "vi", title="Cấp phép", name="Lê Văn Nam", **context).sms

    assert sms("Hồ sơ gồm **đơn** và bản vẽ.").startswith(
        "TH-2026-000042 đã được Sở Xây dựng trả lời: Hồ sơ gồm đơn và bản vẽ."
    )
    for length in range(1, 150):  # every length of answer, to the character where the cut falls
        text = sms(f"Trả lời {'à' * length} cuối cùng.")
        assert segments(text) <= SMS_PARTS and text.endswith(link)


async def test_staff_hear_of_new_work_assignments_approvals_and_returns(database: Database, tmp_path: Path) -> None:
    people = {
        "xd.cv": await add_staff(database, "xd.cv", "officer", "SXD"),
        "xd.tp": await add_staff(database, "xd.tp", "head", "SXD"),
    }
    async with database.transaction() as session:
        for username in people:
            await session.execute(
                sa.update(User).where(User.username == username).values(email=f"{username}@thanhhoa.example.gov.vn")
            )
    submitted = await submit(database, tmp_path)
    now = utcnow()
    async with database.transaction() as session:
        await handling.accept(session, submitted.ticket_id, actor_id=people["xd.tp"], now=now)
        await answering.assign(
            session, submitted.ticket_id, assignee_id=people["xd.cv"], actor_id=people["xd.tp"], now=now
        )
        await answering.submit_answer(session, submitted.ticket_id, text="Dự thảo.", actor_id=people["xd.cv"], now=now)
        await answering.return_answer(
            session, submitted.ticket_id, comment="Bổ sung căn cứ pháp lý.", actor_id=people["xd.tp"], now=now
        )
    await expand(database)
    staff_mail = {(d.address.split("@")[0], d.subject) for d in await deliveries(database) if "gov.vn" in d.address}
    ref = submitted.reference
    assert staff_mail == {
        ("xd.cv", f"Câu hỏi mới {ref} gửi Sở Xây dựng"),
        ("xd.tp", f"Câu hỏi mới {ref} gửi Sở Xây dựng"),
        ("xd.cv", f"Câu hỏi {ref} được giao cho đồng chí"),
        ("xd.tp", f"Câu trả lời chờ duyệt: {ref}"),
        ("xd.cv", f"Câu trả lời {ref} bị trả lại"),
    }
    returned = next(d for d in await deliveries(database) if "bị trả lại" in d.subject)
    assert "Bổ sung căn cứ pháp lý." in returned.text


async def test_each_reader_gets_the_department_in_their_own_language(database: Database, tmp_path: Path) -> None:
    officer = await add_staff(database, "xd.cv", "officer", "SXD")
    async with database.transaction() as session:
        await session.execute(sa.update(User).where(User.id == officer).values(email="xd.cv@thanhhoa.example.gov.vn"))
    submitted = await submit(database, tmp_path, language="en", phone=None)
    await expand(database)
    subjects = {d.address: d.subject for d in await deliveries(database)}
    assert subjects == {
        "hong.nguyen@example.com": f"We have received your question {submitted.reference}",
        "xd.cv@thanhhoa.example.gov.vn": f"Câu hỏi mới {submitted.reference} gửi Sở Xây dựng",
    }
    citizen = next(d for d in await deliveries(database) if d.address == "hong.nguyen@example.com")
    assert "Department of Construction" in citizen.text and "Sở Xây dựng" not in citizen.text


async def test_a_notification_its_template_cannot_say_is_set_aside_and_the_rest_go(
    database: Database, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path, phone=None)
    async with database.transaction() as session:
        await add_notification(
            session,
            key="broken",
            kind="sla_warning",
            recipient=f"citizen:{submitted.ticket_id}",
            topic=submitted.reference,
            data={"clock": "no-such-clock"},
            now=utcnow(),
        )
    await expand(database)
    async with database.transaction() as session:
        statuses = dict((await session.execute(sa.select(Notification.kind, Notification.status))).all())
    assert statuses == {"citizen_received": "expanded", "new_ticket": "unsendable", "sla_warning": "unsendable"}
    assert [d.subject for d in await deliveries(database)] == [f"Đã tiếp nhận câu hỏi {submitted.reference}"]


async def test_two_workers_never_send_the_same_message(database: Database, tmp_path: Path) -> None:
    for n in range(12):
        await submit(database, tmp_path, phone=None, email=f"nguoi.dan.{n}@example.com")
    await expand(database)
    second = Database(database.url)
    try:
        with smtp_server() as (inbox, reach):
            settings = NotifySettings(**reach, mail_from=MAIL_FROM)

            async def worker(db: Database) -> None:
                while await deliver_due(db, settings, outbox=tmp_path, status_callback=None, limit=3):
                    pass

            await asyncio.gather(worker(database), worker(second))
    finally:
        await second.dispose()
    ids = [message["Message-ID"] for _, message in inbox.messages]
    assert len(ids) == 12 and len(set(ids)) == 12
    assert {d.status for d in await deliveries(database)} == {DeliveryStatus.SENT}


@pytest.mark.parametrize(
    "kind",
    [
        "citizen_answered",
        "citizen_info_requested",
        "citizen_extended",
        "citizen_reopened",
        "follow_up",
        "new_ticket",
        "assigned",
        "approval_requested",
        "answer_returned",
    ],
)
def test_every_kind_renders_in_both_languages(kind: str) -> None:
    context = {
        "reference": "TH-2026-000042",
        "title": "Cấp phép xây dựng",
        "name": "Lê Văn Nam",
        "department": "Sở Xây dựng",
        "due_at": utcnow(),
        "answer": "Hồ sơ gồm đơn và bản vẽ.",
        "message": "Xin gửi bản vẽ.",
        "explanation": "",
        "comment": "Bổ sung căn cứ pháp lý.",
        "link": "http://portal.test/hoi-dap/TH-2026-000042",
    }
    vietnamese, english = render(kind, "vi", **context), render(kind, "en", **context)
    assert "TH-2026-000042" in vietnamese.subject and "TH-2026-000042" in english.subject
    assert vietnamese.subject != english.subject and vietnamese.text and english.text and vietnamese.sms
    assert '<html lang="vi">' in vietnamese.html and '<html lang="en">' in english.html


async def test_twilios_status_callback_is_recorded_only_when_signed(database: Database, tmp_path: Path) -> None:
    await submit(database, tmp_path, email=None)
    await expand(database)
    with fake_twilio(ACCOUNT, {(ACCOUNT, TOKEN)}) as twilio:
        settings = NotifySettings(
            twilio_account_sid=ACCOUNT, twilio_auth_token=TOKEN, twilio_from="+15005550006", twilio_api_url=twilio.url
        )
        await drain(database, settings, tmp_path)
    [sms] = twilio.messages
    app_settings = Settings(
        database_url=database.url,
        data_dir=tmp_path,
        base_url="https://hoidap.thanhhoa.example.gov.vn",
        notify={"redis_url": None, "twilio_auth_token": TOKEN},
    )
    url = "https://hoidap.thanhhoa.example.gov.vn/webhooks/twilio/status"
    validator = RequestValidator(TOKEN)
    async with AsyncTestClient(app=create_app(app_settings), base_url="https://hoidap.thanhhoa.example.gov.vn") as web:

        async def callback(fields: dict[str, str], signature: str | None = None) -> int:
            signed = signature if signature is not None else validator.compute_signature(url, fields)
            response = await web.post("/webhooks/twilio/status", data=fields, headers={"X-Twilio-Signature": signed})
            return response.status_code

        fields = {"MessageSid": sms["Sid"], "MessageStatus": "delivered", "AccountSid": ACCOUNT}
        assert await callback(fields, signature="forged") == 403
        assert (
            await callback({**fields, "MessageStatus": "failed"}, signature=validator.compute_signature(url, fields))
            == 403
        )
        [row] = await deliveries(database)
        assert row.status == DeliveryStatus.SENT and row.provider_status is None
        assert await callback(fields) == 204
        [row] = await deliveries(database)
        assert row.provider_status == "delivered" and row.status == DeliveryStatus.SENT
        assert await callback({**fields, "MessageStatus": "undelivered", "ErrorCode": "30003"}) == 204
        [row] = await deliveries(database)
        assert row.status == DeliveryStatus.FAILED and row.error == "Twilio: undelivered (error 30003)"


async def test_a_failed_message_shows_on_the_ticket_and_the_outbox_page_and_can_be_sent_again(
    database: Database, client: AsyncTestClient, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path, phone=None)
    await expand(database)
    with smtp_server() as (inbox, reach):
        settings = NotifySettings(**reach, mail_from=MAIL_FROM)
        inbox.refuse_rcpt = "550 5.1.1 <hong.nguyen@example.com>: Recipient address rejected"
        await drain(database, settings, tmp_path)
        await add_staff(database, "quantri", "admin")
        await add_staff(database, "xd.cv", "officer", "SXD")
        await log_in(client, "xd.cv")
        ticket = await client.get(f"/can-bo/cau-hoi/{submitted.reference}")
        assert "Thư điện tử (email) đến hong.nguyen@example.com" in ticket.text and "không gửi được" in ticket.text
        assert "550 5.1.1" in ticket.text
        assert (await client.get("/can-bo/thong-bao")).status_code == 403  # an officer does not keep the outbox
        await log_in(client, "quantri")
        page = await client.get("/can-bo/thong-bao")
        assert page.status_code == 200 and f"Đã tiếp nhận câu hỏi {submitted.reference}" in page.text
        assert "550 5.1.1" in page.text and "Gửi lại" in page.text
        [failed] = await deliveries(database)
        retried = await client.post(
            f"/can-bo/thong-bao/{failed.id}/gui-lai", data={"_csrf_token": csrf_of(page.text)}, follow_redirects=True
        )
        assert "Thông báo sẽ được gửi lại trong giây lát." in retried.text
        inbox.refuse_rcpt = None
        await drain(database, settings, tmp_path)
    [sent] = await deliveries(database)
    assert sent.status == DeliveryStatus.SENT and sent.attempts == 1
    assert len(inbox.messages) == 1
    assert "Đã gửi" in (await client.get("/can-bo/thong-bao?status=sent")).text


async def test_the_morning_digest_lists_the_overdue_once_each_working_day(database: Database, tmp_path: Path) -> None:
    late = await submit(database, tmp_path)
    await submit(database, tmp_path)  # on time: not in the digest
    async with database.transaction() as session:
        await session.execute(
            sa.update(Ticket)
            .where(Ticket.id == late.ticket_id)
            .values(answer_due_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
        )
    leader = await add_staff(database, "lanhdao", "leader")
    async with database.transaction() as session:
        await session.execute(sa.update(User).where(User.id == leader).values(email="lanhdao@thanhhoa.example.gov.vn"))

    async def queue(at: datetime) -> str | None:
        async with database.transaction() as session:
            return await queue_digest(session, now=at, base_url="http://portal.test")

    monday_0700, monday_0740 = datetime(2026, 11, 23, 0, 0, tzinfo=UTC), datetime(2026, 11, 23, 0, 40, tzinfo=UTC)
    assert not await queue(monday_0700)  # before 07:30 in Vietnam
    assert not await queue(datetime(2026, 11, 21, 1, 0, tzinfo=UTC))  # a Saturday
    assert not await queue(datetime(2026, 9, 2, 1, 0, tzinfo=UTC))  # Quốc khánh
    assert await queue(monday_0740) and await queue(monday_0740.replace(minute=45))
    async with database.transaction() as session:
        digests = (await session.scalars(sa.select(Notification).where(Notification.kind == "daily_digest"))).all()
    assert len(digests) == 2  # leadership and the coordinating office, once
    await expand(database)
    [mail] = [d for d in await deliveries(database) if d.address == "lanhdao@thanhhoa.example.gov.vn"]
    assert mail.subject == "1 câu hỏi quá hạn ngày 23/11/2026"
    assert "Sáng nay có 1 câu hỏi đã quá hạn trả lời." in mail.text and "Sở Xây dựng: 1" in mail.text
    assert f"{late.reference} " in mail.text and f"http://portal.test/can-bo/cau-hoi/{late.reference}" in mail.text
    assert "hạn 20/11/2026 17:00" in mail.text


# A message's line on the outbox page: [its question's reference ·] channel · name, address · time
OUTBOX_ROW = re.compile(r'<span class="ticket-meta">\s*(?:<a [^>]+>[^<]+</a> · )?([^·]+·[^·]+)·')


async def test_the_outbox_page_finds_messages_by_reference_name_or_address_and_pages_through_them(
    database: Database, client: AsyncTestClient, tmp_path: Path
) -> None:
    from html import unescape

    from feedback.outbox import PAGE_SIZE

    officer = await add_staff(database, "xd.cv", "officer", "SXD")
    async with database.transaction() as session:  # the department's officer hears of each new question
        await session.execute(
            sa.update(User).where(User.id == officer).values(full_name="Phạm Thị Dựng", email="dung.pt@soxd.example.vn")
        )
    hong = [await submit(database, tmp_path) for _ in range((PAGE_SIZE + 1) // 2 + 1)]  # email and SMS each
    duc = await submit(database, tmp_path, name="Trần Văn Đức", email="duc.tran@example.com", phone="0987 654 321")
    await expand(database)
    await add_staff(database, "quantri", "admin")
    await log_in(client, "quantri")

    async def found(q: str, **params: str) -> tuple[list[str], str]:
        """The channel, name and address of each message listed, and the page."""
        page = await client.get("/can-bo/thong-bao", params={"status": "all", "q": q, **params})
        assert page.status_code == 200
        return [unescape(row).strip() for row in OUTBOX_ROW.findall(page.text)], page.text

    rows, _ = await found(duc.reference)
    assert sorted(rows) == [
        "SMS · Trần Văn Đức, +84987654321",
        "Thư điện tử (email) · Phạm Thị Dựng, dung.pt@soxd.example.vn",
        "Thư điện tử (email) · Trần Văn Đức, duc.tran@example.com",
    ]
    email, sms = "Thư điện tử (email) · Trần Văn Đức, duc.tran@example.com", "SMS · Trần Văn Đức, +84987654321"
    expected = {
        "tran van duc": [email, sms],  # without diacritics
        "TRẦN VĂN ĐỨC": [email, sms],
        "Đức": [email, sms],
        "duc.tran@EXAMPLE": [email],
        "0987 654 321": [sms],  # as people write it: sent to +84987654321
        "0987654321": [sms],
    }
    for query, messages in expected.items():
        assert sorted((await found(query))[0]) == sorted(messages), query
    rows, _ = await found("pham thi dung")  # a staff member, by name without diacritics
    assert len(rows) == len(hong) + 1 and all("Phạm Thị Dựng" in r for r in rows)
    rows, text = await found("'; drop table delivery; --% _")
    assert rows == [] and "Không có thông báo nào khớp với" in text

    # Nguyễn Thị Hồng's messages take two pages; the pages and the quick filters keep the search.
    rows, text = await found("Nguyen Thi Hong")
    assert len(rows) == PAGE_SIZE and "Trang 1 / 2" in text
    assert 'href="?q=Nguyen+Thi+Hong&amp;status=all&amp;page=2"' in text
    assert f'href="?q=Nguyen+Thi+Hong&amp;status=waiting">Đang chờ <span class="count">{2 * len(hong)}</span>' in text
    rows, _ = await found("Nguyen Thi Hong", page="2")
    assert len(rows) == 2 * len(hong) - PAGE_SIZE
