"""How a citizen's email finds the question it answers.

Two ways: the reply carries one of our Message-IDs in ``In-Reply-To``/``References``
(``delivery-N@…``, a message we sent, or ``ticket-<reference>@…``, a question's thread), or it
was sent to the reply address our emails to the citizen carry, ``hoidap+<reference>.<signature>@…``.

A Message-ID is not secret (a reference is printed on receipts), so a reply matched by one counts
only from the citizen's own address; the signed address is proof enough from any address (the
citizen may answer from another account), and cannot be made up for a question one has not seen.
"""

import base64
import hashlib
import hmac
import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.mailbox.parsing import Mail
from feedback.models import Ticket
from notify.models import Delivery

_REFERENCE = r"\d{4}-\d{6,}"


def _signature(reference: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"mailbox-reply:{reference}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode().lower()  # 80 bits, 16 characters a mail server keeps as they are


def reply_address(mailbox: str, reference: str, secret: str) -> str:
    """``hoidap+2026-000123.k3j9…@thanhhoa.gov.vn`` for ``mailbox`` ``hoidap@thanhhoa.gov.vn``."""
    local, _, domain = mailbox.rpartition("@")
    return f"{local}+{reference}.{_signature(reference, secret)}@{domain}"


def addresser(mailbox: str | None, secret: str) -> Callable[[str], str] | None:
    """The reply address of each question's emails to the citizen, or None if the mailbox is not configured."""
    if not mailbox:
        return None
    return lambda reference: reply_address(mailbox, reference, secret)


def signed_reference(recipients: list[str], mailbox: str | None, secret: str) -> str | None:
    """The reference of a correctly signed reply address among ``recipients``."""
    if not mailbox:
        return None
    local, _, domain = mailbox.lower().rpartition("@")
    pattern = re.compile(rf"{re.escape(local)}\+({_REFERENCE})\.([a-z2-7]{{16}})@{re.escape(domain)}")
    for recipient in recipients:
        if (found := pattern.fullmatch(recipient)) and hmac.compare_digest(found[2], _signature(found[1], secret)):
            return found[1]
    return None


async def replied_ticket(
    session: AsyncSession, mail: Mail, *, mail_domain: str, mailbox: str | None, secret: str
) -> Ticket | None:
    """The question ``mail`` answers, if it answers one (see the module's docstring)."""
    reference = signed_reference(mail.recipients, mailbox, secret)
    if reference is None:
        ours = re.compile(rf"(delivery|ticket)-(.+)@{re.escape(mail_domain)}", re.IGNORECASE)
        deliveries, references = [], []
        for message_id in mail.references:
            if found := ours.fullmatch(message_id):
                if found[1].lower() == "ticket":
                    references.append(found[2])
                elif found[2].isdigit() and len(found[2]) < 10:
                    deliveries.append(int(found[2]))
        if deliveries:
            threads = await session.scalars(select(Delivery.thread).where(Delivery.id.in_(deliveries)))
            references += [thread for thread in threads if thread]
        if not references:
            return None
        ticket = next(iter(await session.scalars(select(Ticket).where(Ticket.reference.in_(references)))), None)
        same_sender = ticket is not None and (ticket.citizen_email or "").lower() == mail.sender.lower()
        return ticket if same_sender else None
    return await session.scalar(select(Ticket).where(Ticket.reference == reference))
