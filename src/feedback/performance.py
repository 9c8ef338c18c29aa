"""How the departments perform: the figures leadership watches, over a period, from the SLA columns.

Each figure has one definition here, which the dashboard, its exports and the public statistics
all use (the digest and the inbox share :func:`feedback.inbox.overdue_condition`):

- **received**: questions that arrived in the period (``created_at``);
- **answered**: questions answered in the period (``answered_at``); **on time** when answered by
  ``answer_due_at``, the due time after every pause for the citizen and any extension, **late**
  otherwise;
- **open**, **due soon** and **overdue now**: as the inbox counts them, at ``now``;
- **on-time rate**: on time / answered;
- **median answer time**: the median of ``answer_minutes`` (working time from routing to the
  answer, less the time waiting for the citizen), in working days of the calendar's length.

A question counts for the department that has it now (the one that answered it, for answered ones).
With :attr:`Scope.successors` (after a merge or rename, see :mod:`feedback.reorganisation`) the
questions of an ended department count for the department that took over from it, so a merged
department's figures reach back over the periods before the merge.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise

from sqlalchemy import ColumnElement, Select, and_, case, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import FieldError, InvalidInput, out_of_years
from feedback.i18n import N_, current_language
from feedback.inbox import DUE_SOON_WORKING_DAYS, IS_OPEN, due_soon_condition, late_clocks, overdue_condition
from feedback.models import Channel, Ticket, User
from feedback.reorganisation.names import lineage
from routing.calendar import VIETNAM, YEARS, WorkingCalendar
from routing.models import Department

LONGEST_PERIOD = timedelta(days=3 * 366)
"""A custom period may span at most about three years (what the dashboard keeps in view)."""


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    """Whole days in Vietnam, ``first`` to ``last`` included."""

    kind: PeriodKind
    first: date
    last: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), VIETNAM)

    @property
    def end(self) -> datetime:
        """The instant after the period (midnight after ``last``)."""
        return datetime.combine(self.last + timedelta(days=1), time(0), VIETNAM)


def period(kind: str, *, today: date, first: date | None = None, last: date | None = None) -> Period:
    """This week, month or quarter up to ``today``, or a custom span. Raises :class:`InvalidInput`."""
    match kind:
        case PeriodKind.WEEK:
            return Period(PeriodKind.WEEK, today - timedelta(days=today.weekday()), today)
        case PeriodKind.MONTH:
            return Period(PeriodKind.MONTH, today.replace(day=1), today)
        case PeriodKind.QUARTER:
            return Period(PeriodKind.QUARTER, date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)
        case PeriodKind.CUSTOM:
            days = (("from", first), ("to", last))
            errors = [FieldError(name, "missing") for name, day in days if day is None]
            errors += [out_of_years(name) for name, day in days if day is not None and day.year not in YEARS]
            if errors:
                raise InvalidInput(errors)
            assert first and last
            if last < first:
                raise InvalidInput([FieldError("to", "period_reversed")])
            if last - first > LONGEST_PERIOD:
                raise InvalidInput([FieldError("to", "period_too_long")])
            return Period(PeriodKind.CUSTOM, first, last)
    raise InvalidInput([FieldError("period", "invalid")])


def last_twelve_months(today: date) -> Period:
    """The twelve months to ``today``: from the day after the same date a year before.

    A whole year and no more, so that "the last twelve months" and the dates a page states agree
    (on 29 February, the year before has no such day: from 1 March).
    """
    try:
        a_year_before = today.replace(year=today.year - 1)
    except ValueError:
        a_year_before = today.replace(year=today.year - 1, day=28)
    return Period(PeriodKind.CUSTOM, a_year_before + timedelta(days=1), today)


@dataclass(frozen=True)
class Scope:
    """What the figures are about: a period, and optionally one department and one category."""

    period: Period
    department_id: int | None = None
    category_id: int | None = None
    successors: tuple[tuple[int, int], ...] = ()
    """(ended department, the live one that took over): with them, predecessors' questions count for
    their successor (:func:`feedback.reorganisation.names.successor_pairs`)."""

    def department(self) -> ColumnElement[int | None]:
        """The department a question counts for: mapped in SQL, so the figures stay one grouped query."""
        if not self.successors:
            return Ticket.department_id
        return case(dict(self.successors), value=Ticket.department_id, else_=Ticket.department_id)

    def conditions(self) -> list[ColumnElement[bool]]:
        found = [Ticket.department_id.is_not(None)]
        if self.department_id is not None:
            ids = lineage(self.department_id, self.successors)
            found.append(
                Ticket.department_id.in_(sorted(ids)) if len(ids) > 1 else Ticket.department_id == self.department_id
            )
        if self.category_id is not None:
            found.append(Ticket.category_id == self.category_id)
        return found


@dataclass
class Figures:
    """One department's figures (or, for the totals, every department's)."""

    received: int = 0
    answered: int = 0
    on_time: int = 0
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    oldest_open_at: datetime | None = None
    median_answer_days: float | None = None

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        """Between 0 and 1; None when nothing was answered."""
        return self.on_time / self.answered if self.answered else None


@dataclass(frozen=True)
class DepartmentRow:
    department_id: int
    code: str
    name: str
    name_en: str
    figures: Figures


SORTS = ("worst", "overdue", "on_time_rate", "received", "answered", "open", "median", "oldest", "name")


@dataclass(frozen=True)
class Overview:
    scope: Scope
    totals: Figures
    departments: list[DepartmentRow]


async def overview(
    session: AsyncSession,
    scope: Scope,
    *,
    now: datetime,
    calendar: WorkingCalendar,
    sort: str = "worst",
    medians: bool = True,
) -> Overview:
    """The figures of every department with any activity in ``scope``, and their totals, sorted by ``sort``.

    ``medians=False`` leaves the median answer times out: over a long period they cost more than
    everything else together (a sort of every answer), and not every page shows them.
    """
    start, end = scope.period.start, scope.period.end
    by_department: dict[int, Figures] = {}

    def figures(department_id: int) -> Figures:
        return by_department.setdefault(department_id, Figures())

    received = _grouped(scope, func.count()).where(Ticket.created_at >= start, Ticket.created_at < end)
    for department_id, count in await session.execute(received):
        figures(department_id).received = count
    answered_in_period = [Ticket.answered_at >= start, Ticket.answered_at < end]
    answered = _grouped(scope, func.count(), func.count().filter(answered_on_time())).where(*answered_in_period)
    for department_id, count, in_time in await session.execute(answered):
        figures(department_id).answered, figures(department_id).on_time = count, in_time
    open_now = _grouped(
        scope,
        func.count(),
        func.count().filter(due_soon_condition(now, calendar.add(now, working_days=DUE_SOON_WORKING_DAYS))),
        func.count().filter(overdue_condition(now)),
        func.min(Ticket.created_at),
    ).where(IS_OPEN)
    for department_id, count, soon, late, oldest in await session.execute(open_now):
        row = figures(department_id)
        row.open, row.due_soon, row.overdue, row.oldest_open_at = count, soon, late, oldest
    day_minutes = calendar.day_length.total_seconds() / 60
    median_minutes = (
        await _median_minutes(session, [*scope.conditions(), *answered_in_period], scope.department())
        if medians
        else {}
    )
    for department_id, minutes in median_minutes.items():
        if department_id is not None:
            figures(department_id).median_answer_days = minutes / day_minutes

    departments = {d.id: d for d in await session.scalars(select(Department).where(Department.id.in_(by_department)))}
    totals = Figures()
    if None in median_minutes:
        totals.median_answer_days = median_minutes[None] / day_minutes
    rows = []
    for department_id, row in by_department.items():
        _add(totals, row)
        department = departments[department_id]
        rows.append(DepartmentRow(department_id, department.code, department.name, department.name_en, row))
    return Overview(scope, totals, sorted_rows(rows, sort))


async def _median_minutes(
    session: AsyncSession, conditions: list[ColumnElement[bool]], department: ColumnElement[int | None]
) -> dict[int | None, float]:
    """The median ``answer_minutes`` of the questions meeting ``conditions``, per department and (key None) in all.

    PostgreSQL computes them (``percentile_cont``); SQLite, which cannot, hands the values over.
    """
    known = [*conditions, Ticket.answer_minutes.is_not(None)]
    if session.bind.dialect.name == "postgresql":
        median = func.percentile_cont(0.5).within_group(Ticket.answer_minutes)
        every_department_and_all = func.grouping_sets(tuple_(department), tuple_())  # all: department None
        found = await session.execute(select(department, median).where(*known).group_by(every_department_and_all))
        return {department_id: minutes for department_id, minutes in found if minutes is not None}
    values: dict[int | None, list[int]] = {}
    for department_id, minutes in await session.execute(select(department, Ticket.answer_minutes).where(*known)):
        values.setdefault(department_id, []).append(minutes)
        values.setdefault(None, []).append(minutes)
    return {key: statistics.median(minutes) for key, minutes in values.items()}


def answered_on_time() -> ColumnElement[bool]:
    """Answered by the due time as it stood at the answer (after pauses and any extension)."""
    return Ticket.answer_due_at.is_(None) | (Ticket.answered_at <= Ticket.answer_due_at)


class Outcome(StrEnum):
    """Where a question stands, as the exports list it."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    OPEN = "open"
    CLOSED = "closed"
    """Rejected, or closed without an answer."""


OUTCOME_LABELS = {
    Outcome.ON_TIME: N_("Answered on time"),
    Outcome.LATE: N_("Answered late"),
    Outcome.OVERDUE: N_("Overdue"),
    Outcome.OPEN: N_("Open, not yet due"),
    Outcome.CLOSED: N_("Closed without an answer"),
}


def outcome_of(now: datetime) -> ColumnElement[str]:
    """The :class:`Outcome` of each question at ``now``, by the definitions above."""
    return case(
        (Ticket.answered_at.is_not(None), case((answered_on_time(), Outcome.ON_TIME.value), else_=Outcome.LATE.value)),
        (and_(IS_OPEN, overdue_condition(now)), Outcome.OVERDUE.value),
        (IS_OPEN, Outcome.OPEN.value),
        else_=Outcome.CLOSED.value,
    )


def _grouped(scope: Scope, *columns: ColumnElement) -> Select:
    department = scope.department()
    return select(department, *columns).where(*scope.conditions()).group_by(department)


def _add(totals: Figures, row: Figures) -> None:
    totals.received += row.received
    totals.answered += row.answered
    totals.on_time += row.on_time
    totals.open += row.open
    totals.due_soon += row.due_soon
    totals.overdue += row.overdue
    if row.oldest_open_at and (totals.oldest_open_at is None or row.oldest_open_at < totals.oldest_open_at):
        totals.oldest_open_at = row.oldest_open_at


def sorted_rows(rows: Sequence[DepartmentRow], sort: str) -> list[DepartmentRow]:
    """Worst first by default: most overdue now, then the lowest on-time rate, then the most open."""
    far_future = datetime.max.replace(tzinfo=VIETNAM)
    keys = {
        "worst": lambda r: (-r.figures.overdue, _rate(r), -r.figures.open, r.name),
        "overdue": lambda r: (-r.figures.overdue, r.name),
        "on_time_rate": lambda r: (_rate(r), r.name),
        "received": lambda r: (-r.figures.received, r.name),
        "answered": lambda r: (-r.figures.answered, r.name),
        "open": lambda r: (-r.figures.open, r.name),
        "median": lambda r: (-(r.figures.median_answer_days or 0), r.name),
        "oldest": lambda r: (r.figures.oldest_open_at or far_future, r.name),
        "name": lambda r: (r.name,),
    }
    return sorted(rows, key=keys.get(sort, keys["worst"]))


def _rate(row: DepartmentRow) -> float:
    """The on-time rate for sorting: a department that answered nothing sorts after the others."""
    rate = row.figures.on_time_rate
    return 2.0 if rate is None else rate


@dataclass(frozen=True)
class ChannelCount:
    channel: Channel
    received: int


async def received_by_channel(session: AsyncSession, scope: Scope) -> list[ChannelCount]:
    """The questions received in ``scope`` by the way they came in, the most first: together, the figure
    **received** (whatever brought a question, the portal's form, an SMS or a letter entered by staff)."""
    start, end = scope.period.start, scope.period.end
    found = await session.execute(
        select(Ticket.channel, func.count())
        .where(*scope.conditions(), Ticket.created_at >= start, Ticket.created_at < end)
        .group_by(Ticket.channel)
    )
    return sorted(
        (ChannelCount(Channel(channel), count) for channel, count in found), key=lambda c: (-c.received, c.channel)
    )


# --- Week by week ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    first: date
    """Its Monday."""
    received: int
    answered: int
    on_time: int

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


async def weekly(session: AsyncSession, scope: Scope, *, today: date, weeks: int = 12) -> list[Week]:
    """The last ``weeks`` weeks to this one: received, answered and answered on time (the scope's period aside)."""
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in reversed(range(weeks))]
    bounds = [datetime.combine(day, time(0), VIETNAM) for day in [*mondays, this_monday + timedelta(weeks=1)]]
    spans = list(pairwise(bounds))
    received = await session.execute(
        select(*(func.count().filter(Ticket.created_at >= a, Ticket.created_at < b) for a, b in spans)).where(
            *scope.conditions(), Ticket.created_at >= bounds[0]
        )
    )
    in_week = [(Ticket.answered_at >= a) & (Ticket.answered_at < b) for a, b in spans]
    answered = await session.execute(
        select(
            *(func.count().filter(week) for week in in_week),
            *(func.count().filter(week & answered_on_time()) for week in in_week),
        ).where(*scope.conditions(), Ticket.answered_at >= bounds[0])
    )
    counts, answers = received.one(), answered.one()
    return [Week(monday, counts[i], answers[i], answers[weeks + i]) for i, monday in enumerate(mondays)]


# --- The overdue list ------------------------------------------------------------------------------


def earliest_overdue(now: datetime) -> ColumnElement[datetime]:
    """The due time of the clock that has been overdue longest (NULL when none is)."""
    return _earliest(*(case((late, due_at)) for late, due_at in late_clocks(now)))


def _earliest(*values: ColumnElement) -> ColumnElement:
    """The smallest non-NULL of ``values`` (portable: SQLite's min() of NULL is NULL)."""
    first, *rest = values
    for value in rest:
        first = case((first.is_(None), value), (value.is_(None), first), (value < first, value), else_=first)
    return first


OVERDUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class OverdueRow:
    ticket: Ticket
    department: str
    assignee: str | None
    due_at: datetime
    """The due time of the clock overdue longest."""
    overdue_days: float
    """How long past ``due_at``, in working days."""
    level: int
    """The highest escalation level fired on any clock (0: none yet)."""


@dataclass(frozen=True)
class OverduePage:
    rows: list[OverdueRow]
    total: int
    page: int
    pages: int


def level_of() -> ColumnElement[int]:
    """The highest escalation level fired on any of a ticket's clocks, 0 when none."""
    levels = [func.coalesce(column, 0) for column in (Ticket.transfer_level, Ticket.accept_level, Ticket.answer_level)]
    highest = levels[0]
    for level in levels[1:]:
        highest = case((level > highest, level), else_=highest)
    return highest


async def overdue_tickets(
    session: AsyncSession,
    *,
    now: datetime,
    calendar: WorkingCalendar,
    department_id: int | None = None,
    category_id: int | None = None,
    level: int | None = None,
    page: int = 1,
    limit: int | None = OVERDUE_PAGE_SIZE,
) -> OverduePage:
    """Open questions past a deadline, across departments, the longest overdue first (``limit=None``: all)."""
    conditions = [IS_OPEN, overdue_condition(now), Ticket.department_id.is_not(None)]
    if department_id is not None:
        conditions.append(Ticket.department_id == department_id)
    if category_id is not None:
        conditions.append(Ticket.category_id == category_id)
    if level is not None:
        conditions.append(level_of() == level)
    total = await session.scalar(select(func.count()).select_from(Ticket).where(*conditions)) or 0
    pages = max(1, -(-total // limit)) if limit else 1
    page = min(max(page, 1), pages)
    due = earliest_overdue(now)
    department_name = Department.name_en if current_language() == "en" else Department.name
    query = (
        select(Ticket, department_name, User.full_name, due, level_of())
        .join(Department, Department.id == Ticket.department_id)
        .outerjoin(User, User.id == Ticket.assignee_id)
        .where(*conditions)
        .order_by(due, Ticket.id)
    )
    if limit:
        query = query.limit(limit).offset((page - 1) * limit)
    day = calendar.day_length
    rows = [
        OverdueRow(ticket, name, assignee, due_at, calendar.working_time(due_at, now) / day, fired)
        for ticket, name, assignee, due_at, fired in await session.execute(query)
    ]
    return OverduePage(rows, total, page, pages)
