"""The escalation scan on real dates: each level fires once, even with two scans at the same time."""

import asyncio
from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from feedback.escalations import escalate_due
from feedback.intake import receive_question
from feedback.models import Channel, Ticket, TicketEvent
from notify.db import Database
from notify.models import Notification
from routing.calendar import VIETNAM
from tests.factories import question_fields

# Friday 13/2/2026 10:00 in Vietnam, before Tết: answer due Friday 6/3 17:00, warning on 4/3 at 10:00.
RECEIVED = datetime(2026, 2, 13, 3, 0, tzinfo=UTC)


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


async def submit(database: Database, tmp_path, count: int = 1) -> list[int]:
    ids = []
    for _ in range(count):
        async with database.transaction() as session:
            submitted = await receive_question(
                session,
                question_fields(category="giao-duc"),
                [],
                channel=Channel.WEB,
                language="vi",
                upload_dir=tmp_path,
                now=RECEIVED,
            )
        ids.append(submitted.ticket_id)
    return ids


async def scan(database: Database, now: datetime) -> int:
    async with database.transaction() as session:
        return await escalate_due(session, now=now)


async def outcome(database: Database) -> tuple[list[tuple[int, int]], list[tuple[str, str]]]:
    async with database.transaction() as session:
        events = await session.scalars(sa.select(TicketEvent).where(TicketEvent.kind == "ticket:escalated"))
        notes = await session.scalars(sa.select(Notification).order_by(Notification.id))
        return (
            sorted((e.ticket_id, e.data["level"]) for e in events),
            [(n.kind, n.recipient) for n in notes],
        )


async def test_the_ladder_climbs_on_working_time(database: Database, tmp_path) -> None:
    [ticket_id] = await submit(database, tmp_path)
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
        department = ticket.department_id
    assert ticket.next_check_at == vn(2026, 3, 4, 10)

    assert await scan(database, vn(2026, 3, 4, 9, 59)) == 0
    assert await scan(database, vn(2026, 3, 4, 10)) == 1
    async with database.transaction() as session:
        assert (await session.get_one(Ticket, ticket_id)).next_check_at == vn(2026, 3, 6, 17)
    assert await scan(database, vn(2026, 3, 10, 17)) == 2  # the deadline, then 2 working days overdue
    assert await scan(database, vn(2026, 3, 10, 17)) == 0
    assert await scan(database, vn(2026, 3, 13, 17)) == 1
    events, notes = await outcome(database)
    assert events == [(ticket_id, 0), (ticket_id, 1), (ticket_id, 2), (ticket_id, 3)]
    assert notes[0] == ("sla_warning", f"department:{department}")
    assert notes[1] == ("escalation_level_1", f"head:{department}")
    assert notes[3] == ("escalation_level_3", "role:leader")
    async with database.transaction() as session:
        done = await session.get_one(Ticket, ticket_id)
    assert (done.escalation_level, done.next_check_at) == (3, None)


async def test_two_scans_at_once_fire_each_level_exactly_once(database: Database, tmp_path) -> None:
    ids = await submit(database, tmp_path, count=5)
    late = vn(2026, 4, 1, 9)
    other = Database(database.url)  # a second engine, as a second worker process would have
    try:
        results = await asyncio.gather(scan(database, late), scan(other, late), scan(database, late))
    finally:
        await other.dispose()
    assert sum(results) == 5 * 4
    events, notes = await outcome(database)
    assert Counter(events) == Counter((ticket_id, level) for ticket_id in ids for level in range(4))
    assert len(notes) == 5 * 4
