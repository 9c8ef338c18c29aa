"""What a text does: a keyword changes what we may send to its number, a reply resumes a paused
question, anything else becomes a new question."""

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import structlog
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import MAX_REASON
from feedback.intake import receive_question
from feedback.lifecycle import TicketStatus
from feedback.models import Channel, Ticket
from feedback.schemas import QUESTION_MAX
from feedback.texting.keywords import Keyword
from feedback.texting.models import SmsReceived
from feedback.texting.schemas import SmsQuestionIn
from feedback.tickets import reply_from_citizen
from notify import opt_out
from routing.services import routing_data
from routing.text import first_words, nfc, without_control_characters

log = structlog.get_logger()

TITLE_LENGTH = 80
"""A title is the text's first words, cut after a word within this many characters."""
_WORD_END = re.compile(r"\S+")


@dataclass(frozen=True)
class Taken:
    """What became of a text: the reference of the question it asked or answered, and which."""

    reference: str
    replied: bool


def clean(text: str, limit: int) -> str:
    """``text`` as we store it: NFC, control characters as spaces, at most ``limit`` characters (cut after a word, "…")."""
    text = without_control_characters(nfc(text), " ").strip()
    return text if len(text) <= limit else shorten(text, limit)


def shorten(text: str, limit: int) -> str:
    """The first words of ``text`` within ``limit`` characters, "…" included; a first word too long is cut."""
    if len(text) <= limit:
        return text
    cut = ""
    for word in _WORD_END.finditer(text):
        if word.end() + 1 > limit:
            break
        cut = text[: word.end()]
    return f"{cut or text[: limit - 1]}…"


async def first_time(session: AsyncSession, sid: str, *, now: datetime) -> bool:
    """Record that the text ``sid`` is being taken; False if it was taken before (Twilio called twice).

    The row commits with whatever the text did, so a text that failed half way is taken again.
    """
    if not sid:
        return True  # Twilio always sends one; without it there is nothing to recognise a repeat by
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    inserted = await session.execute(
        dialect.insert(SmsReceived).values(sid=sid[:64], at=now).on_conflict_do_nothing().returning(SmsReceived.sid)
    )
    return inserted.first() is not None


async def keyword(session: AsyncSession, phone: str, word: Keyword, *, now: datetime) -> None:
    """STOP records the number's refusal, START lifts it; HELP changes nothing (the webhook answers it)."""
    if word is Keyword.STOP:
        await opt_out.stop(session, phone, now=now)
    elif word is Keyword.START:
        await opt_out.start(session, phone)


async def take_text(
    session: AsyncSession, phone: str, text: str, *, category: str, upload_dir: Path, now: datetime
) -> Taken:
    """The citizen's reply, if the office is waiting for information from ``phone``; a new question otherwise.

    When several of the number's questions await information, the reply goes to the one asked
    most recently. Raises :class:`~feedback.errors.InvalidInput` when the text cannot be taken.
    """
    waiting = await session.scalar(
        select(Ticket)
        .where(Ticket.citizen_phone == phone, Ticket.status == TicketStatus.AWAITING_CITIZEN)
        .order_by(Ticket.paused_at.desc().nulls_last(), Ticket.id.desc())
        .limit(1)
    )
    if waiting is not None:  # as on the status page: relayed to a peer portal if it is the one asking
        await reply_from_citizen(session, waiting, clean(text, MAX_REASON), [], upload_dir=upload_dir, now=now)
        return Taken(waiting.reference, replied=True)
    question = clean(text, QUESTION_MAX)
    fields = {
        "category": await _category(session, category),
        "title": first_words(question, TITLE_LENGTH),
        "question": question,
        "phone": phone,
    }
    submitted = await receive_question(
        session, fields, [], channel=Channel.SMS, language="vi", upload_dir=upload_dir, now=now, schema=SmsQuestionIn
    )
    return Taken(submitted.reference, replied=False)


async def _category(session: AsyncSession, configured: str) -> str:
    """``configured`` if it is an active category; else one that no department answers by default
    (the coordinating office sorts those), else any: a text is never lost for want of a category."""
    data = await routing_data(session)
    if configured in data.categories or not data.categories:
        return configured
    log.warning("sms_category_unknown", configured=configured)
    return next((code for code in data.categories if code not in data.category_defaults), next(iter(data.categories)))
