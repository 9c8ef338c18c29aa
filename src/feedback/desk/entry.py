"""Entering a question taken by phone, at the counter, by letter or fax ("Nhập câu hỏi").

The legal clock starts when the office received the question, not when someone typed it in:
the instant of receipt is intake's ``now``, so it is routed and clocked like any question from
then. It may be up to :data:`RECEIPT_WINDOW_WORKING_DAYS` working days back, never in the future;
one from an earlier day carries a note saying why it came in late, kept in the history.
"""

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text
from feedback.desk.schemas import DeskQuestionIn, missing_contact
from feedback.errors import FieldError, InvalidInput, from_validation_error
from feedback.intake import Submitted, area_or_error, receive_question
from feedback.lifecycle import EventKind
from feedback.models import Channel, TicketEvent, User
from feedback.uploads import EXTENSIONS, IncomingFile, check_files
from routing.calendar import VIETNAM, YEARS, WorkingCalendar
from routing.services import category_id_for, routing_data
from routing.text import contains_control_characters

RECEIPT_WINDOW_WORKING_DAYS = 10
SCAN_EXTENSIONS = frozenset(ext for ext, kind in EXTENSIONS.items() if kind.startswith(("application/pdf", "image/")))
"""Scanned documents: PDF, JPEG and PNG (the portal also takes DOCX, which no scanner makes)."""
_RECEIVED_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y")


def earliest_receipt(calendar: WorkingCalendar, today: date, working_days: int = RECEIPT_WINDOW_WORKING_DAYS) -> date:
    """The earliest day of receipt that may be entered on ``today``: ``working_days`` working days have passed since.

    Received on Monday 16/11 with no holiday between, the question may be entered until Monday 30/11.
    """
    day, passed = today, 0  # passed: working days after ``day``, up to and including today
    for _ in range(366):
        if calendar.is_working_day(day):
            if passed == working_days:
                return day
            passed += 1
        day -= timedelta(days=1)
    return day  # a calendar without working days: a year back is as far as anyone looks


def read_received(text: str) -> datetime | None:
    """The instant of receipt from the form: a ``datetime-local`` value, or typed as dd/mm/yyyy hh:mm, in Vietnam time."""
    text = text.strip()
    value = None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        for pattern in _RECEIVED_FORMATS:
            try:
                value = datetime.strptime(text, pattern)  # noqa: DTZ007  (Vietnam time, set just below)
                break
            except ValueError:
                continue
    if value is None or value.year not in YEARS:
        return None
    return value.replace(tzinfo=VIETNAM) if value.tzinfo is None else value


def _received_errors(
    received: datetime | None, delay_note: str, calendar: WorkingCalendar, now: datetime, errors: list[FieldError]
) -> str | None:
    """Check the instant of receipt; the note explaining a late entry, if one is needed."""
    if received is None:
        errors.append(FieldError("received_at", "received_invalid"))
        return None
    today = now.astimezone(VIETNAM).date()
    day = received.astimezone(VIETNAM).date()
    earliest = earliest_receipt(calendar, today)
    if received > now:
        errors.append(FieldError("received_at", "received_in_future"))
    elif day < earliest:
        days = RECEIPT_WINDOW_WORKING_DAYS
        errors.append(
            FieldError("received_at", "received_too_early", {"days": days, "earliest": f"{earliest:%d/%m/%Y}"})
        )
    if day >= today:
        return None
    if contains_control_characters(delay_note):
        errors.append(FieldError("delay_note", "control_character"))
        return None
    return checked_text(delay_note, "delay_note", errors, missing="delay_note_missing")


def _file_errors(files: list[IncomingFile]) -> list[FieldError]:
    """Scans only, then the portal's limits (size, count, a type that matches the bytes); the file refused is named."""
    for file in files:
        if PurePath(file.filename).suffix.lower() not in SCAN_EXTENSIONS:
            return [FieldError("files", "scan_type_forbidden", {"filename": PurePath(file.filename).name})]
    try:
        check_files(files)
    except InvalidInput as exc:
        return exc.errors
    return []


async def _question_errors(session: AsyncSession, fields: Mapping[str, Any]) -> list[FieldError]:
    """What intake would refuse in the question's fields, found without recording anything."""
    errors: list[FieldError] = []
    try:
        DeskQuestionIn.model_validate(fields)
    except ValidationError as exc:
        errors = from_validation_error(exc).errors
    refused = {e.field for e in errors}
    if "contact" not in refused and missing_contact(fields.get("channel"), *_contacts(fields)):
        errors.append(FieldError("contact", "desk_contact_missing"))  # said at once, with the fields' own mistakes
    category, area = fields.get("category"), fields.get("area")
    given = isinstance(category, str) and category.strip() and "category" not in refused
    if given and await category_id_for(session, str(category)) is None:
        errors.append(FieldError("category", "category_unknown"))
    if isinstance(area, str) and area.strip() and "area" not in refused:
        _, error = await area_or_error(session, area.strip())
        errors.extend([error] if error else [])
    # The portal's words speak to the citizen ("your name"); here an officer types it for them.
    return [
        FieldError(e.field, "citizen_name_missing") if (e.field, e.code) == ("name", "missing") else e for e in errors
    ]


def _contacts(fields: Mapping[str, Any]) -> list[str | None]:
    return [value if isinstance(value := fields.get(name), str) else None for name in ("email", "phone", "address")]


async def enter_question(
    session: AsyncSession,
    fields: Mapping[str, Any],
    files: list[IncomingFile],
    *,
    received: str,
    delay_note: str,
    staff: User,
    upload_dir: Path,
    now: datetime,
) -> Submitted:
    """Record a question ``staff`` took from a citizen, received at ``received`` (the form's text).

    ``fields`` are the question's, with the ``channel`` it came by. Every problem is reported at
    once (:class:`InvalidInput`) and nothing is written unless all is acceptable; the caller commits.
    """
    calendar = (await routing_data(session)).calendar
    errors = await _question_errors(session, fields)
    received_at = read_received(received)
    note = _received_errors(received_at, delay_note, calendar, now, errors)
    errors += _file_errors(files)
    if errors or received_at is None:
        raise InvalidInput(errors, status=413 if any(e.code == "file_too_large" for e in errors) else 422)
    submitted = await receive_question(
        session,
        fields,
        files,
        channel=Channel(fields["channel"]),
        language="vi",
        upload_dir=upload_dir,
        now=received_at.astimezone(UTC),
        schema=DeskQuestionIn,
        entered_by=staff.id,
    )
    if note is not None:
        late = EventKind.ENTERED_LATE
        data = {"received_at": received_at.isoformat(), "reason": note}
        session.add(
            TicketEvent(
                ticket_id=submitted.ticket_id, actor_id=staff.id, kind=late, public=late.public, data=data, at=now
            )
        )
    return submitted
