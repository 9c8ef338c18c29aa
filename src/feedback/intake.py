"""Receiving a question: the one path by which a ticket comes into existence, from page and API alike."""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import FieldError, InvalidInput, from_validation_error
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Channel, Ticket, TicketEvent
from feedback.references import format_reference, next_number
from feedback.schemas import QuestionIn
from feedback.uploads import CheckedFile, IncomingFile, check_files, store_files
from routing.calendar import VIETNAM
from routing.models import Area, Category
from routing.text import fold


def hash_token(token: str) -> str:
    # The token is 256 random bits: a plain SHA-256 is enough, no slow hash is needed.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Submitted:
    ticket: Ticket
    token: str
    """The access token in clear: shown once, in the tracking link, and never stored."""


async def _resolve_choices(
    session: AsyncSession, fields: Mapping[str, Any]
) -> tuple[int | None, int | None, list[FieldError]]:
    """The ids behind the category and area codes, with an error for each code that names nothing."""
    errors = []
    category_id = area_id = None
    if isinstance(category := fields.get("category"), str) and category.strip():
        category_id = await session.scalar(
            select(Category.id).where(Category.code == category.strip(), Category.active)
        )
        if category_id is None:
            errors.append(FieldError("category", "category_unknown"))
    if isinstance(area := fields.get("area"), str) and area.strip():
        area_id = await session.scalar(select(Area.id).where(Area.code == area.strip(), Area.active))
        if area_id is None:
            errors.append(FieldError("area", "area_unknown"))
    return category_id, area_id, errors


async def receive_question(
    session: AsyncSession,
    fields: Mapping[str, Any],
    files: list[IncomingFile],
    *,
    channel: Channel,
    language: str,
    upload_dir: Path,
    now: datetime,
) -> Submitted:
    """Validate what a citizen sent, fields, choices and files together, and record it.

    Every problem is reported at once (:class:`InvalidInput`), so the citizen can correct the
    whole form in one go; nothing is written unless everything is acceptable. The caller commits.
    """
    errors: list[FieldError] = []
    question = None
    try:
        question = QuestionIn.model_validate(fields)
    except ValidationError as exc:
        errors.extend(from_validation_error(exc).errors)
    category_id, area_id, choice_errors = await _resolve_choices(session, fields)
    errors.extend(e for e in choice_errors if e.field not in {f.field for f in errors})
    checked: list[CheckedFile] = []
    status = 422
    try:
        checked = check_files(files)
    except InvalidInput as exc:
        errors.extend(exc.errors)
        status = exc.status
    if errors or question is None or category_id is None:
        raise InvalidInput(errors, status=status)
    return await _record(
        session,
        question,
        checked,
        category_id=category_id,
        area_id=area_id,
        channel=channel,
        language=language,
        upload_dir=upload_dir,
        now=now,
    )


async def _record(
    session: AsyncSession,
    question: QuestionIn,
    files: list[CheckedFile],
    *,
    category_id: int,
    area_id: int | None,
    channel: Channel,
    language: str,
    upload_dir: Path,
    now: datetime,
) -> Submitted:
    year = now.astimezone(VIETNAM).year
    number = await next_number(session, year)
    token = secrets.token_urlsafe(32)
    ticket = Ticket(
        reference=format_reference(year, number),
        year=year,
        number=number,
        token_hash=hash_token(token),
        category_id=category_id,
        status=TicketStatus.RECEIVED,
        channel=channel,
        language=language,
        title=question.title,
        body=question.question,
        area_id=area_id,
        address=question.address,
        citizen_name=question.name,
        citizen_email=question.email,
        citizen_phone=question.phone,
        publish_consent=question.publish,
        show_name=question.publish and question.show_name,
        search_text=fold(f"{question.title}\n{question.question}"),
        created_at=now,
        updated_at=now,
    )
    session.add(ticket)
    await session.flush()
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind=EventKind.RECEIVED,
            data={"channel": channel},
            at=now,
        )
    )
    await store_files(session, ticket, files, upload_dir=upload_dir, now=now)
    return Submitted(ticket, token)
