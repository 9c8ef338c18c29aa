"""The escalation scan on real dates: each level fires once, even with two scans at the same time."""

import asyncio
from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from feedback.escalations import catch_up, escalate_due
from feedback.handling import accept
from feedback.intake import receive_question
from feedback.models import Channel, Ticket, TicketEvent
from notify.db import Database
from notify.models import Notification
from routing.calendar import VIETNAM
from routing.models import Department
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


async def coordinating_office(database: Database) -> int:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Department.id).where(Department.is_coordinating_office))


async def scan(database: Database, now: datetime) -> int:
    async with database.transaction() as session:
        return (await escalate_due(session, now=now)).fired


async def outcome(database: Database, clock: str | None = "answer") -> tuple[list[tuple], list[tuple]]:
    """The escalation events and outbox rows of ``clock`` (every clock if None), in order."""
    async with database.transaction() as session:
        events = await session.scalars(
            sa.select(TicketEvent).where(TicketEvent.kind == "ticket:escalated").order_by(TicketEvent.id)
        )
        notes = await session.scalars(
            sa.select(Notification).where(Notification.kind.startswith("sla_")).order_by(Notification.id)
        )
        return (
            [(e.ticket_id, e.data["clock"], e.data["level"]) for e in events if clock in (None, e.data["clock"])],
            [(n.kind, n.recipient, n.data["level"]) for n in notes if clock in (None, n.data["clock"])],
        )


async def accept_now(database: Database, ticket_id: int, now: datetime) -> None:
    async with database.transaction() as session:
        await accept(session, ticket_id, actor_id=None, now=now)


async def test_the_answer_ladder_climbs_on_working_time(database: Database, tmp_path) -> None:
    [ticket_id] = await submit(database, tmp_path)
    await accept_now(database, ticket_id, vn(2026, 2, 13, 11))  # the transfer and acceptance clocks stop
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
    assert events == [(ticket_id, "answer", level) for level in range(4)]
    assert notes == [
        ("sla_warning", f"department:{department}", 0),
        ("sla_escalation", f"head:{department}", 1),
        ("sla_escalation", f"department:{await coordinating_office(database)}", 2),
        ("sla_escalation", "role:leader", 3),
    ]
    async with database.transaction() as session:
        done = await session.get_one(Ticket, ticket_id)
    assert (done.answer_level, done.next_check_at) == (3, None)


async def test_catching_up_fires_each_step_at_the_instant_it_fell_due(database: Database, tmp_path) -> None:
    [ticket_id] = await submit(database, tmp_path)
    await accept_now(database, ticket_id, vn(2026, 2, 13, 11))
    async with database.transaction() as session:
        assert await catch_up(session, until=vn(2026, 3, 12, 12)) == 3  # the warning, levels 1 and 2
        assert await catch_up(session, until=vn(2026, 3, 12, 12)) == 0
        events = await session.scalars(
            sa.select(TicketEvent).where(TicketEvent.kind == "ticket:escalated").order_by(TicketEvent.id)
        )
        notes = await session.scalars(sa.select(Notification).order_by(Notification.id))
        fired = [(e.data["level"], e.at) for e in events]
        ticket = await session.get_one(Ticket, ticket_id)
        assert {n.created_at for n in notes if n.kind.startswith("sla_")} == {at for _, at in fired}
    assert fired == [(0, vn(2026, 3, 4, 10)), (1, vn(2026, 3, 6, 17)), (2, vn(2026, 3, 10, 17))]
    assert (ticket.answer_level, ticket.next_check_at) == (2, vn(2026, 3, 13, 17))  # level 3 is still to come


async def test_a_question_nobody_accepts_escalates_on_the_acceptance_and_transfer_clocks(
    database: Database, tmp_path
) -> None:
    [ticket_id] = await submit(database, tmp_path)
    # Received Friday 13/2 10:00; Tết 16–20/2. Accept by Tuesday 24/2 17:00 (2 working days);
    # transfer by Friday 27/2 17:00 (5 working days).
    assert await scan(database, vn(2026, 2, 24, 17)) == 2  # acceptance: the warning, then overdue (level 1)
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
    # Next: 75% of the transfer window's 42.5 working hours, on Thursday 26/2 at 13:52:30.
    assert ticket.next_check_at == vn(2026, 2, 26, 13, 52, 30)
    assert await scan(database, vn(2026, 2, 26, 17)) == 2  # transfer warning, then acceptance level 2
    events, _ = await outcome(database, clock=None)
    assert events == [
        (ticket_id, c, level) for c, level in [("accept", 0), ("accept", 1), ("transfer", 0), ("accept", 2)]
    ]
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
    assert (ticket.accept_level, ticket.transfer_level, ticket.answer_level) == (2, 0, None)
    await accept_now(database, ticket_id, vn(2026, 2, 27, 9))
    assert await scan(database, vn(2026, 3, 3, 17)) == 0  # accepted: both clocks stopped
    async with database.transaction() as session:
        assert (await session.get_one(Ticket, ticket_id)).next_check_at == vn(2026, 3, 4, 10)  # the answer warning


async def test_two_scans_at_once_fire_each_level_exactly_once(database: Database, tmp_path) -> None:
    ids = await submit(database, tmp_path, count=5)
    late = vn(2026, 4, 1, 9)
    other = Database(database.url)  # a second engine, as a second worker process would have
    try:
        results = await asyncio.gather(scan(database, late), scan(other, late), scan(database, late))
    finally:
        await other.dispose()
    expected = Counter(
        (i, clock, level) for i in ids for clock in ("transfer", "accept", "answer") for level in range(4)
    )
    assert sum(results) == len(expected) == 5 * 3 * 4
    events, notes = await outcome(database, clock=None)
    assert Counter(events) == expected
    assert len(notes) == len(expected)
