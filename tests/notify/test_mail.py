"""The email channel against a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS, implicit TLS, refusals."""

import email
import email.policy
from collections.abc import Iterator
from dataclasses import replace
from email.message import Message
from pathlib import Path

import pytest
import trustme

from notify.failures import DeliveryFailed
from notify.mail import Email, Mailer, build_message, mail_domain, message_id, write_to_outbox
from notify.settings import NotifySettings
from tests.conftest import free_port
from tests.notify.smtp_server import Inbox, smtp_server

SUBJECT = "Câu hỏi HN-2026-000123 đã được trả lời"
TEXT = "Kính gửi ông Nguyễn Văn Đức,\nSở Xây dựng đã trả lời câu hỏi của ông: https://cong.example.gov.vn/tra-cuu/HN-2026-000123"
HTML = '<p>Kính gửi ông Nguyễn Văn Đức,</p><p><a href="https://cong.example.gov.vn/tra-cuu/HN-2026-000123">Xem câu trả lời</a></p>'


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    ca = trustme.CA()
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    return ca, bundle


@pytest.fixture
def smtp(request: pytest.FixtureRequest, certificates) -> Iterator[tuple[Inbox, NotifySettings]]:
    """A running server; ``request.param`` is the security: none, starttls or tls."""
    ca, bundle = certificates
    with smtp_server(getattr(request, "param", "none"), ca) as (inbox, reach):
        yield (
            inbox,
            NotifySettings(
                **reach,
                smtp_ca_file=str(bundle),
                mail_from="Cổng hỏi đáp tỉnh Thanh Hóa <hoidap@thanhhoa.example.gov.vn>",
                mail_reply_to="Văn phòng UBND tỉnh <vanphong@thanhhoa.example.gov.vn>",
            ),
        )


async def send(message: Message, settings: NotifySettings) -> str:
    """One message on a connection of its own."""
    mailer = Mailer(settings)
    try:
        return await mailer.send(message)
    finally:
        await mailer.close()


def answered_email(settings: NotifySettings) -> Email:
    domain = mail_domain(settings)
    return Email(
        to="Nguyễn Văn Đức <duc.nguyen@example.com>",
        subject=SUBJECT,
        text=TEXT,
        html=HTML,
        message_id=message_id("notification", 42, domain),
        thread_id=message_id("ticket", "HN-2026-000123", domain),
    )


@pytest.mark.parametrize("smtp", ["none", "starttls", "tls"], indirect=True)
async def test_a_vietnamese_multipart_message_arrives_whole(smtp) -> None:
    inbox, settings = smtp
    reply = await send(build_message(answered_email(settings), settings), settings)
    assert "queued as 4F2A1C" in reply
    [(envelope, received)] = inbox.messages
    assert envelope.rcpt_tos == ["duc.nguyen@example.com"]
    assert inbox.logins == ["cong-hoi-dap"]
    assert received["Subject"] == SUBJECT
    assert received["From"].addresses[0].display_name == "Cổng hỏi đáp tỉnh Thanh Hóa"
    assert received["Reply-To"].addresses[0].addr_spec == "vanphong@thanhhoa.example.gov.vn"
    assert received["Message-ID"] == "<notification-42@thanhhoa.example.gov.vn>"
    assert received["In-Reply-To"] == received["References"] == "<ticket-HN-2026-000123@thanhhoa.example.gov.vn>"
    assert received.get_content_type() == "multipart/alternative"
    text, html = received.get_body(("plain",)), received.get_body(("html",))
    assert text.get_content().strip() == TEXT and text.get_content_charset() == "utf-8"
    assert "https://cong.example.gov.vn/tra-cuu/HN-2026-000123" in html.get_content()
    raw = envelope.original_content
    assert raw.isascii()  # every header and part encoded for transport
    assert "Câu hỏi".encode() not in raw


async def test_a_refused_recipient_is_permanent_and_a_busy_server_is_not(smtp) -> None:
    inbox, settings = smtp
    message = build_message(answered_email(settings), settings)
    inbox.refuse_rcpt = "550 5.1.1 <duc.nguyen@example.com>: Recipient address rejected"
    with pytest.raises(DeliveryFailed) as refused:
        await send(message, settings)
    assert refused.value.permanent and "550" in refused.value.reason
    inbox.refuse_rcpt = "451 4.3.0 Mailbox busy, try again later"
    with pytest.raises(DeliveryFailed) as busy:
        await send(message, settings)
    assert not busy.value.permanent and "451" in busy.value.reason
    assert inbox.messages == []


async def test_a_server_that_is_down_is_a_transient_failure() -> None:
    settings = NotifySettings(smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none")
    with pytest.raises(DeliveryFailed) as down:
        await send(build_message(answered_email(settings), settings), settings)
    assert not down.value.permanent


async def test_a_batch_goes_over_one_connection_and_a_refusal_does_not_break_it(smtp) -> None:
    inbox, settings = smtp
    mailer = Mailer(settings)
    for n in range(3):
        await mailer.send(build_message(replace(answered_email(settings), to=f"nguoi.{n}@example.com"), settings))
    inbox.refuse_rcpt = "550 5.1.1 Recipient address rejected"
    with pytest.raises(DeliveryFailed):
        await mailer.send(build_message(replace(answered_email(settings), to="khong.co@example.com"), settings))
    inbox.refuse_rcpt = None
    await mailer.send(build_message(replace(answered_email(settings), to="nguoi.3@example.com"), settings))
    await mailer.close()
    assert [envelope.rcpt_tos[0] for envelope, _ in inbox.messages] == [f"nguoi.{n}@example.com" for n in range(4)]
    assert inbox.logins == ["cong-hoi-dap"]  # one connection, one login


async def test_once_the_server_cannot_be_reached_the_rest_of_the_batch_fails_at_once() -> None:
    settings = NotifySettings(smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none")
    mailer = Mailer(settings)
    message = build_message(answered_email(settings), settings)
    with pytest.raises(DeliveryFailed) as first:
        await mailer.send(message)
    with pytest.raises(DeliveryFailed) as second:
        await mailer.send(message)
    assert second.value is first.value and not first.value.permanent
    await mailer.close()


def test_the_local_outbox_keeps_one_file_per_message(tmp_path: Path) -> None:
    settings = NotifySettings(mail_from="Cổng hỏi đáp <hoidap@thanhhoa.example.gov.vn>")
    message = build_message(answered_email(settings), settings)
    first = write_to_outbox(message, tmp_path / "outbox")
    again = write_to_outbox(message, tmp_path / "outbox")
    assert first == again and [p.name for p in (tmp_path / "outbox").iterdir()] == [first.name]
    kept = email.message_from_bytes(first.read_bytes(), policy=email.policy.default)
    assert kept["Subject"] == SUBJECT and kept.get_body(("plain",)).get_content().strip() == TEXT
