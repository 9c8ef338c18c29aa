"""A question that opens again after its department ended goes to the department that took over its work.

Answered questions stay with the version that answered them (the name of the time), so a
follow-up on one, weeks after a merge, would otherwise reopen in a department nobody works in.
"""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.changes import record
from feedback.lifecycle import EventKind
from feedback.models import QaSearch, Ticket
from feedback.reorganisation.names import live_successor
from routing.models import Department


async def to_live_department(session: AsyncSession, ticket: Ticket, *, now: datetime) -> None:
    """Move ``ticket`` to the live end of its department's successor chain, with the event a merge writes."""
    if ticket.department_id is None:
        return
    departments = {d.id or 0: d for d in await session.scalars(select(Department))}
    ended = departments.get(ticket.department_id)
    live = live_successor(ended, departments) if ended else None
    if ended is None or live is None:
        return
    ticket.department_id = live.id
    await session.execute(update(QaSearch).where(QaSearch.ticket_id == ticket.id).values(department_id=live.id))
    record(
        session,
        ticket,
        EventKind.REORGANISED,
        None,
        now,
        from_department_id=ended.id,
        department_id=live.id,
        from_name=ended.name,
        from_name_en=ended.name_en,
        name=live.name,
        name_en=live.name_en,
        reorganisation="successor",
    )
