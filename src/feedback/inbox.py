"""The staff inbox: open tickets a user may see, filtered, counted, sorted by due time, one page at a time.

Filters combine: a status group, an assignee ("me", "none"), a category, a department (for
those who see every department), and a due state: due soon (within two working days), overdue
(any running clock past its time) or paused (waiting for the citizen). The counts beside each
filter come from one aggregate query over the same visible set.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.clocks import ClockKind, deadlines
from feedback.i18n import gettext
from feedback.lifecycle import OPEN_STATUSES, TicketStatus
from feedback.models import Ticket, User
from feedback.permissions import sight
from feedback.tickets import working_time_words
from routing.calendar import WorkingCalendar
from routing.services import routing_data
from routing.sla import ClockState

PAGE_SIZE = 50
DUE_SOON_WORKING_DAYS = 2
STATUS_FILTERS = ("open", *(s.value for s in TicketStatus if s in OPEN_STATUSES))
DUE_FILTERS = ("soon", "overdue", "paused")
# Inlined rather than bound: PostgreSQL uses the partial index ix_ticket_open_by_due (migration
# 0010) only when it can see that the query's list of statuses is the index's.
IS_OPEN = Ticket.status.in_(bindparam("open", sorted(OPEN_STATUSES), expanding=True, literal_execute=True))
"""A ticket is open (not answered, closed or rejected), in a form the partial index serves."""


@dataclass(frozen=True)
class InboxFilter:
    status: str = "open"
    assignee: str | None = None
    """"me", "none", or None for anyone."""
    category_id: int | None = None
    department_id: int | None = None
    due: str | None = None
    page: int = 1


def late_clocks(now: datetime) -> list[tuple[ColumnElement[bool], ColumnElement[datetime]]]:
    """Each clock that can run late, as (it is past its due time, that due time): the answer (not
    paused), the acceptance, and the legal transfer window."""
    return [
        (and_(Ticket.answer_due_at < now, Ticket.paused_at.is_(None)), Ticket.answer_due_at),
        (and_(Ticket.status == TicketStatus.ASSIGNED, Ticket.accept_due_at < now), Ticket.accept_due_at),
        (and_(Ticket.accepted_at.is_(None), Ticket.transfer_due_at < now), Ticket.transfer_due_at),
    ]


def overdue_condition(now: datetime) -> ColumnElement[bool]:
    """A running clock is past its due time (any of :func:`late_clocks`)."""
    return or_(*(late for late, _ in late_clocks(now)))


def due_soon_condition(now: datetime, soon: datetime) -> ColumnElement[bool]:
    """Not overdue, not paused, and due by ``soon``."""
    nearest = func.coalesce(Ticket.answer_due_at, Ticket.transfer_due_at)
    return and_(~overdue_condition(now), Ticket.paused_at.is_(None), nearest <= soon)


class Badge(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"


@dataclass(frozen=True)
class Row:
    ticket: Ticket
    due_at: datetime | None
    """The nearest deadline that matters: the answer's, else (in triage) the transfer's."""
    badge: Badge | None
    badge_text: str


def _badge(clocks: dict[ClockKind, ClockState], soon: datetime, calendar: WorkingCalendar) -> tuple[Badge | None, str]:
    """The SLA badge: paused, overdue by N working days, due soon, or on time with the time left."""
    if not clocks:
        return None, ""
    main = clocks.get(ClockKind.ANSWER) or clocks.get(ClockKind.TRANSFER) or next(iter(clocks.values()))
    if main.paused:
        return Badge.PAUSED, gettext("Paused: waiting for the citizen")
    late = [c for c in clocks.values() if c.overdue]
    if late:
        worst = max(c.overdue_by for c in late)
        return Badge.OVERDUE, gettext("Overdue by {time}").format(time=working_time_words(worst, calendar))
    left = working_time_words(main.time_left, calendar)
    if main.due_at <= soon:
        return Badge.DUE_SOON, gettext("Due soon: {time} left").format(time=left)
    return Badge.ON_TIME, gettext("On time: {time} left").format(time=left)


@dataclass(frozen=True)
class InboxPage:
    rows: Sequence[Row]
    total: int
    counts: dict[str, int]
    page: int
    pages: int


async def inbox(session: AsyncSession, user: User, wanted: InboxFilter, *, now: datetime) -> InboxPage:
    calendar: WorkingCalendar = (await routing_data(session)).calendar
    soon = calendar.add(now, working_days=DUE_SOON_WORKING_DAYS)
    base = [(await sight(session, user)).condition(), IS_OPEN]
    if wanted.department_id is not None:
        base.append(Ticket.department_id == wanted.department_id)
    if wanted.category_id is not None:
        base.append(Ticket.category_id == wanted.category_id)
    named = {
        "open": Ticket.id.is_not(None),
        "mine": Ticket.assignee_id == user.id,
        "unassigned": Ticket.assignee_id.is_(None),
        "to_accept": Ticket.status == TicketStatus.ASSIGNED,
        "triage": Ticket.status == TicketStatus.TRIAGE,
        "pending_approval": Ticket.status == TicketStatus.PENDING_APPROVAL,
        "soon": due_soon_condition(now, soon),
        "overdue": overdue_condition(now),
        "paused": Ticket.paused_at.is_not(None),
    }
    totals = (await session.execute(select(*(func.count().filter(c) for c in named.values())).where(*base))).one()
    counts = dict(zip(named, totals, strict=True))

    conditions = list(base)
    if wanted.status != "open":
        conditions.append(Ticket.status == wanted.status)
    if wanted.assignee == "me":
        conditions.append(named["mine"])
    elif wanted.assignee == "none":
        conditions.append(named["unassigned"])
    if wanted.due in DUE_FILTERS:
        conditions.append(named[wanted.due])
    total = await session.scalar(select(func.count()).select_from(Ticket).where(*conditions)) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(wanted.page, 1), pages)
    due = func.coalesce(Ticket.answer_due_at, Ticket.transfer_due_at)
    tickets = await session.scalars(
        select(Ticket)
        .where(*conditions)
        .order_by(due.is_(None), due, Ticket.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    rows = []
    for ticket in tickets:
        badge, text = _badge(deadlines(ticket, calendar, now), soon, calendar)
        rows.append(Row(ticket, ticket.answer_due_at or ticket.transfer_due_at, badge, text))
    return InboxPage(rows=rows, total=total, counts=counts, page=page, pages=pages)
