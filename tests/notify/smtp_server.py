"""A real SMTP server (aiosmtpd) on loopback that keeps what it accepts, for the product to send to."""

import asyncio
import email
import email.policy
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from tests.conftest import free_port

USERNAME, PASSWORD = "cong-hoi-dap", "mat-khau"


class Inbox:
    """What the server accepted, and what it should refuse."""

    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, EmailMessage]] = []
        self.refuse_rcpt: str | None = None
        self.logins: list[str] = []
        self.delay_s = 0.0
        """How long the server takes over each message (a slow server: a batch takes a while)."""

    def by_recipient(self, address: str) -> list[EmailMessage]:
        return [message for envelope, message in self.messages if address in envelope.rcpt_tos]

    async def handle_RCPT(self, server, session: Session, envelope: Envelope, address: str, options) -> str:  # noqa: N802
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope, parsed))
        return "250 2.0.0 Ok: queued as 4F2A1C"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
        if ok:
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)


def _server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


@contextmanager
def smtp_server(
    security: str = "none", ca: trustme.CA | None = None, *, port: int | None = None, inbox: Inbox | None = None
) -> Iterator[tuple[Inbox, dict]]:
    """A running server and the ``CAUNOI_SMTP_*`` settings that reach it (``ca`` for STARTTLS or TLS).

    ``port`` and ``inbox`` let a test bring a server back where it was, with what it had received.
    """
    inbox, port = inbox or Inbox(), port or free_port()
    # aiosmtpd cannot tell an implicit-TLS connection from a plain one: AUTH over STARTTLS only is checked.
    options: dict = {"authenticator": inbox.authenticate, "auth_require_tls": security == "starttls"}
    if security == "starttls":
        options |= {"tls_context": _server_context(ca), "require_starttls": True}
    elif security == "tls":
        options |= {"ssl_context": _server_context(ca)}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, server_hostname="127.0.0.1", **options)
    controller.start()
    settings = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_security": security,
        "smtp_username": USERNAME,
        "smtp_password": PASSWORD,
    }
    try:
        yield inbox, settings
    finally:
        controller.stop()
