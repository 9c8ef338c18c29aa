"""Calendar changes, previewed and applied: the override and the clocks it moves, in one transaction.

Each due time is counted again the way it was first set, with the new calendar: the transfer
window from receipt, the acceptance window from the arrival in the department, the answer
clock replayed from routing through its pauses and its extension (:func:`routing.explain.replay`,
the very replay the deadline explanation makes, so that it shows no "recounted" step after the
change). A due time that the old calendar's count does not give (set under a policy changed
since) keeps its number of working days from the clock's start, counted on the new calendar. A
clock set from outside (the deadline a peer portal gave a forwarded question) is left alone.

Open questions are streamed in batches by id, so a province's 50,000 take bounded memory. The
escalation levels already fired stay: the next check is set from the new due times, and a step
that has fired does not fire again.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import and_, bindparam, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.audit.services import record
from feedback.calendar.days import day_span
from feedback.changes import citizen_notice
from feedback.clocks import ClockKind, next_check_at, running
from feedback.deadlines.explanation import answer_changes
from feedback.federation.updates import tell_origin
from feedback.i18n import local_datetime
from feedback.lifecycle import OPEN_STATUSES, EventKind, TicketStatus
from feedback.models import Channel, Ticket, TicketEvent
from notify.models import add_notifications
from routing import admin
from routing.calendar import VIETNAM, WorkingCalendar
from routing.explain import Pause, replay
from routing.models import CalendarOverride
from routing.services import RoutingData, forget_routing_data, routing_data

BATCH = 1000
EXAMPLES = 5
_TICKETS = Ticket.__table__
_DUE_COLUMNS = {
    ClockKind.TRANSFER: "transfer_due_at",
    ClockKind.ACCEPT: "accept_due_at",
    ClockKind.ANSWER: "answer_due_at",
}


@dataclass(frozen=True)
class Change:
    """Days whose working state changes: ``working`` is the state they take."""

    days: tuple[date, ...]
    working: bool
    reason: str


@dataclass(frozen=True)
class Example:
    reference: str
    clock: ClockKind
    before: datetime
    after: datetime


@dataclass
class Recount:
    """What a change moves: questions, clocks of each kind, and the first few examples."""

    tickets: int = 0
    clocks: Counter[ClockKind] = field(default_factory=Counter)
    examples: list[Example] = field(default_factory=list)


@dataclass(frozen=True)
class _Moved:
    ticket: Ticket
    clocks: dict[ClockKind, tuple[datetime, datetime]]
    waited_minutes: int
    next_check_at: datetime | None


async def _overrides(session: AsyncSession) -> dict[date, bool]:
    return dict((await session.execute(select(CalendarOverride.day, CalendarOverride.working))).all())


def _calendar(like: WorkingCalendar, overrides: dict[date, bool]) -> WorkingCalendar:
    return WorkingCalendar.vietnam(overrides=overrides, office_hours=like.office_hours)


def _window_filter(first: date, last: date) -> Any:
    """Open questions with a clock whose window (start to due time, or next check) may hold a day of first..last."""
    lower = datetime.combine(first, time.min, VIETNAM).astimezone(UTC)
    upper = datetime.combine(last + timedelta(days=1), time.min, VIETNAM).astimezone(UTC)
    return and_(
        Ticket.status.in_(OPEN_STATUSES),
        or_(
            and_(Ticket.accepted_at.is_(None), Ticket.created_at < upper, Ticket.transfer_due_at >= lower),
            and_(Ticket.status == TicketStatus.ASSIGNED, Ticket.assigned_at < upper, Ticket.accept_due_at >= lower),
            and_(Ticket.routed_at < upper, Ticket.answer_due_at >= lower),
            # A step of the ladder counted past the due time (overdue by N working days) moves too.
            Ticket.next_check_at >= lower,
        ),
    )


def _due(
    ticket: Ticket, kind: ClockKind, data: RoutingData, calendar: WorkingCalendar, events: Sequence[TicketEvent]
) -> datetime:
    policy = data.policy(ticket.category_id, ticket.priority)
    if kind is ClockKind.TRANSFER:
        return policy.transfer.after(calendar, ticket.created_at)
    if kind is ClockKind.ACCEPT:
        assert ticket.assigned_at is not None
        return policy.accept.after(calendar, ticket.assigned_at)
    assert ticket.routed_at is not None
    due_at, _ = replay(calendar, policy.answer, ticket.routed_at, answer_changes(events, ticket))
    return due_at


def _same_working_time(start: datetime, due: datetime, old: WorkingCalendar, new: WorkingCalendar) -> datetime:
    """The due time that leaves as many working days (or hours) after ``start`` in ``new`` as ``due`` did in ``old``."""
    if not old.is_close(due):
        return new.add(start, working_hours=old.working_time(start, due))
    first, last = start.astimezone(old.tz).date(), due.astimezone(old.tz).date()
    days = sum(1 for n in range(1, (last - first).days + 1) if old.is_working_day(first + timedelta(days=n)))
    return new.add(start, working_days=days) if days else due


def _waited_minutes(ticket: Ticket, calendar: WorkingCalendar, events: Sequence[TicketEvent]) -> int:
    """The working minutes the answer clock has waited for the citizen, counted as each reply counts them."""
    pauses = [c for c in answer_changes(events, ticket) if isinstance(c, Pause) and c.resumed_at is not None]
    if not pauses:
        return ticket.waited_minutes
    return sum(int(calendar.working_time(p.paused_at, p.resumed_at).total_seconds() // 60) for p in pauses)  # type: ignore[arg-type]


def _recount_one(
    ticket: Ticket,
    data: RoutingData,
    old: WorkingCalendar,
    new: WorkingCalendar,
    events: Sequence[TicketEvent],
) -> _Moved | None:
    clocks = running(ticket)
    clock_of = {kind: clock for kind, (clock, _) in clocks.items()}
    moved: dict[ClockKind, tuple[datetime, datetime]] = {}
    for kind in clocks:
        if kind is ClockKind.ANSWER and ticket.status is TicketStatus.FORWARDED:
            continue  # the peer portal that took it set this deadline
        stored = getattr(ticket, _DUE_COLUMNS[kind])
        if _due(ticket, kind, data, old, events) == stored:
            after = _due(ticket, kind, data, new, events)
        else:  # set under rules that have changed since: keep its working time, counted anew
            after = _same_working_time(clock_of[kind].started_at, stored, old, new)
        if after != stored:
            moved[kind] = (stored, after)
    recounted = {
        kind: (replace(clock, due_at=moved[kind][1]) if kind in moved else clock, level)
        for kind, (clock, level) in clocks.items()
    }
    policy = data.policy(ticket.category_id, ticket.priority)
    check = next_check_at(recounted, policy, new)
    waited = _waited_minutes(ticket, new, events) if ClockKind.ANSWER in moved else ticket.waited_minutes
    if not moved and check == ticket.next_check_at:
        return None
    return _Moved(ticket, moved, waited, check)


async def _events(session: AsyncSession, tickets: Sequence[Ticket]) -> dict[int, list[TicketEvent]]:
    """The pauses and extensions of each routed ticket, in order (what the answer clock's replay reads)."""
    routed = [t.id for t in tickets if t.routed_at is not None]
    found: dict[int, list[TicketEvent]] = defaultdict(list)
    if routed:
        rows = await session.scalars(
            select(TicketEvent)
            .where(
                TicketEvent.ticket_id.in_(routed),
                TicketEvent.kind.in_([EventKind.INFO_REQUESTED, EventKind.CITIZEN_REPLIED, EventKind.EXTENDED]),
            )
            .order_by(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.id)
        )
        for event in rows:
            session.expunge(event)  # read only, and not kept once the batch is counted
            found[event.ticket_id].append(event)
    starts = {t.id: t.routed_at for t in tickets}
    return {id_: [e for e in events if e.at >= starts[id_]] for id_, events in found.items()}


async def _recount(
    session: AsyncSession,
    change: Change,
    old: WorkingCalendar,
    new: WorkingCalendar,
    *,
    write: bool,
    now: datetime,
    actor_id: int | None = None,
) -> Recount:
    data = await routing_data(session)
    result = Recount()
    last_id = 0
    where = _window_filter(min(change.days), max(change.days))
    while True:
        tickets = (
            await session.scalars(
                select(Ticket)
                .where(where, Ticket.id > last_id)
                .order_by(Ticket.id)
                .limit(BATCH)
                .execution_options(populate_existing=True)
            )
        ).all()
        if not tickets:
            break
        last_id = tickets[-1].id or 0
        events = await _events(session, tickets)
        moved = [m for t in tickets if (m := _recount_one(t, data, old, new, events.get(t.id or 0, [])))]
        for m in moved:
            if m.clocks:
                result.tickets += 1
                result.clocks.update(m.clocks.keys())
                if len(result.examples) < EXAMPLES:
                    kind = ClockKind.ANSWER if ClockKind.ANSWER in m.clocks else next(iter(m.clocks))
                    result.examples.append(Example(m.ticket.reference, kind, *m.clocks[kind]))
        if write and moved:
            await _write(session, moved, change, now=now, actor_id=actor_id)
        for ticket in tickets:  # bounded memory: the batch leaves the session
            session.expunge(ticket)
        if len(tickets) < BATCH:
            break
    return result


async def _write(
    session: AsyncSession, moved: Sequence[_Moved], change: Change, *, now: datetime, actor_id: int | None
) -> None:
    rows = []
    for m in moved:
        t = m.ticket
        row = {
            "b_id": t.id,
            "b_next": m.next_check_at,
            "b_waited": m.waited_minutes,
            "b_updated": now if m.clocks else t.updated_at,
        }
        for kind, column in _DUE_COLUMNS.items():
            row[f"b_{column}"] = m.clocks[kind][1] if kind in m.clocks else getattr(t, column)
        rows.append(row)
    values = {column: bindparam(f"b_{column}") for column in _DUE_COLUMNS.values()}
    connection = await session.connection()
    await connection.execute(
        update(_TICKETS)
        .where(_TICKETS.c.id == bindparam("b_id"))
        .values(
            **values,
            next_check_at=bindparam("b_next"),
            waited_minutes=bindparam("b_waited"),
            updated_at=bindparam("b_updated"),
        )
        .execution_options(synchronize_session=False),
        rows,
    )
    recounted = [m for m in moved if m.clocks]
    if not recounted:
        return
    days = [d.isoformat() for d in change.days]
    events, notices = [], []
    for m in recounted:
        data: dict[str, Any] = {
            "days": days,
            "day_off": not change.working,
            "reason": change.reason,
            "clocks": {kind.value: [a.isoformat(), b.isoformat()] for kind, (a, b) in m.clocks.items()},
        }
        if answer := m.clocks.get(ClockKind.ANSWER):
            data["previous_due_at"], data["answer_due_at"] = answer[0].isoformat(), answer[1].isoformat()
            notices.append(
                citizen_notice(
                    m.ticket,
                    "deadline_moved",
                    now,
                    previous_due=local_datetime(answer[0]),
                    days_text=day_span(days),
                    calendar_reason=change.reason,
                    day_off=not change.working,
                )
            )
            if m.ticket.channel is Channel.PEER:  # the portal that forwarded it hears of the new deadline
                moved_ticket = SimpleNamespace(
                    id=m.ticket.id, reference=m.ticket.reference, status=m.ticket.status, answer_due_at=answer[1]
                )
                tell_origin(session, moved_ticket, EventKind.DEADLINE_RECOUNTED, data, now)
        kind = EventKind.DEADLINE_RECOUNTED
        events.append(
            {
                "ticket_id": m.ticket.id,
                "actor_id": actor_id,
                "kind": kind,
                "public": kind.public,
                "data": data,
                "at": now,
            }
        )
    await connection.execute(insert(TicketEvent), events)
    if notices:
        await add_notifications(session, notices)


def _summary(change: Change, result: Recount) -> dict[str, Any]:
    return {
        "days": [d.isoformat() for d in change.days],
        "working": change.working,
        "reason": change.reason,
        "moved": result.tickets,
        "clocks": {kind.value: n for kind, n in sorted(result.clocks.items())},
    }


def _target(days: Sequence[date]) -> str:
    return days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()}..{days[-1].isoformat()}"


async def preview_add(
    session: AsyncSession, *, first: date, last: date | None, working: bool, reason: str, now: datetime
) -> Recount:
    """What adding the override would move, without writing; refused as :func:`routing.admin.check_overrides` refuses."""
    days = await admin.check_overrides(session, first=first, last=last, working=working, reason=reason)
    old = _calendar((await routing_data(session)).calendar, await _overrides(session))
    new = _calendar(old, {**old.overrides, **dict.fromkeys(days, working)})
    return await _recount(session, Change(tuple(days), working, reason), old, new, write=False, now=now)


async def add_override(
    session: AsyncSession,
    *,
    first: date,
    last: date | None,
    working: bool,
    reason: str,
    actor_id: int | None,
    now: datetime,
) -> Recount:
    """Add the override and recount the clocks it moves, each with an event, and the audit entry."""
    old = _calendar((await routing_data(session)).calendar, await _overrides(session))
    overrides = await admin.add_overrides(session, first=first, last=last, working=working, reason=reason)
    days = tuple(o.day for o in overrides)
    change = Change(days, working, overrides[0].reason)
    new = _calendar(old, {**old.overrides, **dict.fromkeys(days, working)})
    result = await _recount(session, change, old, new, write=True, now=now, actor_id=actor_id)
    await record(session, actor_id, "calendar:override_added", _target(days), None, _summary(change, result), now)
    forget_routing_data(session)
    return result


async def _removal(session: AsyncSession, day: date) -> tuple[Change, WorkingCalendar, WorkingCalendar]:
    override = await admin.override_on(session, day)
    old = _calendar((await routing_data(session)).calendar, await _overrides(session))
    new = _calendar(old, {d: w for d, w in old.overrides.items() if d != day})
    return Change((day,), new.is_working_day(day), override.reason), old, new


async def preview_remove(session: AsyncSession, *, day: date, now: datetime) -> Recount:
    """What withdrawing the override on ``day`` would move, without writing."""
    change, old, new = await _removal(session, day)
    return await _recount(session, change, old, new, write=False, now=now)


async def remove_override(session: AsyncSession, *, day: date, actor_id: int | None, now: datetime) -> Recount:
    """Withdraw the override on ``day`` and recount the clocks it moves back, with events and the audit entry."""
    change, old, new = await _removal(session, day)
    before = {"day": day.isoformat(), "working": not change.working, "reason": change.reason}
    await admin.remove_override(session, day)
    result = await _recount(session, change, old, new, write=True, now=now, actor_id=actor_id)
    after = {"moved": result.tickets, "clocks": {kind.value: n for kind, n in sorted(result.clocks.items())}}
    await record(session, actor_id, "calendar:override_removed", day.isoformat(), before, after, now)
    forget_routing_data(session)
    return result
