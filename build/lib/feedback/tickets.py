"""Reading a ticket the way its citizen sees it, behind the private tracking token."""

import hmac
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import checked_text, refuse_if
from feedback.clocks import ClockKind, deadlines
from feedback.deadlines.explanation import explain_deadline
from feedback.errors import FieldError, InvalidInput, NotFound
from feedback.federation import forwarding
from feedback.federation.models import ForwardStatus, Peer
from feedback.handling import RejectReason, citizen_replied
from feedback.i18n import N_, current_language, gettext, local_datetime, ngettext
from feedback.intake import hash_token
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Attachment, AttachmentKind, Ticket, TicketEvent
from feedback.schemas import (
    AnswerOut,
    AttachmentOut,
    CategoryRef,
    DeadlineOut,
    DepartmentRef,
    EventOut,
    ForwardOut,
    InformationRequestOut,
    QuestionView,
)
from feedback.uploads import CheckedFile, IncomingFile, check_files, store_files
from routing.calendar import WorkingCalendar
from routing.models import Category, Department
from routing.services import routing_data
from routing.text import nfc

STATUS_LABELS: dict[TicketStatus, str] = {
    TicketStatus.RECEIVED: N_("Received"),
    TicketStatus.TRIAGE: N_("Being sorted by the coordinating office"),
    TicketStatus.ASSIGNED: N_("Sent to the department in charge"),
    TicketStatus.IN_PROGRESS: N_("Being answered"),
    TicketStatus.AWAITING_CITIZEN: N_("Waiting for more information from you"),
    TicketStatus.PENDING_APPROVAL: N_("Answer awaiting approval"),
    TicketStatus.ANSWERED: N_("Answered"),
    TicketStatus.CLOSED: N_("Closed"),
    TicketStatus.REOPENED: N_("Reopened"),
    TicketStatus.REJECTED: N_("Not accepted"),
    TicketStatus.FORWARDED: N_("Forwarded to the competent portal"),
    TicketStatus.RETURNED: N_("Returned to the portal that forwarded it"),
}

# What the citizen reads of each kind of event they are shown (every kind of PUBLIC_EVENTS).
EVENT_DESCRIPTIONS: dict[EventKind, str] = {
    EventKind.RECEIVED: N_("Your question was received."),
    EventKind.ROUTED: N_("Your question was sent to {department}, the department in charge."),
    EventKind.SENT_TO_TRIAGE: N_("The coordinating office is finding the department in charge of your question."),
    EventKind.TRANSFERRED: N_("Your question was transferred to {department}, the department competent to answer it."),
    EventKind.REJECTED: N_("Your question was not accepted: {reason}."),
    EventKind.INFO_REQUESTED: N_("The department needs more information from you (the deadline is paused)."),
    EventKind.CITIZEN_REPLIED: N_("You sent more information; the deadline runs again."),
    EventKind.EXTENDED: N_("The deadline for the answer was extended to {due}."),
    EventKind.ANSWERED: N_("Your question was answered."),
    EventKind.PUBLISHED: N_("Your question and its answer were published on the portal's public Q&A pages."),
    EventKind.LINKED_DUPLICATE: N_("Your question was answered with the answer already given to question {reference}."),
    EventKind.FOLLOW_UP: N_("You asked a follow-up question; the department answers it with a new deadline."),
    EventKind.FORWARD_TAKEN: N_(
        "Your question was forwarded to {peer}, the agency competent to answer it (their reference {their_reference}). "
        "Keep following it here: we send you their answer."
    ),
    EventKind.PEER_UPDATE: N_("News from {peer} about your question."),
    EventKind.TAKEN_BACK: N_(
        "{peer} returned your question, which is not theirs to answer: the coordinating office is finding who answers it."
    ),
    EventKind.SENT_BACK: N_("Your question was returned to {peer}, which had forwarded it to us."),
    EventKind.POSTED: N_("The answer was sent to you by post on {posted_on}."),
}

REJECT_REASONS: dict[str, str] = {
    RejectReason.SPAM: N_("it is not a question for the administration"),
    RejectReason.DUPLICATE: N_("it repeats question {reference}"),
    RejectReason.OUT_OF_SCOPE: N_("it is outside the competence of the province's agencies"),
}

# What each event shows the citizen in the words someone wrote, beside its description.
_DETAILS = {
    EventKind.TRANSFERRED: None,
    EventKind.SENT_TO_TRIAGE: None,
    EventKind.REJECTED: "explanation",
    EventKind.INFO_REQUESTED: "message",
    EventKind.CITIZEN_REPLIED: "text",
    EventKind.EXTENDED: "reason",
    EventKind.FOLLOW_UP: "text",
    EventKind.PEER_UPDATE: "notes",
    EventKind.TAKEN_BACK: "reason",
}


def status_label(status: TicketStatus) -> str:
    return gettext(STATUS_LABELS[status])


def working_time_words(amount: timedelta, calendar: WorkingCalendar) -> str:
    """``2 working days, 3 hours``: working time as people count it (days of office hours, then hours)."""
    days, rest = divmod(amount, calendar.day_length)
    hours = round(rest / timedelta(hours=1))
    parts = []
    if days:
        parts.append(ngettext("{n} working day", "{n} working days", days).format(n=days))
    if hours or not days:
        parts.append(ngettext("{n} working hour", "{n} working hours", hours).format(n=hours))
    return ", ".join(parts)


def _deadline(ticket: Ticket, calendar: WorkingCalendar, now: datetime, reason: str | None) -> DeadlineOut | None:
    state = deadlines(ticket, calendar, now).get(ClockKind.ANSWER)
    if state is None:
        return None
    if state.paused:
        summary = gettext("Paused while we wait for more information from you.")
    elif state.overdue:
        summary = gettext("Overdue by {time}.").format(time=working_time_words(state.overdue_by, calendar))
    else:
        summary = gettext("{time} left.").format(time=working_time_words(state.time_left, calendar))
    return DeadlineOut(
        due_at=state.due_at,
        working_hours_left=round(state.time_left / timedelta(hours=1), 2),
        overdue=state.overdue,
        overdue_by_working_hours=round(state.overdue_by / timedelta(hours=1), 2),
        paused=state.paused,
        extended=state.extended,
        extension_reason=reason,
        summary=summary,
    )


async def ticket_for_token(session: AsyncSession, reference: str, token: str | None) -> Ticket:
    """The ticket ``reference`` if ``token`` is its access token or its short code; :class:`NotFound` otherwise."""
    ticket = await session.scalar(select(Ticket).where(Ticket.reference == reference))
    if ticket is None or not token:
        raise NotFound(reference)
    hashed = hash_token(token)
    if not hmac.compare_digest(ticket.token_hash, hashed) and not hmac.compare_digest(
        ticket.short_token_hash or "", hashed
    ):
        raise NotFound(reference)
    return ticket


async def reference_for_short_code(session: AsyncSession, code: str) -> str:
    """The reference of the ticket whose short code is ``code`` (read out, so any case); :class:`NotFound` otherwise."""
    code = code.strip().lower()
    reference = await session.scalar(select(Ticket.reference).where(Ticket.short_token_hash == hash_token(code)))
    if reference is None:
        raise NotFound(code)
    return reference


async def reply_from_citizen(
    session: AsyncSession,
    ticket: Ticket,
    text: str,
    files: list[IncomingFile],
    *,
    upload_dir: Path,
    now: datetime,
) -> None:
    """The citizen sends the information the department asked for, with files: the clock runs again."""
    errors: list[FieldError] = []
    checked_text(text, "reply", errors, missing="reply_missing")
    checked: list[CheckedFile] = []
    try:
        checked = check_files(files)
    except InvalidInput as exc:
        errors.extend(exc.errors)
    refuse_if(errors)
    if ticket.status is TicketStatus.AWAITING_CITIZEN and await forwarding.asking_peer(session, ticket.id):
        await forwarding.relay_reply(session, ticket, nfc(text).strip(), now=now)
    else:
        await citizen_replied(session, ticket.id, text=text, now=now)
    await store_files(session, ticket.id, checked, upload_dir=upload_dir, now=now, kind=AttachmentKind.REPLY)


async def get_question_for_citizen(
    session: AsyncSession, reference: str, token: str | None, *, now: datetime
) -> QuestionView:
    """The status page of ``reference`` if ``token`` is its access token; :class:`NotFound` otherwise."""
    ticket = await ticket_for_token(session, reference, token)
    english = current_language() == "en"
    category = await session.get_one(Category, ticket.category_id)
    departments = {
        d.id: DepartmentRef(code=d.code, name=d.name_en if english else d.name)
        for d in await session.scalars(select(Department))
    }
    events = (
        await session.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket.id, TicketEvent.public)
            .order_by(TicketEvent.at, TicketEvent.id)
        )
    ).all()
    attachments = await session.scalars(
        select(Attachment).where(Attachment.ticket_id == ticket.id).order_by(Attachment.id)
    )
    timeline = [_event_out(e, departments) for e in events]
    extension = next((e.data.get("reason") for e in reversed(events) if e.kind == EventKind.EXTENDED), None)
    rejection = next((out for e, out in zip(events, timeline, strict=True) if e.kind == EventKind.REJECTED), None)
    calendar = (await routing_data(session)).calendar
    deadline = _deadline(ticket, calendar, now, extension)
    if deadline is not None:
        deadline.explanation = await explain_deadline(session, ticket)
    return QuestionView(
        reference=ticket.reference,
        status=ticket.status,
        status_label=status_label(ticket.status),
        title=ticket.title,
        question=ticket.body,
        category=CategoryRef(code=category.code, name=category.name_en if english else category.name),
        department=departments.get(ticket.department_id) if ticket.department_id else None,
        submitted_at=ticket.created_at,
        answer_due_at=ticket.answer_due_at,
        deadline=deadline,
        rejection=f"{rejection.description} {rejection.detail}" if rejection else None,
        attachments=[
            AttachmentOut(
                filename=a.filename,
                content_type=a.content_type,
                size=a.size,
                kind=a.kind,
                url=f"/cau-hoi/{ticket.reference}/tep/{a.id}?{urlencode({'token': token})}",
            )
            for a in attachments
        ],
        events=timeline,
        information_request=_information_request(ticket, events, departments),
        answer=_answer(ticket, events, departments),
        rating=ticket.rating,
        forwarded=await _forwarded(session, ticket),
    )


def _by(event: TicketEvent, ticket: Ticket, departments: dict[int, DepartmentRef]) -> DepartmentRef | None:
    """Who acted: the peer portal the event names, or the department in charge."""
    if event.data.get("peer"):
        return DepartmentRef(code="", name=event.data["peer"])
    return departments.get(ticket.department_id or 0)


def _answer(ticket: Ticket, events: Sequence[TicketEvent], departments: dict[int, DepartmentRef]) -> AnswerOut | None:
    if not ticket.answer_text or not ticket.answered_at:
        return None
    answered = next((e for e in reversed(events) if e.kind in (EventKind.ANSWERED, EventKind.LINKED_DUPLICATE)), None)
    by = _by(answered, ticket, departments) if answered else departments.get(ticket.department_id or 0)
    return AnswerOut(text=ticket.answer_text, department=by, answered_at=ticket.answered_at) if by else None


async def _forwarded(session: AsyncSession, ticket: Ticket) -> ForwardOut | None:
    sent = await forwarding.current(session, ticket.id)
    if sent is None or sent.taken_at is None or sent.status is ForwardStatus.RETURNED:
        return None
    peer = await session.get_one(Peer, sent.peer_id)
    return ForwardOut(
        portal=peer.name, reference=sent.their_id, expected_at=sent.expected_at, public_url=sent.public_url
    )


def _information_request(
    ticket: Ticket, events: Sequence[TicketEvent], departments: dict[int, DepartmentRef]
) -> InformationRequestOut | None:
    """The department's latest request, while the ticket waits for the citizen's reply to it."""
    if ticket.status != TicketStatus.AWAITING_CITIZEN:
        return None
    asked = next(e for e in reversed(events) if e.kind == EventKind.INFO_REQUESTED)
    by = _by(asked, ticket, departments)
    return InformationRequestOut(message=asked.data["message"], requested_at=asked.at, department=by) if by else None


def event_words(kind: str, data: dict, departments: Mapping[int, str]) -> tuple[str, str | None]:
    """What the citizen reads of a public event: its description, and the words someone wrote, if any."""
    values = {
        "department": departments.get(data.get("department_id") or 0, ""),
        "due": "",
        "reason": "",
        "reference": "",
        "peer": data.get("peer") or "",
        "their_reference": data.get("their_reference") or "—",
        "posted_on": f"{date.fromisoformat(data['posted_on']):%d/%m/%Y}" if data.get("posted_on") else "",
    }
    if kind == EventKind.EXTENDED:
        values["due"] = local_datetime(datetime.fromisoformat(data["answer_due_at"]))
    values["reference"] = data.get("duplicate_of") or ""
    if kind == EventKind.REJECTED:
        reason = REJECT_REASONS.get(data.get("reason", ""), REJECT_REASONS[RejectReason.OUT_OF_SCOPE])
        values["reason"] = gettext(reason).format(reference=data.get("duplicate_of") or "")
    description = gettext(EVENT_DESCRIPTIONS[EventKind(kind)]).format(**values)
    detail_key = _DETAILS.get(kind)
    return description, data.get(detail_key) if detail_key else None


def _event_out(event: TicketEvent, departments: dict[int, DepartmentRef]) -> EventOut:
    names = {id_: department.name for id_, department in departments.items()}
    description, detail = event_words(event.kind, event.data, names)
    return EventOut(kind=event.kind, at=event.at, description=description, detail=detail)
