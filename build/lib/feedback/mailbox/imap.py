"""The office's mailbox over IMAP (imap-tools, on blocking sockets: call it from a thread).

What we need of it: the folder's UIDVALIDITY, the UIDs not yet marked taken, the messages' bytes
(read with ``BODY.PEEK``, so that reading marks nothing), and marking them taken after the commit.
A message is marked with the keyword :data:`TAKEN` (and, if it became something, ``\\Seen``); it is
neither moved nor deleted, so the mailbox stays the office's record of what arrived.
"""

import imaplib
import ssl
from collections.abc import Iterable
from contextlib import suppress

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import ImapToolsError

from feedback.mailbox.settings import MailboxSettings

TAKEN = "caunoi-taken"
TIMEOUT_S = 60.0
FETCH_BULK = 100
IMAP_ERRORS = (OSError, imaplib.IMAP4.error, ImapToolsError)
"""What a broken connection, a refused login or a refused command raises."""


class _Raw(MailMessage):
    """A fetched message kept as its bytes: :mod:`feedback.mailbox.parsing` reads them."""

    def __init__(self, fetch_data: list) -> None:
        raw, self._raw_uid_data, self._raw_flag_data = self._get_message_data_parts(fetch_data)
        self.raw = raw


class Mailbox:
    """One logged-in connection to the configured folder."""

    def __init__(self, settings: MailboxSettings) -> None:
        assert settings.host, "a Mailbox needs CAUNOI_IMAP_HOST"
        self.folder = settings.folder
        context = ssl.create_default_context(cafile=settings.ca_file) if settings.security != "none" else None
        box: BaseMailBox
        if settings.security == "tls":
            box = MailBox(settings.host, settings.port, timeout=TIMEOUT_S, ssl_context=context)
        elif settings.security == "starttls":
            box = MailBoxStartTls(settings.host, settings.port, timeout=TIMEOUT_S, ssl_context=context)
        else:
            box = MailBoxUnencrypted(settings.host, settings.port, timeout=TIMEOUT_S)
        box.email_message_class = _Raw
        password = settings.password.get_secret_value() if settings.password else ""
        box.login(settings.username or "", password, initial_folder=settings.folder)
        self._box = box

    def uidvalidity(self) -> int:
        return self._box.folder.status(self.folder, ["UIDVALIDITY"])["UIDVALIDITY"]

    def waiting(self) -> list[int]:
        """The UIDs of the messages not marked taken, oldest first."""
        return sorted(int(uid) for uid in self._box.uids(f"UNKEYWORD {TAKEN}"))

    def fetch(self, uids: Iterable[int]) -> dict[int, bytes]:
        """The bytes of each message still there, by UID."""
        wanted = [str(uid) for uid in uids]
        if not wanted:
            return {}
        fetched = self._box.fetch(uid_list=wanted, mark_seen=False, bulk=FETCH_BULK)
        return {int(message.uid): message.raw for message in fetched if message.uid}  # type: ignore[attr-defined]

    def mark_taken(self, uids: Iterable[int], *, seen: bool) -> None:
        """Flag the messages taken (and read, if ``seen``): a plain STORE, without the EXPUNGE imap-tools adds."""
        wanted = ",".join(str(uid) for uid in uids)
        if not wanted:
            return
        flags = f"({TAKEN} \\Seen)" if seen else f"({TAKEN})"
        status, data = self._box.client.uid("STORE", wanted, "+FLAGS.SILENT", flags)
        if status != "OK":
            raise imaplib.IMAP4.error(f"STORE refused: {data!r}")

    def close(self) -> None:
        with suppress(*IMAP_ERRORS):  # the connection is going away anyway
            self._box.logout()
