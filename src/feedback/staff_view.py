"""A ticket as staff see it: the question, the citizen's contact, every clock, the whole timeline."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback import channels
from feedback.answering import colleagues
from feedback.calendar.days import day_span
from feedback.clocks import ClockKind, deadlines
from feedback.coordination import SubtaskView, subtasks
from feedback.deadlines.explanation import explain_deadline
from feedback.errors import FieldError, NotFound
from feedback.federation.forwarding import current
from feedback.federation.models import Forward, Peer, Received
from feedback.federation.peers import list_peers
from feedback.i18n import N_, current_language, gettext, local_datetime
from feedback.lifecycle import EventKind
from feedback.models import Attachment, Channel, SavedReply, Ticket, TicketEvent, User
from feedback.open311.models import ClientApp
from feedback.outbox import CHANNEL_LABELS, OutboxRow, ticket_messages
from feedback.permissions import StaffAction, allowed_actions, sight
from feedback.reorganisation.names import live_successor, reorganised_names
from feedback.saved_replies import saved_replies
from feedback.schemas import DeadlineExplanationOut
from notify.models import DeliveryStatus
from routing.areas import current_area
from routing.attributes import shown_answers
from routing.models import Area, Category, CategoryAttribute, Department
from routing.services import routing_data
from routing.sla import ClockState

CLOCK_LABELS = {
    ClockKind.TRANSFER: N_("Transfer deadline (5 working days from receipt)"),
    ClockKind.ACCEPT: N_("Acceptance deadline"),
    ClockKind.ANSWER: N_("Answer deadline"),
}

STAFF_EVENTS: dict[EventKind, str] = {
    EventKind.RECEIVED: N_("Received"),
    EventKind.ROUTED: N_("Routed to {department}"),
    EventKind.SENT_TO_TRIAGE: N_("Sent to the coordinating office's triage queue"),
    EventKind.TRANSFERRED: N_("Transferred to {department}"),
    EventKind.ACCEPTED: N_("Accepted by the department"),
    EventKind.ASSIGNED: N_("Assigned to {assignee}"),
    EventKind.UNASSIGNED: N_("Back in the department's queue: its assignee no longer works on it here"),
    EventKind.REJECTED: N_("Not accepted ({reason})"),
    EventKind.INFO_REQUESTED: N_("More information requested from the citizen (clock paused)"),
    EventKind.CITIZEN_REPLIED: N_("The citizen replied (clock running again)"),
    EventKind.EXTENDED: N_("Deadline extended to {due}"),
    EventKind.NOTE: N_("Internal note"),
    EventKind.ANSWER_SUBMITTED: N_("Answer submitted for approval"),
    EventKind.ANSWER_RETURNED: N_("Answer returned for rework"),
    EventKind.ANSWERED: N_("Answer approved and sent to the citizen"),
    EventKind.PUBLISHED: N_("Published on the public Q&A pages"),
    EventKind.ESCALATED: N_("Escalation: {clock}, level {level}"),
    EventKind.UNPUBLISHED: N_("Removed from the public Q&A pages"),
    EventKind.REDACTED: N_("Public wording of the question edited"),
    EventKind.INPUT_REQUESTED: N_("Input requested from other departments"),
    EventKind.INPUT_RECEIVED: N_("Input received from {department}"),
    EventKind.FOLLOW_UP: N_("The citizen asked a follow-up question (reopened)"),
    EventKind.RATED: N_("The citizen rated the answer {rating}/5"),
    EventKind.LINKED_DUPLICATE: N_("Answered with the answer of question {reference}"),
    EventKind.FORWARDED: N_("Forwarded to {peer} ({service}); waiting for it to take the question"),
    EventKind.FORWARD_TAKEN: N_("Taken by {peer}, their reference {their_reference}"),
    EventKind.FORWARD_CANCELLED: N_("Forward to {peer} cancelled; back in triage"),
    EventKind.PEER_UPDATE: N_("From {peer}: {update}"),
    EventKind.TAKEN_BACK: N_("Sent back by {peer}: not theirs either; back in triage"),
    EventKind.SENT_BACK: N_("Sent back to {peer}, which forwarded it"),
    EventKind.CITIZEN_EMAIL: N_("The citizen wrote by email"),
    EventKind.FILES_REFUSED: N_("Attachments of the email not accepted"),
    EventKind.ENTERED_LATE: N_("Entered late (received on {received}); why:"),
    EventKind.RECEIPT_REISSUED: N_(
        "Receipt printed again with a new short code (the earlier short link no longer works)"
    ),
    EventKind.POSTED: N_("Answer sent to the citizen by post on {posted_on}"),
    EventKind.DEADLINE_RECOUNTED: N_("Deadlines recounted after a calendar change ({days}): {moves}"),
    EventKind.REORGANISED: N_("Moved from {from_department} to {department} by a reorganisation (clocks unchanged)"),
}

PEER_UPDATES = {
    "accepted": N_("accepted the question"),
    "routed": N_("sent it to the department in charge"),
    "extended": N_("extended its deadline"),
    "forwarded": N_("forwarded it on"),
    "progress": N_("progress"),
}
"""What a peer's update says, in the timeline (its own words follow as the detail)."""


@dataclass(frozen=True)
class PeerLink:
    """The question's link with another portal: where we forwarded it, or where it came from."""

    peer: str
    reference: str | None
    forward: Forward | None = None
    """Our latest forward of it (None for a question a peer forwarded to us)."""


def _detail(event: TicketEvent) -> str | None:
    """The words someone wrote, shown under the event (a rejection's reason is its code: show the explanation)."""
    if event.kind == EventKind.FILES_REFUSED:  # each file's problem, in the reader's language
        return "\n".join(FieldError("files", f["code"], f["params"]).message for f in event.data.get("files", []))
    keys = ("explanation",) if event.kind == EventKind.REJECTED else ("reason", "message", "text", "comment", "notes")
    return next((event.data[k] for k in keys if event.data.get(k)), None)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str | None
    description: str
    detail: str | None
    public: bool


@dataclass(frozen=True)
class StaffTicket:
    ticket: Ticket
    category: Category
    department: Department | None
    department_now: Department | None
    """What an ended department (a closed question's, after a reorganisation) is now."""
    area: Area | None
    assignee: User | None
    attachments: list[Attachment]
    clocks: dict[ClockKind, ClockState]
    timeline: list[TimelineEntry]
    actions: frozenset[StaffAction]
    departments: list[Department]
    colleagues: list[User]
    subtasks: list[SubtaskView]
    saved_replies: list[SavedReply]
    answers: list[tuple[str, str]]
    """The answers to the category's extra questions, as (question, answer) in the reader's language."""
    client: ClientApp | None
    """The Open311 app that sent the question, if one did."""
    media_urls: list[str]
    """The app's links to the citizen's photos or files (a peer portal's, to each file), web addresses
    only (never a ``javascript:`` one)."""
    forwarded: PeerLink | None
    """Where we forwarded it, and how it stands there."""
    origin: PeerLink | None
    """The portal that forwarded it to us, and its reference there."""
    peers: list[Peer]
    """The portals it may be forwarded to, each with its services (for the form)."""
    explanation: DeadlineExplanationOut | None
    """How the answer deadline was counted."""


MESSAGE_STATES = {
    DeliveryStatus.PENDING: N_("waiting to be sent"),
    DeliveryStatus.SENDING: N_("being sent"),
    DeliveryStatus.SENT: N_("sent"),
    DeliveryStatus.FAILED: N_("not sent"),
}


def _message_entry(row: OutboxRow) -> TimelineEntry:
    """A message about the ticket, in the staff timeline: sent, waiting, or failed and why."""
    d = row.delivery
    description = gettext("{channel} to {address}: “{subject}”, {state}").format(
        channel=gettext(CHANNEL_LABELS[d.channel]),
        address=d.address,
        subject=d.subject,
        state=gettext(MESSAGE_STATES[d.status]),
    )
    return TimelineEntry(at=d.sent_at or d.created_at, who=None, description=description, detail=d.error, public=False)


def _name(department: Department | None) -> str:
    if department is None:
        return ""
    return department.name_en if current_language() == "en" else department.name


def _moves(clocks: dict[str, list[str]]) -> str:
    """``Answer deadline: 30/12/2026 17:00 → 31/12/2026 17:00``, for each clock a calendar change moved."""
    return "; ".join(
        f"{gettext(CLOCK_LABELS[ClockKind(kind)])}: "
        f"{local_datetime(datetime.fromisoformat(before))} → {local_datetime(datetime.fromisoformat(after))}"
        for kind, (before, after) in clocks.items()
    )


async def staff_ticket(session: AsyncSession, reference: str, user: User, *, now: datetime) -> StaffTicket:
    """The ticket ``reference`` if ``user`` may see it; :class:`NotFound` otherwise (we do not say which)."""
    seen = await sight(session, user)
    ticket = await session.scalar(select(Ticket).where(Ticket.reference == reference, seen.condition()))
    if ticket is None:
        raise NotFound(reference)
    departments = {d.id: d for d in await session.scalars(select(Department).order_by(Department.name))}
    users = {u.id: u for u in await session.scalars(select(User))}
    events = await session.scalars(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.at, TicketEvent.id)
    )
    timeline = []
    for event in events:
        data = event.data
        values = {
            "department": _name(departments.get(data.get("department_id") or 0)),
            "assignee": getattr(users.get(data.get("assignee_id") or 0), "full_name", ""),
            "reason": data.get("reason", ""),
            "due": local_datetime(datetime.fromisoformat(data["answer_due_at"])) if data.get("answer_due_at") else "",
            "clock": gettext(CLOCK_LABELS[ClockKind(data["clock"])]) if data.get("clock") else "",
            "level": data.get("level", ""),
            "rating": data.get("rating", ""),
            "reference": data.get("duplicate_of") or "",
            "peer": data.get("peer", ""),
            "service": data.get("service", ""),
            "their_reference": data.get("their_reference") or "—",
            "update": gettext(PEER_UPDATES.get(data.get("update", ""), PEER_UPDATES["progress"])),
            "received": local_datetime(datetime.fromisoformat(data["received_at"])) if data.get("received_at") else "",
            "posted_on": f"{date.fromisoformat(data['posted_on']):%d/%m/%Y}" if data.get("posted_on") else "",
        }
        if event.kind == EventKind.REORGANISED:  # the names of that day, whatever happened since
            values |= reorganised_names(data, english=current_language() == "en")
        label = STAFF_EVENTS[EventKind(event.kind)]
        actor = users.get(event.actor_id or 0)
        if event.kind == EventKind.RECEIVED and data.get("peer"):
            label = N_("Received from {peer}, their reference {their_reference}")
        elif event.kind == EventKind.RECEIVED and actor is not None:
            # Entered by staff: the sentence names them, so the entry needs no "· who" after it.
            label = N_("Received ({channel}), entered by {who}")
            values |= {
                "channel": gettext(channels.LABELS[Channel(data.get("channel", ticket.channel))]),
                "who": actor.full_name,
            }
            actor = None
        elif event.kind == EventKind.DEADLINE_RECOUNTED:
            values |= {"days": day_span(data["days"]), "moves": _moves(data["clocks"])}
        timeline.append(
            TimelineEntry(
                at=event.at,
                who=actor.full_name if actor else None,
                description=gettext(label).format(**values),
                detail=_detail(event),
                public=event.public,
            )
        )
    timeline += [_message_entry(row) for row in await ticket_messages(session, ticket.reference)]
    timeline.sort(key=lambda entry: entry.at)
    calendar = (await routing_data(session)).calendar
    asked = select(CategoryAttribute).where(CategoryAttribute.category_id == ticket.category_id)
    app_data = ticket.client_data or {}
    links = app_data.get("media_urls") or [app_data.get("media_url")]
    department = departments.get(ticket.department_id or 0)
    return StaffTicket(
        ticket=ticket,
        category=await session.get_one(Category, ticket.category_id),
        department=department,
        department_now=live_successor(department, departments) if department else None,
        area=await current_area(session, ticket.area_id),
        assignee=users.get(ticket.assignee_id or 0),
        attachments=list(
            await session.scalars(select(Attachment).where(Attachment.ticket_id == ticket.id).order_by(Attachment.id))
        ),
        clocks=deadlines(ticket, calendar, now),
        timeline=timeline,
        actions=allowed_actions(user, ticket, seen),
        departments=[d for d in departments.values() if d.active],
        colleagues=await colleagues(session, ticket.department_id) if ticket.department_id else [],
        subtasks=await subtasks(session, now=now, ticket_id=ticket.id),
        saved_replies=list(await saved_replies(session, ticket.department_id)) if ticket.department_id else [],
        answers=shown_answers(
            (await session.scalars(asked)).all() if ticket.attributes else [],
            ticket.attributes or {},
            english=current_language() == "en",
        ),
        client=await session.get(ClientApp, ticket.client_id) if ticket.client_id else None,
        media_urls=[u for u in links if isinstance(u, str) and urlsplit(u).scheme in ("http", "https")],
        forwarded=await _forwarded(session, ticket),
        origin=await _origin(session, ticket),
        peers=[p for p in await list_peers(session) if p.services],
        explanation=await explain_deadline(session, ticket),
    )


async def _forwarded(session: AsyncSession, ticket: Ticket) -> PeerLink | None:
    sent = await current(session, ticket.id)
    if sent is None:
        return None
    peer = await session.get_one(Peer, sent.peer_id)
    return PeerLink(peer=peer.name, reference=sent.their_id, forward=sent)


async def _origin(session: AsyncSession, ticket: Ticket) -> PeerLink | None:
    if ticket.channel is not Channel.PEER:
        return None
    row = (
        await session.execute(
            select(Peer.name, Received.their_reference)
            .join(Received, Received.peer_id == Peer.id)
            .where(Received.ticket_id == ticket.id)
        )
    ).first()
    return PeerLink(peer=row.name, reference=row.their_reference) if row else None


DONE_MESSAGES: dict[StaffAction, str] = {
    StaffAction.ACCEPT: N_("Question {reference} accepted: your department answers it."),
    StaffAction.ASSIGN: N_("Question {reference} assigned to {assignee}."),
    StaffAction.NOTE: N_("Internal note saved."),
    StaffAction.REQUEST_INFO: N_("Request for more information sent to the citizen; the answer deadline is paused."),
    StaffAction.DRAFT: N_("Draft answer saved."),
    StaffAction.SUBMIT: N_("Answer to question {reference} submitted for approval."),
    StaffAction.APPROVE: N_("Answer to question {reference} approved and sent to the citizen."),
    StaffAction.RETURN: N_("Answer returned for rework."),
    StaffAction.EXTEND: N_("Answer deadline of question {reference} extended to {due}."),
    StaffAction.TRANSFER: N_("Question {reference} transferred to {department}."),
    StaffAction.SEND_TO_TRIAGE: N_("Question {reference} sent back to {department} for triage."),
    StaffAction.ROUTE: N_("Question {reference} sent to {department}."),
    StaffAction.REJECT: N_("Question {reference} not accepted; the citizen is told why."),
    StaffAction.REQUEST_INPUT: N_("Input on question {reference} requested from {departments}."),
    StaffAction.REDACT: N_("Public wording of question {reference} saved."),
    StaffAction.UNPUBLISH: N_("Question {reference} removed from the public Q&A pages."),
    StaffAction.LINK_DUPLICATE: N_("Question {reference} answered with the answer of question {original}."),
    StaffAction.FORWARD: N_("Question {reference} is being sent to {peer}; this page shows when it has taken it."),
    StaffAction.CANCEL_FORWARD: N_("Forward of question {reference} cancelled: it is back in triage."),
    StaffAction.SEND_BACK: N_("Question {reference} sent back to {peer}."),
    StaffAction.RECORD_POSTED: N_("The answer to question {reference} is recorded as sent by post."),
}


async def _recorded(session: AsyncSession, ticket: Ticket) -> dict[str, Any]:
    """The data of the ticket's latest event: the one the action in progress has just recorded."""
    latest = select(TicketEvent.data).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id.desc())
    return await session.scalar(latest.limit(1)) or {}


async def done_message(session: AsyncSession, action: StaffAction, ticket: Ticket) -> str:
    """What ``action`` has just done to ``ticket``, told to whoever did it (the next page shows it).

    Read from the ticket as the action left it, and from the event it recorded: where it went,
    to whom, until when.
    """
    values: dict[str, str] = {"reference": ticket.reference}
    if action in (StaffAction.TRANSFER, StaffAction.ROUTE, StaffAction.SEND_TO_TRIAGE):
        values["department"] = _name(await session.get(Department, ticket.department_id or 0))
    elif action is StaffAction.ASSIGN:
        values["assignee"] = getattr(await session.get(User, ticket.assignee_id or 0), "full_name", "")
    elif action is StaffAction.EXTEND:
        values["due"] = local_datetime(ticket.answer_due_at)
    elif action is StaffAction.REQUEST_INPUT:
        asked = (await _recorded(session, ticket)).get("departments", [])
        values["departments"] = ", ".join(
            _name(d) for d in await session.scalars(select(Department).where(Department.id.in_(asked)))
        )
    elif action is StaffAction.LINK_DUPLICATE:
        values["original"] = (await _recorded(session, ticket)).get("duplicate_of") or ""
    elif action in (StaffAction.FORWARD, StaffAction.SEND_BACK):
        values["peer"] = (await _recorded(session, ticket)).get("peer") or ""
    return gettext(DONE_MESSAGES[action]).format(**values)
