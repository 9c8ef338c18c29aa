"""The network as leadership watches it: the questions we forward to peer portals and how each peer handles them.

Each figure has one definition here, which the dashboard and the public statistics use; the
scope (a period, a department, a category) is the dashboard's (:class:`feedback.performance.Scope`),
and a question counts for the department that has it, as there:

- **forwarded**: questions a peer took in the period (``taken_at``), whatever became of them;
- **open at the peer** and **late at the peer**: at ``now``, questions the peer has; late when
  past the deadline the peer gave (``expected_at``), unless the question waits for the citizen
  (the origin's answer clock is paused then too, :func:`feedback.inbox.late_clocks`);
- **answered**: questions the peer closed in the period (answered, or rejected as out of scope);
- **sent back**: questions the peer returned to us in the period;
- **median time to answer**: the median working time from the peer taking a question to closing
  it, for those closed in the period, in working days of the calendar's length;
- **waiting to be taken**: at ``now``, forwards the peer has not taken yet (still tried, or
  refused for good), with the attempts made and the last error.

A closed forward changes no more, so its ``updated_at`` is when the peer closed it.
"""

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation.models import Forward, ForwardStatus, MessageKind, Peer, PeerMessage, Received
from feedback.models import Ticket
from feedback.performance import Scope
from routing.calendar import WorkingCalendar

LIST_SIZE = 50
"""At most this many late or waiting questions are listed (the counts say how many there are)."""

NOT_TAKEN = (ForwardStatus.WAITING, ForwardStatus.FAILED)


@dataclass
class PeerFigures:
    """One peer's figures (or, for the totals, every peer's)."""

    name: str = ""
    forwarded: int = 0
    open: int = 0
    answered: int = 0
    returned: int = 0
    late: int = 0
    waiting: int = 0
    median_answer_days: float | None = None


@dataclass(frozen=True)
class LateForward:
    reference: str
    title: str
    peer: str
    expected_at: datetime
    """The deadline the peer gave."""
    late_days: float
    """How long past it at ``now``, in working days."""


@dataclass(frozen=True)
class WaitingForward:
    reference: str
    title: str
    peer: str
    failed: bool
    """The peer refused it for good: staff must cancel it (otherwise it is tried again)."""
    since: datetime
    attempts: int
    error: str | None


@dataclass
class Network:
    peers: list[PeerFigures] = field(default_factory=list)
    totals: PeerFigures = field(default_factory=PeerFigures)
    late: list[LateForward] = field(default_factory=list)
    """The longest late first, at most :data:`LIST_SIZE` (``totals.late`` counts them all)."""
    waiting: list[WaitingForward] = field(default_factory=list)
    """The longest waiting first, at most :data:`LIST_SIZE` (``totals.waiting`` counts them all)."""


def late_at_peer(now: datetime) -> ColumnElement[bool]:
    """The peer has the question and is past its own deadline, and the question does not wait for the citizen."""
    return and_(Forward.status == ForwardStatus.AT_PEER, Forward.expected_at < now, Ticket.paused_at.is_(None))


async def network(session: AsyncSession, scope: Scope, *, now: datetime, calendar: WorkingCalendar) -> Network:
    """Per peer, the questions forwarded to it in ``scope``, those it holds now, and the late and waiting ones.

    One aggregate over the forwards that matter (open now, or taken or closed in the period),
    one read of the answer times of the period, and two short lists.
    """
    start, end = scope.period.start, scope.period.end
    taken_in_period = and_(Forward.taken_at >= start, Forward.taken_at < end)
    closed_in_period = and_(Forward.updated_at >= start, Forward.updated_at < end)
    answered = and_(Forward.status == ForwardStatus.ANSWERED, closed_in_period)
    returned = and_(Forward.status == ForwardStatus.RETURNED, closed_in_period)
    now_open = Forward.status.in_([ForwardStatus.AT_PEER, *NOT_TAKEN])
    counts = (
        select(
            Forward.peer_id,
            Peer.name,
            func.count().filter(taken_in_period),
            func.count().filter(Forward.status == ForwardStatus.AT_PEER),
            func.count().filter(answered),
            func.count().filter(returned),
            func.count().filter(late_at_peer(now)),
            func.count().filter(Forward.status.in_(NOT_TAKEN)),
        )
        .join(Ticket, Ticket.id == Forward.ticket_id)
        .join(Peer, Peer.id == Forward.peer_id)
        .where(*scope.conditions(), or_(now_open, taken_in_period, answered, returned))
        .group_by(Forward.peer_id, Peer.name)
    )
    by_peer: dict[int, PeerFigures] = {}
    for peer_id, name, *figures in await session.execute(counts):
        by_peer[peer_id] = PeerFigures(name, *figures)
    if not by_peer:
        return Network()

    # Working time is the calendar's to count (holidays, swapped Saturdays): the answers of the
    # period come here, two instants each, as the department medians do on SQLite.
    day = calendar.day_length
    durations: dict[int, list[float]] = {}
    for peer_id, taken_at, closed_at in await session.execute(
        select(Forward.peer_id, Forward.taken_at, Forward.updated_at)
        .join(Ticket, Ticket.id == Forward.ticket_id)
        .where(*scope.conditions(), answered, Forward.taken_at.is_not(None))
    ):
        durations.setdefault(peer_id, []).append(calendar.working_time(taken_at, closed_at) / day)
    totals = PeerFigures()
    for peer_id, row in by_peer.items():
        if durations.get(peer_id):
            row.median_answer_days = statistics.median(durations[peer_id])
        for name in ("forwarded", "open", "answered", "returned", "late", "waiting"):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
    every_duration = [d for values in durations.values() for d in values]
    totals.median_answer_days = statistics.median(every_duration) if every_duration else None

    late = []
    if totals.late:
        for reference, title, peer, expected_at in await session.execute(
            select(Ticket.reference, Ticket.title, Peer.name, Forward.expected_at)
            .join(Ticket, Ticket.id == Forward.ticket_id)
            .join(Peer, Peer.id == Forward.peer_id)
            .where(*scope.conditions(), late_at_peer(now))
            .order_by(Forward.expected_at, Forward.id)
            .limit(LIST_SIZE)
        ):
            late.append(LateForward(reference, title, peer, expected_at, calendar.working_time(expected_at, now) / day))
    waiting = []
    if totals.waiting:
        message = and_(PeerMessage.forward_id == Forward.id, PeerMessage.kind == MessageKind.FORWARD)
        for reference, title, peer, status, since, attempts, error in await session.execute(
            select(
                Ticket.reference, Ticket.title, Peer.name, Forward.status, Forward.created_at,
                func.coalesce(PeerMessage.attempts, 0), Forward.error,
            )
            .join(Ticket, Ticket.id == Forward.ticket_id)
            .join(Peer, Peer.id == Forward.peer_id)
            .outerjoin(PeerMessage, message)
            .where(*scope.conditions(), Forward.status.in_(NOT_TAKEN))
            .order_by(Forward.created_at, Forward.id)
            .limit(LIST_SIZE)
        ):  # fmt: skip
            waiting.append(
                WaitingForward(reference, title, peer, status == ForwardStatus.FAILED, since, attempts, error)
            )
    peers = sorted(by_peer.values(), key=lambda r: (-r.late, -r.open, -r.forwarded, r.name))
    return Network(peers, totals, late, waiting)


@dataclass(frozen=True)
class Exchange:
    """What went between us and one peer in a period: questions forwarded to it and received from it."""

    peer: str
    forwarded: int
    received: int


async def exchanges(session: AsyncSession, scope: Scope) -> list[Exchange]:
    """Per peer, by name: the questions it took from us in ``scope``'s period, and those it sent us then.

    A question received counts when it arrived (``created_at``), as the department tables count
    questions received.
    """
    start, end = scope.period.start, scope.period.end
    forwarded = (
        select(Forward.peer_id, func.count())
        .join(Ticket, Ticket.id == Forward.ticket_id)
        .where(*scope.conditions(), Forward.taken_at >= start, Forward.taken_at < end)
        .group_by(Forward.peer_id)
    )
    received = (
        select(Received.peer_id, func.count())
        .join(Ticket, Ticket.id == Received.ticket_id)
        .where(*scope.conditions(), Ticket.created_at >= start, Ticket.created_at < end)
        .group_by(Received.peer_id)
    )
    sent_to = {peer_id: count for peer_id, count in await session.execute(forwarded)}
    came_from = {peer_id: count for peer_id, count in await session.execute(received)}
    if not sent_to and not came_from:
        return []
    peer_ids = {*sent_to, *came_from}
    names = {
        peer_id: name
        for peer_id, name in await session.execute(select(Peer.id, Peer.name).where(Peer.id.in_(peer_ids)))
    }
    rows = [Exchange(names[p], sent_to.get(p, 0), came_from.get(p, 0)) for p in peer_ids]
    return sorted(rows, key=lambda row: row.peer)
