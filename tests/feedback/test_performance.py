"""The dashboard's figures, checked one by one against a month of questions whose outcomes are known.

The questions go through the real services (intake, acceptance, request for information, the
citizen's reply, extension, answer, approval) at chosen instants of November 2026, so the SLA
columns are what production writes. The clock stops on Monday 30 November 2026, 10:00 in Vietnam.
Answers are due at the end of the 10th working day after the day of routing; working hours are
07:30–11:30 and 13:30–17:00 (7.5 h a day), and Tuesday 24 November (Vietnamese Culture Day) is
a day off. Everything happens at 07:30, so that times taken are whole working days.
"""

from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from feedback import answering, handling
from feedback.errors import InvalidInput
from feedback.models import Ticket
from feedback.performance import (
    Outcome,
    PeriodKind,
    Scope,
    last_twelve_months,
    outcome_of,
    overdue_tickets,
    overview,
    period,
)
from notify.db import Database
from routing.calendar import VIETNAM
from routing.models import Department
from routing.services import routing_data
from tests.factories import add_staff, submit

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=VIETNAM)
NOVEMBER = period("month", today=NOW.date())


def at(day: int, month: int = 11, hour: int = 7, minute: int = 30) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VIETNAM)


class Office:
    """The head of Sở Xây dựng doing a month's work through the services."""

    def __init__(self, database: Database, upload_dir: Path, head: int) -> None:
        self.database, self.upload_dir, self.head = database, upload_dir, head

    async def ask(self, when: datetime, category: str = "giay-phep-xay-dung") -> int:
        email = f"nguoi.{when:%m%d%H}@example.com"
        submitted = await submit(self.database, self.upload_dir, now=when, category=category, email=email, phone=None)
        async with self.database.transaction() as session:
            await handling.accept(session, submitted.ticket_id, actor_id=self.head, now=when)
        return submitted.ticket_id

    async def answer(self, ticket_id: int, when: datetime) -> None:
        async with self.database.transaction() as session:
            await answering.assign(session, ticket_id, assignee_id=self.head, actor_id=self.head, now=when)
            await answering.submit_answer(session, ticket_id, text="Trả lời.", actor_id=self.head, now=when)
            await answering.approve_answer(session, ticket_id, actor_id=self.head, now=when)

    async def pause(self, ticket_id: int, asked: datetime, replied: datetime) -> None:
        async with self.database.transaction() as session:
            await handling.request_information(
                session, ticket_id, message="Xin gửi bản vẽ.", actor_id=self.head, now=asked
            )
        async with self.database.transaction() as session:
            await handling.citizen_replied(session, ticket_id, text="Đã gửi bản vẽ.", now=replied)

    async def extend(self, ticket_id: int, when: datetime) -> None:
        async with self.database.transaction() as session:
            await handling.extend(
                session, ticket_id, period="5wd", reason="Cần ý kiến của Sở Tài chính.", actor_id=self.head, now=when
            )


@pytest.fixture
async def month(database: Database, tmp_path: Path) -> dict[str, int]:
    """The month's questions by name, each with its known outcome."""
    office = Office(database, tmp_path, await add_staff(database, "xd.tp", "head", "SXD"))
    q = {}
    q["on_time"] = await office.ask(at(2))  # answered after 2 working days
    await office.answer(q["on_time"], at(4))
    q["late"] = await office.ask(at(2))  # due 16/11 17:00, answered 27/11
    await office.answer(q["late"], at(27))
    q["paused"] = await office.ask(at(3))  # due 17/11; 3 working days waiting move it to 20/11
    await office.pause(q["paused"], at(4), at(9))
    await office.answer(q["paused"], at(19))  # after the first due time, before the moved one
    q["extended"] = await office.ask(at(5))  # due 19/11, extended by 5 working days to 27/11
    await office.extend(q["extended"], at(18))
    await office.answer(q["extended"], at(25))
    q["from_october"] = await office.ask(at(26, month=10))  # received before the month, due 9/11, answered in it
    await office.answer(q["from_october"], at(3))
    q["overdue"] = await office.ask(at(2))  # due 16/11 17:00, still open
    q["due_soon"] = await office.ask(at(16))  # due 1/12 17:00, within two working days
    q["on_track"] = await office.ask(at(27))  # due 14/12
    q["elsewhere"] = await office.ask(at(12), category="ho-tich")  # another department, open, due 27/11: overdue
    return q


async def test_every_figure_of_the_month(database: Database, month: dict[str, int]) -> None:
    async with database.transaction() as session:
        calendar = (await routing_data(session)).calendar
        result = await overview(session, Scope(NOVEMBER), now=NOW, calendar=calendar)
        sxd = await session.scalar(sa.select(Department.id).where(Department.code == "SXD"))
        minutes = dict((await session.execute(sa.select(Ticket.id, Ticket.answer_minutes))).all())
    [construction] = [row for row in result.departments if row.department_id == sxd]
    figures = construction.figures
    assert (figures.received, figures.answered, figures.on_time, figures.late) == (7, 5, 4, 1)
    assert (figures.open, figures.due_soon, figures.overdue) == (3, 1, 1)
    assert figures.on_time_rate == pytest.approx(0.8)
    assert figures.oldest_open_at == at(2)
    # Working days to answer: on_time 2; from_october 6 (26/10 to 3/11); paused 12 less 3 waited = 9;
    # extended 13 (5/11 to 25/11); late 18 (2/11 to 27/11, 24/11 off). The median is 9.
    assert minutes[month["on_time"]] == 2 * 450 and minutes[month["paused"]] == 9 * 450
    assert figures.median_answer_days == pytest.approx(9)
    [other] = [row for row in result.departments if row.department_id != sxd]
    assert (other.figures.received, other.figures.open, other.figures.overdue) == (1, 1, 1)
    assert other.figures.on_time_rate is None
    totals = result.totals
    assert (totals.received, totals.answered, totals.on_time, totals.open, totals.overdue) == (8, 5, 4, 4, 2)
    # Worst first: both have one overdue; Sở Xây dựng has a lower on-time rate than a department that answered nothing.
    assert result.departments[0].department_id == sxd


async def test_one_department_and_another_period(database: Database, month: dict[str, int]) -> None:
    async with database.transaction() as session:
        calendar = (await routing_data(session)).calendar
        sxd = await session.scalar(sa.select(Department.id).where(Department.code == "SXD"))
        october = period("custom", today=NOW.date(), first=date(2026, 10, 1), last=date(2026, 10, 31))
        result = await overview(session, Scope(october, department_id=sxd), now=NOW, calendar=calendar)
    [row] = result.departments
    assert (row.figures.received, row.figures.answered, row.figures.open) == (
        1,
        0,
        3,
    )  # open is now, whatever the period


async def test_the_overdue_list_puts_the_longest_overdue_first(database: Database, month: dict[str, int]) -> None:
    async with database.transaction() as session:
        calendar = (await routing_data(session)).calendar
        page = await overdue_tickets(session, now=NOW, calendar=calendar)
    assert [row.ticket.id for row in page.rows] == [month["overdue"], month["elsewhere"]]
    overdue = page.rows[0]
    assert overdue.due_at == at(16, hour=17, minute=0) and overdue.department == "Sở Xây dựng"
    assert overdue.overdue_days == pytest.approx(8 + 2.5 / 7.5)  # 16/11 17:00 to 30/11 10:00, 24/11 off
    assert page.total == 2


@pytest.mark.parametrize(
    ("kind", "first", "last"),
    [("week", date(2026, 11, 30), date(2026, 11, 30)), ("quarter", date(2026, 10, 1), date(2026, 11, 30))],
)
def test_periods_end_today(kind: str, first: date, last: date) -> None:
    chosen = period(kind, today=NOW.date())
    assert (chosen.kind, chosen.first, chosen.last) == (PeriodKind(kind), first, last)


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (date(2026, 12, 4), date(2025, 12, 5)),
        (date(2027, 1, 1), date(2026, 1, 2)),
        (date(2026, 12, 31), date(2026, 1, 1)),
        (date(2028, 2, 29), date(2027, 3, 1)),  # no 29 February the year before
        (date(2029, 2, 28), date(2028, 2, 29)),
    ],
)
def test_the_last_twelve_months_are_a_whole_year_to_today(today: date, first: date) -> None:
    chosen = last_twelve_months(today)
    assert (chosen.first, chosen.last) == (first, today)


@pytest.mark.parametrize(
    ("first", "last", "field", "code"),
    [
        (None, date(2026, 11, 1), "from", "missing"),
        (date(2026, 11, 9), date(2026, 11, 1), "to", "period_reversed"),
        (date(2020, 1, 1), date(2026, 11, 1), "to", "period_too_long"),
    ],
)
def test_a_custom_period_must_make_sense(first: date | None, last: date, field: str, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        period("custom", today=NOW.date(), first=first, last=last)
    assert [(e.field, e.code) for e in refused.value.errors] == [(field, code)]


async def test_each_questions_result_agrees_with_the_figures(database: Database, month: dict[str, int]) -> None:
    """The exports' per-question result and the dashboard's counts are the same definitions."""
    async with database.transaction() as session:
        results = dict((await session.execute(sa.select(Ticket.id, outcome_of(NOW)))).all())
    assert {name: results[ticket_id] for name, ticket_id in month.items()} == {
        "on_time": Outcome.ON_TIME,
        "late": Outcome.LATE,
        "paused": Outcome.ON_TIME,
        "extended": Outcome.ON_TIME,
        "from_october": Outcome.ON_TIME,
        "overdue": Outcome.OVERDUE,
        "due_soon": Outcome.OPEN,
        "on_track": Outcome.OPEN,
        "elsewhere": Outcome.OVERDUE,
    }
