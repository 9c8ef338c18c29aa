"""The email channel: one multipart message per notification, sent with aiosmtplib or kept in the local outbox.

A message carries a Message-ID derived from its notification, so that a message sent twice (a
worker killed after the server accepted it) is recognisable as one, and threading headers per
ticket, so that a citizen's mail program shows the receipt, the request for information and
the answer as one conversation.
"""

import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
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


def message_id(kind: str, key: str | int, domain: str) -> str:
    """A stable Message-ID (without brackets) for ``kind`` and ``key``, e.g. ``notification-42@…``."""
    return f"{kind}-{key}@{domain}"


def mail_domain(settings: NotifySettings) -> str:
    """The domain of the sender's address: Message-IDs are made under it."""
    return parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"


def build_message(email: Email, settings: NotifySettings) -> EmailMessage:
    """The MIME message: text and HTML alternatives, UTF-8 throughout (headers encoded as RFC 2047 needs)."""
    name, address = parseaddr(settings.mail_from)
    message = EmailMessage()
    message["From"] = Address(display_name=name, addr_spec=address)
    message["To"] = email.to
    if settings.mail_reply_to:
        message["Reply-To"] = settings.mail_reply_to
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = f"<{email.message_id}>"
    if email.thread_id:
        message["In-Reply-To"] = f"<{email.thread_id}>"
        message["References"] = f"<{email.thread_id}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders stay quiet
    message.set_content(email.text, charset="utf-8")
    message.add_alternative(email.html, subtype="html", charset="utf-8")
    return message


async def send(message: EmailMessage, settings: NotifySettings) -> str:
    """Hand ``message`` to the SMTP server; returns the server's reply. Raises :class:`DeliveryFailed`."""
    assert settings.smtp_host, "send() needs CAUNOI_SMTP_HOST; without it messages go to the outbox"
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    try:
        _, reply = await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=password,
            use_tls=settings.smtp_security == "tls",
            start_tls=settings.smtp_security == "starttls",
            tls_context=_tls_context(settings),
            timeout=SEND_TIMEOUT_S,
        )
    except aiosmtplib.SMTPRecipientsRefused as error:
        refusal = error.recipients[0]
        raise DeliveryFailed(f"{refusal.code} {refusal.message}", permanent=refusal.code >= 500) from error
    except aiosmtplib.SMTPResponseException as error:
        raise DeliveryFailed(f"{error.code} {error.message}", permanent=error.code >= 500) from error
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}", permanent=False) from error
    return reply


def _tls_context(settings: NotifySettings) -> ssl.SSLContext | None:
    if settings.smtp_security == "none":
        return None
    return ssl.create_default_context(cafile=settings.smtp_ca_file)


def write_to_outbox(message: EmailMessage, outbox: Path) -> Path:
    """Keep ``message`` as an ``.eml`` file under ``outbox`` (named for its Message-ID: writing twice is harmless)."""
    name = message["Message-ID"].strip("<>").replace("/", "_")
    return local_outbox.keep(outbox, f"{name}.eml", message.as_bytes())
