"""Reading a ticket the way its citizen sees it, behind the private tracking token."""

import hmac

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import NotFound
from feedback.i18n import N_, current_language, gettext
from feedback.intake import hash_token
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Attachment, Ticket, TicketEvent
from feedback.schemas import (
    AttachmentOut,
    CategoryRef,
    DepartmentRef,
    EventOut,
    QuestionView,
)
from routing.models import Category, Department

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
}

EVENT_DESCRIPTIONS: dict[str, str] = {
    EventKind.RECEIVED: N_("Your question was received."),
    EventKind.ROUTED: N_("Your question was sent to the department in charge."),
    EventKind.SENT_TO_TRIAGE: N_("The coordinating office is finding the department in charge of your question."),
}


def status_label(status: TicketStatus) -> str:
    return gettext(STATUS_LABELS[status])


async def get_question_for_citizen(session: AsyncSession, reference: str, token: str | None) -> QuestionView:
    """The status page of ``reference`` if ``token`` is its access token; :class:`NotFound` otherwise."""
    ticket = await session.scalar(select(Ticket).where(Ticket.reference == reference))
    if ticket is None or not token or not hmac.compare_digest(ticket.token_hash, hash_token(token)):
        raise NotFound(reference)
    category = await session.get_one(Category, ticket.category_id)
    department = await session.get(Department, ticket.department_id) if ticket.department_id else None
    events = await session.scalars(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id, TicketEvent.public)
        .order_by(TicketEvent.at, TicketEvent.id)
    )
    attachments = await session.scalars(
        select(Attachment).where(Attachment.ticket_id == ticket.id).order_by(Attachment.id)
    )
    english = current_language() == "en"
    return QuestionView(
        reference=ticket.reference,
        status=ticket.status,
        status_label=status_label(ticket.status),
        title=ticket.title,
        question=ticket.body,
        category=CategoryRef(code=category.code, name=category.name_en if english else category.name),
        department=DepartmentRef(
            code=department.code,
            name=department.name_en if english else department.name,
        )
        if department
        else None,
        submitted_at=ticket.created_at,
        answer_due_at=ticket.answer_due_at,
        attachments=[AttachmentOut(filename=a.filename, content_type=a.content_type, size=a.size) for a in attachments],
        events=[
            EventOut(
                kind=e.kind,
                at=e.at,
                description=gettext(EVENT_DESCRIPTIONS.get(e.kind, e.kind)),
            )
            for e in events
        ],
        answer=None,
    )
