"""Receiving a question: the one path by which a ticket comes into existence, from page and API alike."""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.clocks import ClockKind, next_check_at
from feedback.errors import FieldError, InvalidInput, from_validation_error
from feedback.lifecycle import Action, EventKind, TicketStatus, transition
from feedback.models import Channel, Priority, Ticket, TicketEvent
from feedback.references import format_reference, next_number
from feedback.schemas import AppQuestionIn, QuestionIn
from feedback.uploads import CheckedFile, IncomingFile, check_files, store_files
from notify.models import add_notifications
from routing.areas import AreaChoice, resolve_area
from routing.attributes import Answer, check_answers
from routing.calendar import VIETNAM
from routing.rules import Question as RoutingQuestion
from routing.rules import RoutedBy, route
from routing.services import category_id_for, routing_data
from routing.sla import Clock
from routing.text import fold

# Intake is the hot path and writes just these two rows: prebuilt Core statements executed on
# the session's connection skip the ORM's unit of work and statement building on every request.
_INSERT_TICKET = insert(Ticket).returning(Ticket.id)
_INSERT_EVENT = insert(TicketEvent)


SHORT_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""Lower-case letters and digits that cannot be mistaken for one another when read out (no i, l, o, 0, 1)."""
SHORT_CODE_LENGTH = 10
"""31¹⁰ ≈ 2⁴⁹ codes: out of reach of guessing over the network, short enough to read out."""


def hash_token(token: str) -> str:
    # The token is 256 random bits, the short code about 49: either way a plain SHA-256 is
    # enough, as neither is a password a person chose.
    return hashlib.sha256(token.encode()).hexdigest()


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def short_path(code: str) -> str:
    """The receipt's short link to the status page (see :func:`feedback.web.portal.short_link`)."""
    return f"/t/{code}"


@dataclass(frozen=True)
class Submitted:
    ticket_id: int
    reference: str
    status: TicketStatus
    token: str
    """The access token in clear: shown once, in the tracking link, and sent in the receipt message; only its
    hash is kept with the ticket (the receipt keeps it until sent, see :mod:`feedback.outbox`)."""
    answer_due_at: datetime | None = None
    """When the answer is due, if the question was routed (Open311 tells the app at once)."""
    short_code: str = ""
    """The short code of the receipt's short link, kept like the token: only its hash is stored."""


def _text(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    return value.strip() if isinstance(value, str) else ""


async def area_or_error(session: AsyncSession, typed: str) -> tuple[AreaChoice | None, FieldError | None]:
    """The commune or ward ``typed`` names (a code, a current or former name), or the error to show beside it."""
    match = await resolve_area(session, typed)
    if match is None:
        return None, FieldError("area", "area_not_found", {"typed": typed})
    if match.area is None:
        names = ", ".join(candidate.name for candidate in match.candidates)
        return None, FieldError("area", "area_ambiguous", {"typed": typed, "names": names})
    return match.area, None


async def _choice_errors(
    session: AsyncSession, fields: Mapping[str, Any], refused: set[str]
) -> tuple[int | None, AreaChoice | None, list[FieldError]]:
    """The category's id and the area named, with an error for each choice that names nothing (or several areas).

    A code the schema ``refused`` already has its message, and is not looked up: it may hold
    anything, a NUL byte that PostgreSQL would choke on included.
    """
    errors = []
    category_id = area = None
    if (category := _text(fields, "category")) and "category" not in refused:
        category_id = await category_id_for(session, category)
        if category_id is None:
            errors.append(FieldError("category", "category_unknown"))
    if (typed := _text(fields, "area")) and "area" not in refused:
        area, error = await area_or_error(session, typed)
        errors.extend([error] if error else [])
    return category_id, area, errors


async def _attribute_errors(
    session: AsyncSession, category_id: int | None, given: Mapping[str, Answer] | None
) -> tuple[dict[str, Any] | None, list[FieldError]]:
    """The answers to the category's extra questions, checked; each problem names ``attribute[code]``."""
    if category_id is None or given is None:
        return None, []
    specs = (await routing_data(session)).attributes.get(category_id, ())
    answers, problems = check_answers(specs, given)
    errors = [FieldError(f"attribute[{p.code}]", p.message, dict(p.context or {})) for p in problems]
    return answers or None, errors


async def receive_question(
    session: AsyncSession,
    fields: Mapping[str, Any],
    files: list[IncomingFile],
    *,
    channel: Channel,
    language: str,
    upload_dir: Path,
    now: datetime,
    attributes: Mapping[str, Answer] | None = None,
    client_id: int | None = None,
    schema: type[QuestionIn] | None = None,
    entered_by: int | None = None,
) -> Submitted:
    """Validate what a citizen sent, fields, choices and files together, and record it.

    Every problem is reported at once (:class:`InvalidInput`), so the citizen can correct the
    whole form in one go; nothing is written unless everything is acceptable. The caller commits.
    ``attributes`` are the answers to the category's extra questions, from a channel that asks
    them (the portal's form, Open311); None, from one that does not, skips them. A question an
    app files over Open311 (``client_id`` names the app) is read as :class:`AppQuestionIn`: the
    app follows it, so the citizen's name and contact are optional. A channel with rules of its
    own passes its ``schema`` (a subclass of :class:`QuestionIn`). ``entered_by`` is the member of
    staff who entered a question taken by phone, at the counter or by letter; ``now`` is then when
    it was received, from which the legal clock runs.
    """
    errors: list[FieldError] = []
    question = None
    if schema is None:
        schema = AppQuestionIn if channel in (Channel.OPEN311, Channel.PEER) else QuestionIn
    try:
        question = schema.model_validate(fields)
    except ValidationError as exc:
        errors.extend(from_validation_error(exc).errors)
        # The schema checks for a contact only once every field is valid; say it now as well.
        missing_contact = not (_text(fields, "email") or _text(fields, "phone"))
        if schema is QuestionIn and missing_contact and all(e.field != "contact" for e in errors):
            errors.append(FieldError("contact", "contact_missing"))
    category_id, area, choice_errors = await _choice_errors(session, fields, {e.field for e in errors})
    errors.extend(choice_errors)
    answers, attribute_errors = await _attribute_errors(session, category_id, attributes)
    errors.extend(attribute_errors)
    checked: list[CheckedFile] = []
    status = 422
    try:
        checked = check_files(files)
    except InvalidInput as exc:
        errors.extend(exc.errors)
        status = exc.status
    if errors or question is None or category_id is None:
        raise InvalidInput(errors, status=status)

    routing = await _route(session, question, category_id, area.code if area else None, now)
    year = now.astimezone(VIETNAM).year
    number = await next_number(session, year)
    reference = format_reference(year, number)
    token = secrets.token_urlsafe(32)
    short_code = new_short_code()
    connection = await session.connection()
    ticket_id = (
        await connection.execute(
            _INSERT_TICKET,
            {
                "reference": reference,
                "year": year,
                "number": number,
                "token_hash": hash_token(token),
                "short_token_hash": hash_token(short_code),
                "category_id": category_id,
                "status": routing.status,
                "department_id": routing.department_id,
                **routing.clocks,
                "priority": Priority.NORMAL,
                "channel": channel,
                "language": language,
                "title": question.title,
                "body": question.question,
                "area_id": area.id if area else None,
                "address": question.address,
                "citizen_name": question.name or "",
                "citizen_email": question.email,
                "citizen_phone": question.phone,
                "attributes": answers,
                "client_id": client_id,
                "entered_by_id": entered_by,
                **_from_app(question),
                "publish_consent": question.publish,
                "show_name": question.publish and question.show_name,
                "search_text": fold(f"{question.title}\n{question.question}"),
                "created_at": now,
                "updated_at": now,
            },
        )
    ).scalar_one()
    received = {
        "ticket_id": ticket_id,
        "kind": EventKind.RECEIVED,
        "public": EventKind.RECEIVED.public,
        "actor_id": entered_by,
        "data": {"channel": channel},
        "at": now,
    }
    await connection.execute(
        _INSERT_EVENT, [received, *({**event, "ticket_id": ticket_id, "actor_id": None} for event in routing.events)]
    )
    await store_files(session, ticket_id, checked, upload_dir=upload_dir, now=now)
    receipt = {
        "idempotency_key": f"citizen:{ticket_id}:received",
        "kind": "citizen_received",
        "recipient": f"citizen:{ticket_id}",
        "topic": reference,
        # The tracking link goes out in this message; expansion keeps the token in the message only.
        "data": {"reference": reference, "token": token, "short": short_code},
        "created_at": now,
    }
    arrival = {  # the department's (or in triage the coordinating office's) inbox has new work
        "idempotency_key": f"new_ticket:{ticket_id}:department:{routing.department_id}:received",
        "kind": "new_ticket",
        "recipient": f"department:{routing.department_id}",
        "topic": reference,
        "data": {"reference": reference},
        "created_at": now,
    }
    await add_notifications(session, [receipt, arrival] if routing.department_id else [receipt])
    return Submitted(
        ticket_id,
        reference,
        routing.status,
        token,
        short_code=short_code,
        answer_due_at=routing.clocks.get("answer_due_at"),
    )


def _from_app(question: QuestionIn) -> dict[str, Any]:
    """The columns only an app's question fills: where, and what the app said about itself."""
    if not isinstance(question, AppQuestionIn):
        return {}
    about = {"device_id": question.device_id, "account_id": question.account_id, "media_url": question.media_url}
    return {
        "latitude": question.latitude,
        "longitude": question.longitude,
        "client_data": {key: value for key, value in about.items() if value} or None,
    }


@dataclass(frozen=True)
class _Routing:
    status: TicketStatus
    department_id: int | None = None
    clocks: dict[str, datetime | None] = field(default_factory=dict)
    """Values of the SLA columns."""
    events: tuple[dict[str, Any], ...] = ()


async def _route(
    session: AsyncSession, question: QuestionIn, category_id: int, area_code: str | None, now: datetime
) -> _Routing:
    """Where the question goes on arrival, and its first deadlines under the category's policy.

    The transfer window (the legal 5 working days to forward it) starts now, wherever it goes;
    a department also gets its acceptance window and the answer clock starts.
    """
    data = await routing_data(session)
    decision = route(
        RoutingQuestion.of(question.category, area_code, question.title, question.question),
        data.rules,
        category_default=data.category_defaults.get(question.category),
        coordinating_office=data.coordinating_office_id,
    )
    if decision is None:
        return _Routing(TicketStatus.RECEIVED)
    policy = data.policy(category_id, Priority.NORMAL)
    transfer = Clock.start(data.calendar, policy.transfer, now)
    event = {
        "at": now,
        "data": {"department_id": decision.department_id, "routed_by": decision.routed_by, "rule_id": decision.rule_id},
    }
    if decision.routed_by is RoutedBy.TRIAGE:
        return _Routing(
            transition(TicketStatus.RECEIVED, Action.SEND_TO_TRIAGE),
            department_id=decision.department_id,
            clocks={
                "transfer_due_at": transfer.due_at,
                "next_check_at": next_check_at({ClockKind.TRANSFER: (transfer, None)}, policy, data.calendar),
            },
            events=({**event, "kind": EventKind.SENT_TO_TRIAGE, "public": EventKind.SENT_TO_TRIAGE.public},),
        )
    accept = Clock.start(data.calendar, policy.accept, now)
    answer = Clock.start(data.calendar, policy.answer, now)
    running = {ClockKind.TRANSFER: (transfer, None), ClockKind.ACCEPT: (accept, None), ClockKind.ANSWER: (answer, None)}
    return _Routing(
        transition(TicketStatus.RECEIVED, Action.ROUTE),
        department_id=decision.department_id,
        clocks={
            "transfer_due_at": transfer.due_at,
            "assigned_at": now,
            "accept_due_at": accept.due_at,
            "routed_at": now,
            "answer_due_at": answer.due_at,
            "next_check_at": next_check_at(running, policy, data.calendar),
        },
        events=({**event, "kind": EventKind.ROUTED, "public": EventKind.ROUTED.public},),
    )
