"""A question reaches its department on arrival, with its deadlines in Vietnamese working time."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from feedback.intake import receive_question
from feedback.models import Channel, Ticket, TicketEvent
from notify.db import Database
from routing.admin import set_policy
from routing.calendar import VIETNAM
from routing.models import Department
from tests.factories import question_fields


async def submit_at(database: Database, tmp_path, now: datetime, **overrides: object) -> tuple[Ticket, list, str]:
    async with database.transaction() as session:
        submitted = await receive_question(
            session, question_fields(**overrides), [], channel=Channel.WEB, language="vi", upload_dir=tmp_path, now=now
        )
        ticket = await session.get_one(Ticket, submitted.ticket_id)
        events = (await session.scalars(sa.select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))).all()
        department = await session.get(Department, ticket.department_id) if ticket.department_id else None
    return ticket, sorted(events, key=lambda e: e.id), department.code if department else None


# Friday 13/2/2026 at 10:00 in Vietnam, the last working day before Tết (16–20/2).
BEFORE_TET = datetime(2026, 2, 13, 3, 0, tzinfo=UTC)


async def test_category_default_department_and_deadlines_skip_tet(database: Database, tmp_path) -> None:
    ticket, events, department = await submit_at(database, tmp_path, BEFORE_TET, category="giao-duc")
    assert (ticket.status, department) == ("assigned", "SGDDT")
    assert ticket.routed_at == BEFORE_TET
    assert ticket.accept_due_at.astimezone(VIETNAM) == datetime(2026, 2, 24, 17, tzinfo=VIETNAM)  # 2 working days
    assert ticket.answer_due_at.astimezone(VIETNAM) == datetime(2026, 3, 6, 17, tzinfo=VIETNAM)  # 10 working days
    assert [e.kind for e in events] == ["ticket:received", "ticket:routed"]
    assert events[1].data == {"department_id": ticket.department_id, "routed_by": "category_default", "rule_id": None}


async def test_a_keyword_rule_wins_over_the_category(database: Database, tmp_path) -> None:
    _, events, department = await submit_at(
        database, tmp_path, BEFORE_TET, category="ho-tich", title="Hoi ve lam CAN CUOC cho con nho"
    )
    assert department == "CAT"
    assert events[1].data["routed_by"] == "rule" and events[1].data["rule_id"] is not None


async def test_no_default_goes_to_triage_with_the_legal_transfer_deadline(database: Database, tmp_path) -> None:
    ticket, events, department = await submit_at(database, tmp_path, BEFORE_TET, category="khac")
    assert (ticket.status, department) == ("triage", "VPUB")
    assert ticket.answer_due_at is None and ticket.routed_at is None
    assert ticket.accept_due_at is None
    assert ticket.transfer_due_at.astimezone(VIETNAM) == datetime(2026, 2, 27, 17, tzinfo=VIETNAM)  # 5 working days
    assert events[1].kind == "ticket:sent_to_triage"


async def test_worked_saturdays_from_the_overrides_count(database: Database, tmp_path) -> None:
    friday = datetime(2026, 8, 21, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam; Saturday 22/8/2026 was worked
    ticket, _, _ = await submit_at(database, tmp_path, friday, category="giao-duc")
    # 22/8 (worked Saturday), 24, 25, 26, 27, 28/8, then 31/8–2/9 off, then 3, 4, 7 and 8/9.
    assert ticket.answer_due_at.astimezone(VIETNAM) == datetime(2026, 9, 8, 17, tzinfo=VIETNAM)


async def test_the_category_policy_sets_the_deadlines_in_its_units(database: Database, tmp_path) -> None:
    async with database.transaction() as session:
        await set_policy(session, category="giao-duc", priority=None, answer="15cd", accept="8wh")
    ticket, _, _ = await submit_at(database, tmp_path, BEFORE_TET, category="giao-duc")
    # 15 calendar days from Friday 13/2 end on Saturday 28/2, so on Monday 2/3 at closing time;
    # 8 working hours from Friday 10:00 end on Monday 23/2 (after Tết) at 10:30.
    assert ticket.answer_due_at.astimezone(VIETNAM) == datetime(2026, 3, 2, 17, tzinfo=VIETNAM)
    assert ticket.accept_due_at.astimezone(VIETNAM) == datetime(2026, 2, 23, 10, 30, tzinfo=VIETNAM)
    other, _, _ = await submit_at(database, tmp_path, BEFORE_TET, category="y-te")
    assert other.answer_due_at.astimezone(VIETNAM) == datetime(2026, 3, 6, 17, tzinfo=VIETNAM)  # the default


async def test_an_extra_question_an_admin_adds_or_removes_is_asked_or_dropped_at_once(
    database: Database, tmp_path
) -> None:
    """Intake's cached routing data forgets the category's questions as soon as an admin changes them."""
    from feedback.errors import InvalidInput
    from feedback.open311.keys import add_client
    from routing.admin import add_attribute, remove_attribute

    async with database.transaction() as session:
        client, _ = await add_client(session, "Ứng dụng thử")

    async def file(**answers: str) -> Ticket:
        async with database.transaction() as session:
            submitted = await receive_question(
                session, question_fields(), [], channel=Channel.OPEN311, language="vi", upload_dir=tmp_path,
                now=BEFORE_TET, attributes=answers, client_id=client.id,
            )  # fmt: skip
            return await session.get_one(Ticket, submitted.ticket_id)

    assert (await file()).attributes is None  # and routing data is now cached
    async with database.transaction() as session:
        await add_attribute(
            session, "giay-phep-xay-dung", code="so-tang", description="Số tầng", datatype="number", required=True
        )
    with pytest.raises(InvalidInput) as refused:
        await file()
    assert [(e.field, e.code) for e in refused.value.errors] == [("attribute[so-tang]", "missing")]
    assert (await file(**{"so-tang": "3"})).attributes == {"so-tang": "3"}

    async with database.transaction() as session:
        await remove_attribute(session, "giay-phep-xay-dung", "so-tang")
    assert (await file()).attributes is None
