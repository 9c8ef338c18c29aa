"""The email channel: one multipart message per notification, sent with aiosmtplib or kept in the local outbox.

A message carries a Message-ID derived from its notification, so that a message sent twice (a
worker killed after the server accepted it) is recognisable as one, and threading headers per
ticket, so that a citizen's mail program shows the receipt, the request for information and
the answer as one conversation.
"""

import ssl
from dataclasses import dataclass
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr
from pathlib import Path

import aiosmtplib

from notify import local_outbox
from notify.failures import DeliveryFailed
from notify.settings import NotifySettings

SEND_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    message_id: str
    """Without angle brackets, e.g. ``notification-42@portal.example.gov.vn``."""
    thread_id: str | None = None
    """The conversation this message belongs to (one per ticket): set as In-Reply-To and References."""
    reply_to: str | None = None
    """Where answers go, if not to the configured Reply-To: a signed address of the office's mailbox
    that names the ticket (see :mod:`feedback.mailbox.replies`)."""


def message_id(kind: str, key: str | int, domain: str) -> str:
    """A stable Message-ID (without brackets) for ``kind`` and ``key``, e.g. ``notification-42@…``."""
    return f"{kind}-{key}@{domain}"


def mail_domain(settings: NotifySettings) -> str:
    """The domain of the sender's address: Message-IDs are made under it."""
    return parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"


def build_message(email: Email, settings: NotifySettings) -> Message:
    """The MIME message: text and HTML alternatives, UTF-8 throughout (headers encoded as RFC 2047 needs).

    Built with the standard library's classic ``email.mime`` classes rather than ``EmailMessage``:
    the same message, but the newer API's header folding costs about five times as much CPU per
    message, which is what bounds a worker's sending rate.
    """
    message = MIMEMultipart("alternative")
    message["From"] = _address(settings.mail_from)
    message["To"] = _address(email.to)
    if email.reply_to or settings.mail_reply_to:
        message["Reply-To"] = _address(email.reply_to or settings.mail_reply_to)
    message["Subject"] = Header(email.subject, "utf-8", header_name="Subject")
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = f"<{email.message_id}>"
    if email.thread_id:
        message["In-Reply-To"] = f"<{email.thread_id}>"
        message["References"] = f"<{email.thread_id}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders stay quiet
    message.attach(MIMEText(email.text, "plain", "utf-8"))
    message.attach(MIMEText(email.html, "html", "utf-8"))
    return message


def _address(value: str) -> str:
    """``Name <address>`` with the name encoded for a header (RFC 2047) when it is not ASCII."""
    return formataddr(parseaddr(value), charset="utf-8")


class Mailer:
    """One SMTP connection, opened on the first message and kept for those that follow.

    Connecting (and TLS, and login) costs more than a message: a worker sends a batch over one
    connection. If the server cannot be reached, the rest of the batch fails at once with the
    same reason instead of each message waiting for its own timeout.
    """

    def __init__(self, settings: NotifySettings) -> None:
        assert settings.smtp_host, "a Mailer needs CAUNOI_SMTP_HOST; without it messages go to the outbox"
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        self._client = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=password,
            use_tls=settings.smtp_security == "tls",
            start_tls=settings.smtp_security == "starttls",
            tls_context=_tls_context(settings),
            timeout=SEND_TIMEOUT_S,
        )
        self._unreachable: DeliveryFailed | None = None

    async def send(self, message: Message) -> str:
        """Hand ``message`` to the server; returns its reply. Raises :class:`DeliveryFailed`."""
        if self._unreachable:
            raise self._unreachable
        if not self._client.is_connected:
            try:
                await self._client.connect()
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
                self._unreachable = DeliveryFailed(f"{type(error).__name__}: {error}", permanent=False)
                raise self._unreachable from error
        try:
            _, reply = await self._client.send_message(message)
        except aiosmtplib.SMTPRecipientsRefused as error:
            refusal = error.recipients[0]
            raise DeliveryFailed(f"{refusal.code} {refusal.message}", permanent=refusal.code >= 500) from error
        except aiosmtplib.SMTPResponseException as error:
            raise DeliveryFailed(f"{error.code} {error.message}", permanent=error.code >= 500) from error
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            self._client.close()  # a broken connection: the next message opens a new one
            raise DeliveryFailed(f"{type(error).__name__}: {error}", permanent=False) from error
        return reply

    async def close(self) -> None:
        """Say goodbye to the server (QUIT), or just drop the connection if it is not listening."""
        if not self._client.is_connected:
            return
        try:
            await self._client.quit()
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            self._client.close()


def _tls_context(settings: NotifySettings) -> ssl.SSLContext | None:
    if settings.smtp_security == "none":
        return None
    return ssl.create_default_context(cafile=settings.smtp_ca_file)


def write_to_outbox(message: Message, outbox: Path) -> Path:
    """Keep ``message`` as an ``.eml`` file under ``outbox`` (named for its Message-ID: writing twice is harmless)."""
    name = message["Message-ID"].strip("<>").replace("/", "_")
    return local_outbox.keep(outbox, f"{name}.eml", message.as_bytes())
