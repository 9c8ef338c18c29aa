"""The morning digest: what is overdue, department by department, for leadership and the coordinating office.

Queued once a working day, from :data:`DIGEST_AT` (07:30 in Vietnam) on: the scheduler asks every
few minutes and the notification's key (the date) makes every ask after the first a no-op.
Weekends and public holidays (the working calendar) get none. Overdue means what the inbox
means by it (:func:`feedback.inbox.overdue_condition`), so the digest and the pages agree.
"""

from datetime import datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.inbox import IS_OPEN, overdue_condition
from feedback.models import Ticket
from notify.models import add_notifications
from routing.calendar import VIETNAM
from routing.models import Department
from routing.services import routing_data

DIGEST_AT = time(7, 30)
WORST = 5
"""The most overdue questions listed under each department."""


async def queue_digest(session: AsyncSession, *, now: datetime, base_url: str) -> str | None:
    """Write today's digest to leaders and the coordinating office, if today is due one; its topic, None if not due."""
    data = await routing_data(session)
    local = now.astimezone(VIETNAM)
    if not data.calendar.is_working_day(local.date()) or local.time() < DIGEST_AT:
        return None
    summary = await overdue_summary(session, now=now, base_url=base_url)
    day = local.date().isoformat()
    topic = f"digest-{day}"
    recipients = ["role:leader"]
    if data.coordinating_office_id is not None:
        recipients.append(f"department:{data.coordinating_office_id}")
    await add_notifications(
        session,
        [
            {
                "idempotency_key": f"digest:{day}:{recipient}",
                "kind": "daily_digest",
                "recipient": recipient,
                "topic": topic,
                "data": {"day": local.strftime("%d/%m/%Y"), **summary},
                "created_at": now,
            }
            for recipient in recipients
        ],
    )
    return topic


async def overdue_summary(session: AsyncSession, *, now: datetime, base_url: str) -> dict[str, Any]:
    """Overdue open questions per department, the worst first, each with its most overdue questions."""
    overdue = [IS_OPEN, overdue_condition(now)]
    due = func.coalesce(Ticket.answer_due_at, Ticket.transfer_due_at)
    counts = await session.execute(
        select(Department.id, Department.name, func.count(Ticket.id))
        .join(Ticket, Ticket.department_id == Department.id)
        .where(*overdue)
        .group_by(Department.id, Department.name)
        .order_by(func.count(Ticket.id).desc(), Department.name)
    )
    departments = []
    for department_id, name, count in counts:
        worst = await session.execute(
            select(Ticket.reference, Ticket.title, due)
            .where(*overdue, Ticket.department_id == department_id)
            .order_by(due.nulls_last(), Ticket.id)
            .limit(WORST)
        )
        departments.append(
            {
                "name": name,
                "count": count,
                "worst": [
                    {
                        "reference": reference,
                        "title": title,
                        "due": due_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if due_at else "",
                        "link": f"{base_url}/can-bo/cau-hoi/{reference}",
                    }
                    for reference, title, due_at in worst
                ],
            }
        )
    return {
        "total": sum(d["count"] for d in departments),
        "departments": departments,
        "link": f"{base_url}/can-bo/hop-thu?due=overdue",
    }
