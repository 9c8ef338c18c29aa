"""The receipt (phiếu tiếp nhận) of a question staff entered: printed for the citizen, or read out on the phone.

It gives the reference, the short tracking link in full and as a QR code, where the question
went and when the answer is due. The short code is known in clear only when it is issued (only
its hash is kept, like the access token's), so a receipt printed again later gets a new code:
the earlier short link stops working, and the history says who reissued it and when.
"""

from dataclasses import dataclass
from datetime import datetime

import segno
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import locked_ticket, record
from feedback.errors import NotFound
from feedback.intake import hash_token, new_short_code, short_path
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Channel, Ticket, User
from feedback.permissions import sight
from routing.models import Category, Department


@dataclass(frozen=True)
class Receipt:
    reference: str
    title: str
    channel: Channel
    received_at: datetime
    category: Category
    department: Department | None
    """The department in charge; None while the coordinating office finds it (triage)."""
    answer_due_at: datetime | None
    in_triage: bool
    entered_by: User | None
    office: Department | None
    """Where the question was received: the department of the member of staff who entered it."""
    short_link: str | None
    """The full short tracking link, when its code is known (just issued); None on a plain reprint."""
    can_open: bool
    """Whether the reader may open the question itself (one routed to another department they may not)."""


def qr_svg(link: str, label: str) -> Markup:
    """The link as a QR code, an inline SVG image named ``label`` (the page's CSP allows no script or inline style).

    Always a full QR code: segno would draw a short text as a Micro QR, which phone cameras do not read.
    """
    svg = segno.make_qr(link, error="m").svg_inline(scale=4, svgclass="qr-code", omitsize=True)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))  # noqa: S704  (segno's own markup)


async def _ticket(session: AsyncSession, reference: str, staff: User) -> tuple[Ticket, bool]:
    """A question entered by staff that ``staff`` may see, or entered themselves, and whether they may
    open it (see it); :class:`NotFound` otherwise."""
    ticket = await session.scalar(select(Ticket).where(Ticket.reference == reference))
    if ticket is None or ticket.entered_by_id is None:
        raise NotFound(reference)
    can_open = (await sight(session, staff)).sees(ticket)
    if not (can_open or ticket.entered_by_id == staff.id):
        raise NotFound(reference)
    return ticket, can_open


async def receipt(
    session: AsyncSession, reference: str, staff: User, *, short_code: str | None, base_url: str
) -> Receipt:
    """The receipt of question ``reference``; with ``short_code``, the one just issued, its short link."""
    ticket, can_open = await _ticket(session, reference, staff)
    entered_by = await session.get(User, ticket.entered_by_id)
    office_id = entered_by.department_id if entered_by else None
    return Receipt(
        reference=ticket.reference,
        title=ticket.title,
        channel=ticket.channel,
        received_at=ticket.created_at,
        category=await session.get_one(Category, ticket.category_id),
        department=await session.get(Department, ticket.department_id) if ticket.department_id else None,
        answer_due_at=ticket.answer_due_at,
        in_triage=ticket.status in (TicketStatus.RECEIVED, TicketStatus.TRIAGE),
        entered_by=entered_by,
        office=await session.get(Department, office_id) if office_id else None,
        short_link=base_url + short_path(short_code) if short_code else None,
        can_open=can_open,
    )


async def reissue_short_code(session: AsyncSession, reference: str, staff: User, *, now: datetime) -> str:
    """A new short code for the question's receipt, in clear; the one it replaces no longer opens the question."""
    found, _ = await _ticket(session, reference, staff)
    ticket = await locked_ticket(session, found.id)
    code = new_short_code()
    ticket.short_token_hash = hash_token(code)
    # Not a change of the question: its version (updated_at) stays, so no colleague's open form goes stale.
    record(session, ticket, EventKind.RECEIPT_REISSUED, staff.id, now)
    return code
