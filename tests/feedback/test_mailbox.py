"""Questions by email, read from a real IMAP server (Dovecot on loopback), answered through a real SMTP sink.

On SQLite and PostgreSQL. Each test reads its own fresh folder of one Dovecot started for the module.
"""

import asyncio
import html
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

import dramatiq
import pytest
import sqlalchemy as sa
from dramatiq.brokers.stub import StubBroker

from feedback import actors, handling
from feedback.lifecycle import EventKind, TicketStatus
from feedback.mailbox import reader
from feedback.mailbox.imap import TAKEN, Mailbox
from feedback.mailbox.models import MailboxMessage, Outcome
from feedback.mailbox.replies import addresser, reply_address
from feedback.models import Attachment, Channel, Ticket, TicketEvent, User
from feedback.outbox import expand_pending
from feedback.scheduler import PERIODIC
from feedback.settings import Settings, get_settings
from notify.broker import broker
from notify.db import Database, utcnow
from notify.delivery import deliver_due
from notify.models import Delivery, DeliveryStatus
from tests.factories import add_staff, log_in, pdf_bytes, png_bytes, submit
from tests.feedback.imap_server import ImapServer, dovecot
from tests.notify.smtp_server import Inbox, smtp_server

OFFICE = "hoidap@thanhhoa.example.gov.vn"
MAIL_FROM = f"Cổng hỏi đáp tỉnh Thanh Hóa <{OFFICE}>"
CITIZEN = "tran.binh@example.vn"
QUESTION = "Gia đình tôi muốn xây nhà 3 tầng trên đất ở tại phường Hạc Thành. Xin hỏi cần những giấy tờ gì?"


@pytest.fixture(scope="module")
def imap() -> Iterator[ImapServer]:
    with dovecot() as server:
        yield server


@pytest.fixture
def mailbox(imap: ImapServer) -> ImapServer:
    imap.new_folder()
    return imap


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, dict]]:
    with smtp_server() as running:
        yield running


@pytest.fixture
def settings(database_url: str, tmp_path: Path, mailbox: ImapServer, smtp) -> Settings:
    _, reach = smtp
    return Settings(
        database_url=database_url,
        data_dir=tmp_path,
        base_url="http://portal.test",
        rate_limit=1000,
        notify={"redis_url": None, "mail_from": MAIL_FROM, **reach},
        mailbox=mailbox.reach(address=OFFICE, aliases={"xaydung@thanhhoa.example.gov.vn": "giay-phep-xay-dung"}),
    )


def email(
    body: str = QUESTION,
    *,
    subject: str | None = "Hỏi về giấy phép xây dựng",
    sender: str = CITIZEN,
    name: str = "Trần Văn Bình",
    to: str = OFFICE,
    html: str | None = None,
    files: tuple[tuple[str, bytes, str], ...] = (),
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = formataddr((name, sender))
    message["To"] = to
    if subject is not None:
        message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.vn")
    for key, value in (headers or {}).items():
        message[key] = value
    if html is not None and not body:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    for filename, data, mime in files:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


async def read(database: Database, settings: Settings) -> int:
    taken, more = await reader.read(database, settings)
    assert not more
    return taken


async def tickets(database: Database) -> list[Ticket]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(Ticket).order_by(Ticket.id)))


async def taken(database: Database) -> list[MailboxMessage]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(MailboxMessage).order_by(MailboxMessage.uid)))


async def events(database: Database, ticket_id: int) -> list[TicketEvent]:
    async with database.transaction() as session:
        query = sa.select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.id)
        return list(await session.scalars(query))


async def send_what_is_due(database: Database, settings: Settings) -> None:
    reply_to = addresser(settings.mailbox.address, settings.secret_key.get_secret_value())
    async with database.transaction() as session:
        await expand_pending(session, now=utcnow(), base_url=settings.base_url, reply_to=reply_to)
    while await deliver_due(database, settings.notify, outbox=settings.outbox_dir, status_callback=None):
        pass


async def test_an_email_becomes_a_question_and_the_receipt_arrives_with_a_signed_reply_address(
    database: Database, settings: Settings, mailbox: ImapServer, smtp
) -> None:
    mailbox.append(email(f"Kính gửi Văn phòng,\n\n{QUESTION}\n\nTrân trọng,\nTrần Văn Bình\n0912 345 678"))
    assert await read(database, settings) == 1
    [ticket] = await tickets(database)
    assert ticket.channel is Channel.EMAIL
    assert ticket.status is TicketStatus.TRIAGE  # "khac": no department of its own, the coordinating office sorts it
    assert (ticket.title, ticket.citizen_name, ticket.citizen_email) == (
        "Hỏi về giấy phép xây dựng",
        "Trần Văn Bình",
        CITIZEN,
    )
    assert ticket.body == f"Kính gửi Văn phòng,\n\n{QUESTION}"  # the closing and signature trimmed
    [row] = await taken(database)
    assert (row.outcome, row.ticket_id) == (Outcome.QUESTION, ticket.id)
    assert mailbox.flags()[row.uid] >= {TAKEN, "\\Seen"}

    await send_what_is_due(database, settings)
    inbox, _ = smtp
    [receipt] = inbox.by_recipient(CITIZEN)
    assert ticket.reference in receipt["Subject"]
    assert "http://portal.test/cau-hoi/" in receipt.get_body(("plain",)).get_content()
    reply_to = receipt["Reply-To"].addresses[0].addr_spec
    assert reply_to.startswith(f"hoidap+{ticket.reference}.") and reply_to.endswith("@thanhhoa.example.gov.vn")

    assert await read(database, settings) == 0  # nothing twice
    assert len(await tickets(database)) == 1


async def test_an_alias_chooses_the_category_and_an_html_only_message_is_read_as_text(
    database: Database, settings: Settings, mailbox: ImapServer
) -> None:
    html = (
        "<html><head><style>p { color: red }</style></head><body><p>Xin ch&agrave;o,</p>"
        f"<p>{QUESTION}</p><div class='gmail_quote'>Thư cũ<blockquote>&gt; cũ</blockquote></div></body></html>"
    )
    mailbox.append(email("", html=html, subject=None, to="xaydung@thanhhoa.example.gov.vn"))
    assert await read(database, settings) == 1
    [ticket] = await tickets(database)
    assert ticket.body == f"Xin chào,\n\n{QUESTION}"
    assert ticket.title.startswith("Xin chào, Gia đình tôi muốn xây nhà")  # no subject: the first words
    assert ticket.status is TicketStatus.ASSIGNED  # the alias's category names its department (Sở Xây dựng)


async def test_an_address_in_angle_brackets_is_not_markup_and_the_quote_under_it_is_trimmed(
    database: Database, settings: Settings, mailbox: ImapServer
) -> None:
    body = (
        f"{QUESTION}\nLiên hệ: <{CITIZEN}> hoặc <b>0912 345 678</b>\n\n"
        "<nguyen@example.vn> đã viết:\n> Câu hỏi cũ\n> của người khác\n"
    )
    mailbox.append(email(body))
    assert await read(database, settings) == 1
    [ticket] = await tickets(database)
    assert ticket.body == f"{QUESTION}\nLiên hệ: <{CITIZEN}> hoặc ‹b>0912 345 678‹/b>"
    assert "Câu hỏi cũ" not in ticket.body


async def test_a_file_that_lies_about_its_type_is_listed_on_the_question_and_the_good_one_kept(
    database: Database, settings: Settings, mailbox: ImapServer
) -> None:
    files = (("ban-ve.pdf", png_bytes(), "application/pdf"), ("anh.png", png_bytes(), "image/png"))
    mailbox.append(email(files=files))
    assert await read(database, settings) == 1
    [ticket] = await tickets(database)
    async with database.transaction() as session:
        [kept] = await session.scalars(sa.select(Attachment).where(Attachment.ticket_id == ticket.id))
    assert (kept.filename, kept.content_type) == ("anh.png", "image/png")
    [refused] = [e for e in await events(database, ticket.id) if e.kind == EventKind.FILES_REFUSED]
    assert refused.data["files"] == [
        {"code": "file_type_mismatch", "params": {"filename": "ban-ve.pdf", "claimed": "PDF"}}
    ]
    assert not refused.public


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"X-Autoreply": "yes"},
        {"Return-Path": "<>"},
    ],
)
async def test_an_auto_reply_is_no_question(
    database: Database, settings: Settings, mailbox: ImapServer, headers: dict[str, str]
) -> None:
    mailbox.append(email("Tôi đang nghỉ phép đến hết tuần.", subject="Trả lời tự động", headers=headers))
    assert await read(database, settings) == 1
    assert await tickets(database) == []
    [row] = await taken(database)
    assert row.outcome is Outcome.AUTO_REPLY


def bounce(original_id: str, recipient: str) -> bytes:
    """A delivery status notification (RFC 3464) as Postfix writes one, from the null sender."""
    return f"""Return-Path: <>
From: MAILER-DAEMON@mx.example.vn (Mail Delivery System)
To: {OFFICE}
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce-1@mx.example.vn>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.vn

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown

--B1
Content-Type: text/rfc822-headers

From: {MAIL_FROM}
To: {recipient}
Message-ID: <{original_id}>
Subject: x

--B1--
""".replace("\n", "\r\n").encode()


async def test_a_bounce_marks_the_delivery_that_bounced_as_failed(
    database: Database, settings: Settings, mailbox: ImapServer, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path, email="khong.ton.tai@example.vn")
    await send_what_is_due(database, settings)
    async with database.transaction() as session:
        [receipt] = await session.scalars(sa.select(Delivery).where(Delivery.address == "khong.ton.tai@example.vn"))
    assert receipt.status is DeliveryStatus.SENT
    mailbox.append(bounce(f"delivery-{receipt.id}@thanhhoa.example.gov.vn", "khong.ton.tai@example.vn"))
    assert await read(database, settings) == 1
    async with database.transaction() as session:
        receipt = await session.get_one(Delivery, receipt.id)
    assert receipt.status is DeliveryStatus.FAILED
    assert "5.1.1" in receipt.error and "User unknown" in receipt.error
    assert len(await tickets(database)) == 1  # the bounce is no question
    [row] = await taken(database)
    assert row.outcome is Outcome.BOUNCE
    assert submitted.reference


async def paused_question(database: Database, settings: Settings, tmp_path: Path) -> Ticket:
    """A question routed to Sở Xây dựng, taken on, and waiting for the citizen's information."""
    submitted = await submit(database, tmp_path, email=CITIZEN)
    officer = await add_staff(database, "can-bo-sxd", "officer", "SXD")
    async with database.transaction() as session:
        await handling.accept(session, submitted.ticket_id, actor_id=officer, now=utcnow())
        await handling.request_information(
            session, submitted.ticket_id, message="Xin gửi bản sao sổ đỏ.", actor_id=officer, now=utcnow()
        )
    async with database.transaction() as session:
        return await session.get_one(Ticket, submitted.ticket_id)


async def test_a_reply_to_our_request_resumes_the_paused_clock(
    database: Database, settings: Settings, mailbox: ImapServer, smtp, tmp_path: Path
) -> None:
    ticket = await paused_question(database, settings, tmp_path)
    assert ticket.status is TicketStatus.AWAITING_CITIZEN and ticket.paused_at is not None
    await send_what_is_due(database, settings)
    inbox, _ = smtp
    request = next(m for m in inbox.by_recipient(CITIZEN) if "sổ đỏ" in m.get_body(("plain",)).get_content())
    reply = email(
        "Tôi gửi kèm bản sao sổ đỏ.\n\nVào 10:00 Th 5, 3 thg 12, 2026 Cổng hỏi đáp <hoidap@thanhhoa.example.gov.vn> đã viết:\n> Xin gửi bản sao sổ đỏ.\n",
        subject=f"Re: {request['Subject']}",
        headers={"In-Reply-To": request["Message-ID"], "References": request["References"]},
        files=(("so-do.pdf", pdf_bytes(), "application/pdf"),),
    )
    mailbox.append(reply)
    assert await read(database, settings) == 1
    [after] = await tickets(database)
    assert after.status is TicketStatus.IN_PROGRESS and after.paused_at is None
    assert after.answer_due_at >= ticket.answer_due_at
    [replied] = [e for e in await events(database, ticket.id) if e.kind == EventKind.CITIZEN_REPLIED]
    assert replied.data["text"] == "Tôi gửi kèm bản sao sổ đỏ."
    async with database.transaction() as session:
        [file] = await session.scalars(sa.select(Attachment).where(Attachment.ticket_id == ticket.id))
    assert (file.filename, file.kind) == ("so-do.pdf", "reply")
    [row] = await taken(database)
    assert (row.outcome, row.ticket_id) == (Outcome.REPLY, ticket.id)


async def test_the_signed_reply_address_works_from_another_address_and_a_bare_message_id_does_not(
    database: Database, settings: Settings, mailbox: ImapServer, smtp, tmp_path: Path
) -> None:
    ticket = await paused_question(database, settings, tmp_path)
    await send_what_is_due(database, settings)
    inbox, _ = smtp
    request = inbox.by_recipient(CITIZEN)[-1]
    signed = request["Reply-To"].addresses[0].addr_spec
    # Someone else quoting our Message-ID is a new question, not the citizen's reply…
    mailbox.append(
        email("Tôi cũng muốn hỏi.", sender="nguoi.khac@example.vn", headers={"In-Reply-To": request["Message-ID"]})
    )
    # …and a forged signature is no reply address.
    mailbox.append(
        email("Giả mạo.", sender="nguoi.khac@example.vn", to=signed.replace(".", "x.", 1).replace("+", "+0"))
    )
    mailbox.append(email("Bản sao sổ đỏ gửi từ hộp thư cơ quan.", sender="binh@congty.example.vn", to=signed))
    assert await read(database, settings) == 3
    outcomes = [row.outcome for row in await taken(database)]
    assert outcomes == [Outcome.QUESTION, Outcome.QUESTION, Outcome.REPLY]
    async with database.transaction() as session:
        after = await session.get_one(Ticket, ticket.id)
    assert after.status is TicketStatus.IN_PROGRESS


async def test_an_email_about_a_question_not_waiting_is_a_note_staff_see_and_are_told_of(
    database: Database, settings: Settings, mailbox: ImapServer, smtp, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path, email=CITIZEN)
    officer = await add_staff(database, "can-bo-sxd", "officer", "SXD")
    async with database.transaction() as session:
        (await session.get_one(User, officer)).email = "can-bo-sxd@thanhhoa.example.gov.vn"
    await send_what_is_due(database, settings)
    inbox, _ = smtp
    [receipt] = inbox.by_recipient(CITIZEN)
    mailbox.append(email("Tôi bổ sung: diện tích đất là 120 m2.", headers={"In-Reply-To": receipt["Message-ID"]}))
    assert await read(database, settings) == 1
    [note] = [e for e in await events(database, submitted.ticket_id) if e.kind == EventKind.CITIZEN_EMAIL]
    assert note.data["text"] == "Tôi bổ sung: diện tích đất là 120 m2." and not note.public
    await send_what_is_due(database, settings)
    told = inbox.by_recipient("can-bo-sxd@thanhhoa.example.gov.vn")
    assert [str(m["Subject"]) for m in told][-1] == f"Người hỏi đã gửi thêm thư về câu hỏi {submitted.reference}"


async def test_one_sender_is_rate_limited_like_the_form(
    database: Database, settings: Settings, mailbox: ImapServer
) -> None:
    settings.rate_limit = 2
    mailbox.append(*(email(f"{QUESTION} ({n})") for n in range(3)))
    assert await read(database, settings) == 3
    assert len(await tickets(database)) == 2
    rows = await taken(database)
    assert [r.outcome for r in rows] == [Outcome.QUESTION, Outcome.QUESTION, Outcome.RATE_LIMITED]
    flags = mailbox.flags()
    assert TAKEN in flags[rows[2].uid] and "\\Seen" not in flags[rows[2].uid]  # left unread, for a person


async def test_two_workers_reading_at_once_make_one_ticket_per_message(
    database: Database, settings: Settings, mailbox: ImapServer, database_url: str
) -> None:
    mailbox.append(*(email(f"{QUESTION} ({n})", sender=f"nguoi.{n}@example.vn") for n in range(30)))
    settings.mailbox.batch = 5
    other = Database(database_url)
    try:
        results = await asyncio.gather(reader.read(database, settings), reader.read(other, settings))
    finally:
        await other.dispose()
    assert sum(count for count, _ in results) == 30
    assert len(await tickets(database)) == 30
    rows = await taken(database)
    assert len(rows) == 30 and {r.outcome for r in rows} == {Outcome.QUESTION}
    assert len({r.ticket_id for r in rows}) == 30


async def test_a_reader_that_dies_after_the_commit_and_before_the_flag_takes_nothing_twice(
    database: Database, settings: Settings, mailbox: ImapServer, monkeypatch
) -> None:
    mailbox.append(email())

    def dies(self, uids, *, seen):
        raise ConnectionResetError("killed")

    with monkeypatch.context() as patched:
        patched.setattr(Mailbox, "mark_taken", dies)
        await reader.read(database, settings)
    assert len(await tickets(database)) == 1
    assert TAKEN not in next(iter(mailbox.flags().values()))
    assert await read(database, settings) == 0  # found recorded: only flagged, nothing taken again
    assert len(await tickets(database)) == 1
    assert TAKEN in next(iter(mailbox.flags().values()))


async def test_a_claim_whose_reader_died_before_the_commit_is_taken_over_once_its_lease_ran_out(
    database: Database, settings: Settings, mailbox: ImapServer
) -> None:
    mailbox.append(email())
    uid = next(iter(mailbox.flags()))
    box = Mailbox(settings.mailbox)
    async with database.transaction() as session:
        _, claims = await reader._claim(session, box.folder, box.uidvalidity(), [uid], 10)
    box.close()
    assert [c.uid for c in claims] == [uid]
    assert await read(database, settings) == 0  # claimed by the one that "died": not yet
    async with database.transaction() as session:
        await session.execute(sa.update(MailboxMessage).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert await read(database, settings) == 1
    [row] = await taken(database)
    assert (row.outcome, row.attempt) == (Outcome.QUESTION, 2)
    assert len(await tickets(database)) == 1


async def test_the_same_message_under_a_new_uidvalidity_is_a_duplicate(
    database: Database, settings: Settings, mailbox: ImapServer
) -> None:
    raw = email()
    mailbox.append(raw)
    assert await read(database, settings) == 1
    client = mailbox.client()  # the mailbox is rebuilt: a new folder of the same name, the same message in it
    client.close()
    assert client.delete(mailbox.folder)[0] == "OK" and client.create(mailbox.folder)[0] == "OK"
    client.logout()
    mailbox.append(raw)
    assert await read(database, settings) == 1
    rows = await taken(database)
    assert [r.outcome for r in rows] == [Outcome.QUESTION, Outcome.DUPLICATE]
    assert rows[0].uidvalidity != rows[1].uidvalidity
    assert len(await tickets(database)) == 1


async def test_an_unreachable_server_takes_nothing_and_says_so(database: Database, settings: Settings) -> None:
    from tests.conftest import free_port

    settings.mailbox.port = free_port()
    assert await reader.read(database, settings) == (0, False)


async def test_staff_see_on_the_question_page_what_came_by_email(
    database: Database, settings: Settings, mailbox: ImapServer, client
) -> None:
    files = (("ban-ve.pdf", png_bytes(), "application/pdf"),)
    mailbox.append(email(f"{QUESTION}\n\n<{CITIZEN}> đã viết:\n> thư cũ", files=files))
    assert await read(database, settings) == 1
    [ticket] = await tickets(database)
    signed = reply_address(OFFICE, ticket.reference, settings.secret_key.get_secret_value())
    mailbox.append(email("Tôi xin bổ sung: thửa đất số 123, tờ bản đồ số 4.", to=signed))
    assert await read(database, settings) == 1
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    await log_in(client, "dieuphoi")
    page = html.unescape((await client.get(f"/can-bo/cau-hoi/{ticket.reference}")).text)
    assert QUESTION in page and "thư cũ" not in page
    assert "Tệp đính kèm trong thư điện tử không được tiếp nhận" in page
    assert "Nội dung tệp ban-ve.pdf không khớp với tên tệp: đây không phải tệp PDF." in page
    assert "Người hỏi gửi thêm thư điện tử" in page and "Tôi xin bổ sung: thửa đất số 123, tờ bản đồ số 4." in page


@pytest.mark.skipif(not isinstance(broker, StubBroker), reason="runs on the in-process broker")
async def test_the_workers_read_the_mailbox_when_it_is_configured_and_not_otherwise(
    database: Database, settings: Settings, mailbox: ImapServer, monkeypatch
) -> None:
    mailbox.append(email())
    monkeypatch.setenv("CAUNOI_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CAUNOI_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr(actors, "_database", None)
    worker = dramatiq.Worker(broker, worker_threads=1)
    worker.start()
    try:
        for configured in (False, True):
            if configured:
                for key, value in mailbox.reach().items():
                    monkeypatch.setenv(f"CAUNOI_IMAP_{key.upper()}", str(value))
            get_settings.cache_clear()
            actors.read_mailbox.send()
            broker.join(actors.read_mailbox.queue_name, fail_fast=True)
            worker.join()
            assert len(await tickets(database)) == (1 if configured else 0)
    finally:
        worker.stop()
        get_settings.cache_clear()
    assert actors.read_mailbox in [actor for actor, _ in PERIODIC]
