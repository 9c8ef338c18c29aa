"""What the database says at scrape time: small, indexed queries, bounded by the live work.

Counts of open questions and queued deliveries are bounded by the work in hand; what happened
(questions received, deliveries sent or failed, escalations fired) is counted over the last
24 hours through the time indexes, so a scrape stays fast however large the history grows.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.lifecycle import OPEN_STATUSES, EventKind
from feedback.models import Channel as TicketChannel
from feedback.models import Ticket, TicketEvent
from notify.models import Channel as DeliveryChannel
from notify.models import Delivery, DeliveryStatus, Notification
from routing.models import Department

WINDOW = timedelta(hours=24)
NO_DEPARTMENT = "-"


@dataclass
class Snapshot:
    received: dict[str, int] = field(default_factory=dict)
    """Questions received in the last 24 hours, by channel."""
    open: dict[str, int] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)
    """Open questions, and those past their answer deadline, by department code."""
    queued: dict[tuple[str, str], int] = field(default_factory=dict)
    """Deliveries not yet sent, by (channel, state): pending (never tried), retrying, sending."""
    done: dict[tuple[str, str], int] = field(default_factory=dict)
    """Deliveries sent or failed in the last 24 hours, by (channel, outcome)."""
    escalations: dict[str, int] = field(default_factory=dict)
    """Escalation steps fired in the last 24 hours, by level."""
    oldest_pending_age: float = 0.0


async def oldest_pending_age(session: AsyncSession, *, now: datetime) -> float:
    """Seconds since the oldest notification still waiting for a first try was written (0 if none)."""
    oldest_delivery = await session.scalar(
        sa.select(sa.func.min(Delivery.created_at)).where(
            Delivery.status == DeliveryStatus.PENDING, Delivery.attempts == 0
        )
    )
    oldest_notification = await session.scalar(
        sa.select(sa.func.min(Notification.created_at)).where(Notification.status == "pending")
    )
    oldest = min((t for t in (oldest_delivery, oldest_notification) if t is not None), default=None)
    return max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0


async def snapshot(session: AsyncSession, *, now: datetime) -> Snapshot:
    since = now - WINDOW
    result = Snapshot()
    rows = await session.execute(
        sa.select(Ticket.channel, sa.func.count()).where(Ticket.created_at >= since).group_by(Ticket.channel)
    )
    result.received = dict.fromkeys(map(str, TicketChannel), 0) | {str(channel): n for channel, n in rows}

    department = sa.func.coalesce(Department.code, NO_DEPARTMENT)
    overdue = sa.case((Ticket.answer_due_at < now, 1), else_=0)
    rows = await session.execute(
        sa.select(department, sa.func.count(), sa.func.sum(overdue))
        .select_from(Ticket)
        .outerjoin(Department, Department.id == Ticket.department_id)
        .where(Ticket.status.in_(sorted(OPEN_STATUSES)))
        .group_by(department)
    )
    for code, count, late in rows:
        result.open[code], result.overdue[code] = count, int(late or 0)

    state = sa.case(
        (Delivery.status == DeliveryStatus.SENDING, "sending"),
        (Delivery.attempts > 0, "retrying"),
        else_="pending",
    )
    rows = await session.execute(
        sa.select(Delivery.channel, state, sa.func.count())
        .where(Delivery.status.in_([DeliveryStatus.PENDING, DeliveryStatus.SENDING]))
        .group_by(Delivery.channel, state)
    )
    channels = [str(channel) for channel in DeliveryChannel]
    result.queued = {(c, kind): 0 for c in channels for kind in ("pending", "retrying", "sending")}
    result.queued |= {(str(channel), kind): n for channel, kind, n in rows}
    # A finished delivery's next_attempt_at is when its last attempt fell due: the (status,
    # next_attempt_at) index finds the last day's without reading the history.
    rows = await session.execute(
        sa.select(Delivery.channel, Delivery.status, sa.func.count())
        .where(
            Delivery.status.in_([DeliveryStatus.SENT, DeliveryStatus.FAILED]),
            Delivery.next_attempt_at >= since,
        )
        .group_by(Delivery.channel, Delivery.status)
    )
    result.done = {(c, outcome): 0 for c in channels for outcome in ("sent", "failed")}
    result.done |= {(str(channel), str(status)): n for channel, status, n in rows}

    events = await session.scalars(
        sa.select(TicketEvent.data).where(TicketEvent.at >= since, TicketEvent.kind == EventKind.ESCALATED)
    )
    result.escalations = dict(Counter(str((data or {}).get("level", "")) for data in events))
    result.oldest_pending_age = await oldest_pending_age(session, now=now)
    return result
