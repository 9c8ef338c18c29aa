"""What one email becomes: a question, the citizen's reply or a note on one, a bounced delivery, or nothing.

Everything here runs in the transaction that records the message as taken (see
:mod:`feedback.mailbox.reader`), so a message and what it became are written together or not at all.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

import structlog
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import MAX_REASON, locked_ticket, record, tell_staff
from feedback.errors import InvalidInput
from feedback.intake import receive_question
from feedback.lifecycle import EventKind, TicketStatus
from feedback.mailbox.models import MailboxMessage, Outcome
from feedback.mailbox.parsing import Mail
from feedback.mailbox.replies import replied_ticket
from feedback.mailbox.schemas import EmailQuestionIn
from feedback.mailbox.text import plain
from feedback.models import AttachmentKind, Channel, Ticket
from feedback.schemas import QUESTION_MAX, TITLE_MAX
from feedback.settings import Settings
from feedback.tickets import reply_from_citizen
from feedback.uploads import MAX_FILES, CheckedFile, IncomingFile, check_files, store_files
from notify.delivery import record_bounce
from notify.mail import mail_domain
from routing.text import first_words

log = structlog.get_logger()

RATE_WINDOW = timedelta(minutes=1)
NAME_MAX = 120
TITLE_WORDS = 80
"""A question without a subject is titled with the first words of its text, this many characters at most."""


@dataclass(frozen=True)
class Taken:
    outcome: Outcome
    ticket_id: int | None = None
    detail: str | None = None


def sender_key(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


async def take(session: AsyncSession, mail: Mail, *, settings: Settings, now: datetime) -> Taken:
    """Turn ``mail`` into what it is, in the caller's transaction (the caller commits)."""
    if mail.bounce is not None:
        domain = mail_domain(settings.notify)
        marked = await record_bounce(session, mail.bounce.message_ids, mail.bounce.failed, domain=domain)
        return Taken(Outcome.BOUNCE, detail=f"deliveries marked failed: {marked}")
    ours = {parseaddr(settings.notify.mail_from)[1].lower(), (settings.mailbox.address or "").lower()}
    if mail.automatic or mail.sender.lower() in ours:  # never answer a machine, nor ourselves
        return Taken(Outcome.AUTO_REPLY)
    ticket = await replied_ticket(
        session,
        mail,
        mail_domain=mail_domain(settings.notify),
        mailbox=settings.mailbox.address,
        secret=settings.secret_key.get_secret_value(),
    )
    if ticket is not None:
        return await _add_to(session, ticket, mail, settings=settings, now=now)
    return await _question(session, mail, settings=settings, now=now)


def _sorted_files(files: list[IncomingFile]) -> tuple[list[CheckedFile], list[dict]]:
    """The files checked one by one as uploads are: those accepted, and each refused one's problem."""
    accepted: list[CheckedFile] = []
    refused: list[dict] = []
    for file in files:
        if len(accepted) == MAX_FILES:
            refused.append({"code": "file_not_taken", "params": {"filename": file.filename, "max_files": MAX_FILES}})
            continue
        try:
            accepted += check_files([file])
        except InvalidInput as problem:
            error = problem.errors[0]
            refused.append({"code": error.code, "params": error.params})
    return accepted, refused


async def _files(session: AsyncSession, ticket_id: int, refused: list[dict], *, now: datetime) -> None:
    """List on the ticket, for staff, the files that were not accepted, and why."""
    if refused:
        ticket = await session.get_one(Ticket, ticket_id)
        record(session, ticket, EventKind.FILES_REFUSED, None, now, files=refused)


async def _over_the_limit(session: AsyncSession, key: str, limit: int, now: datetime) -> bool:
    """Whether this sender already had ``limit`` questions taken in the last minute (as the form's limit)."""
    if session.bind.dialect.name == "postgresql":  # two readers count one sender's messages one after the other
        await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"mailbox:{key}"})
    count = await session.scalar(
        select(func.count())
        .select_from(MailboxMessage)
        .where(
            MailboxMessage.sender_key == key,
            MailboxMessage.outcome == Outcome.QUESTION,
            MailboxMessage.taken_at > now - RATE_WINDOW,
        )
    )
    return (count or 0) >= limit


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else f"{value[: limit - 1]}…"


async def _question(session: AsyncSession, mail: Mail, *, settings: Settings, now: datetime) -> Taken:
    if mail.sender and await _over_the_limit(session, sender_key(mail.sender), settings.rate_limit, now):
        log.warning("mailbox_sender_rate_limited")
        return Taken(Outcome.RATE_LIMITED)
    aliases = settings.mailbox.aliases
    category = next((aliases[r] for r in mail.recipients if r in aliases), settings.mailbox.category)
    body = mail.text or mail.subject
    fields = {
        "category": category,
        "title": _cut(mail.subject, TITLE_MAX) or first_words(body, TITLE_WORDS),
        "question": _cut(body, QUESTION_MAX),
        "name": _cut(mail.sender_name or mail.sender.partition("@")[0], NAME_MAX),
        "email": mail.sender,
    }
    accepted, refused = _sorted_files(mail.attachments)
    try:
        submitted = await receive_question(
            session,
            fields,
            [IncomingFile(f.filename, f.data) for f in accepted],
            channel=Channel.EMAIL,
            language="vi",
            upload_dir=settings.uploads,
            now=now,
            schema=EmailQuestionIn,
        )
    except InvalidInput as problem:  # no usable sender or text, or an alias naming no category
        detail = ", ".join(f"{e.field}: {e.code}" for e in problem.errors)
        log.warning("mailbox_message_refused", problems=detail)
        return Taken(Outcome.REFUSED, detail=detail[:200])
    await _files(session, submitted.ticket_id, refused, now=now)
    return Taken(Outcome.QUESTION, submitted.ticket_id)


async def _replied(
    session: AsyncSession, ticket: Ticket, said: str, files: list[CheckedFile], settings: Settings, now: datetime
) -> bool:
    """Take ``said`` as the reply the question waits for; False (and nothing written) if it cannot be."""
    try:
        async with session.begin_nested():
            incoming = [IncomingFile(f.filename, f.data) for f in files]
            await reply_from_citizen(session, ticket, said, incoming, upload_dir=settings.uploads, now=now)
    except InvalidInput:
        return False
    return True


def _in_charge(ticket: Ticket) -> str | None:
    """Who is told of a note: the officer the question is assigned to, else its department's inbox."""
    if ticket.assignee_id:
        return f"user:{ticket.assignee_id}"
    return f"department:{ticket.department_id}" if ticket.department_id else None


async def _add_to(session: AsyncSession, ticket: Ticket, mail: Mail, *, settings: Settings, now: datetime) -> Taken:
    """The citizen's reply, when the question waits for it (the clock runs again); otherwise a note staff see."""
    accepted, refused = _sorted_files(mail.attachments)
    said = mail.text or mail.subject or ", ".join(f.filename for f in mail.attachments) or "…"
    said = _cut(plain(said), MAX_REASON)
    if ticket.status is TicketStatus.AWAITING_CITIZEN and await _replied(
        session, ticket, said, accepted, settings, now
    ):
        outcome = Outcome.REPLY
    else:
        ticket = await locked_ticket(session, ticket.id)
        ticket.updated_at = now
        record(session, ticket, EventKind.CITIZEN_EMAIL, None, now, text=said)
        await store_files(session, ticket.id, accepted, upload_dir=settings.uploads, now=now, kind=AttachmentKind.REPLY)
        if recipient := _in_charge(ticket):
            await tell_staff(session, ticket, "citizen_wrote", recipient, now)
        outcome = Outcome.NOTE
    await _files(session, ticket.id, refused, now=now)
    return Taken(outcome, ticket.id)
