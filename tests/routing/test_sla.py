"""Periods in their units, and the answer clock: pause, resume, extend, and what the ticket shows."""

from datetime import datetime, timedelta

import pytest

from routing.calendar import VIETNAM, WorkingCalendar
from routing.policy import Policy
from routing.sla import Clock, Period, SlaError, Unit, working_days

CAL = WorkingCalendar.vietnam()


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period(5, Unit.WORKING_DAYS), vn(2026, 2, 13, 10), vn(2026, 2, 27, 17)),
        (Period(4, Unit.WORKING_HOURS), vn(2026, 2, 13, 15), vn(2026, 2, 23, 9, 30)),
        # 15 calendar days from 13/2 end on Saturday 28/2: moved to Monday 2/3.
        (Period(15, Unit.CALENDAR_DAYS), vn(2026, 2, 13, 10), vn(2026, 3, 2, 17)),
        # 15 calendar days from 2/3 end on Tuesday 17/3, a working day.
        (Period(15, Unit.CALENDAR_DAYS), vn(2026, 3, 2, 9), vn(2026, 3, 17, 17)),
        # Ending during Tết 2027 (4–10/2): moved to Thursday 11/2.
        (Period(10, Unit.CALENDAR_DAYS), vn(2027, 1, 27, 9), vn(2027, 2, 11, 17)),
    ],
)
def test_periods_end_where_the_unit_says(period: Period, start: datetime, end: datetime) -> None:
    assert period.after(CAL, start) == end


@pytest.mark.parametrize(
    ("amount", "unit"), [(0, Unit.WORKING_DAYS), (-3, Unit.CALENDAR_DAYS), (500, Unit.WORKING_DAYS)]
)
def test_absurd_periods_are_refused(amount: int, unit: Unit) -> None:
    with pytest.raises(SlaError, match="out of range"):
        Period(amount, unit)


@pytest.mark.parametrize("ratio", [0, 1, 1.5, -0.2])
def test_warning_point_must_be_inside_the_window(ratio: float) -> None:
    with pytest.raises(SlaError, match="warning point"):
        Policy(warning_ratio=ratio)


def test_default_policy_and_warning_point() -> None:
    policy = Policy()
    clock = Clock.start(CAL, policy.answer, vn(2026, 2, 13, 10))
    assert clock.due_at == vn(2026, 3, 6, 17)
    # 75 working hours in the window; 75% of them have gone on Wednesday 4/3 at 10:00.
    assert clock.warning_at(CAL, policy.warning_ratio) == vn(2026, 3, 4, 10)


def test_waiting_for_the_citizen_moves_the_due_time_by_the_working_time_waited() -> None:
    clock = Clock.start(CAL, working_days(10), vn(2026, 1, 5, 9))
    assert clock.due_at == vn(2026, 1, 19, 17)
    paused = clock.pause(vn(2026, 1, 7, 16))  # an hour before closing on Wednesday
    frozen = paused.state(CAL, vn(2026, 1, 12, 9))
    assert frozen.paused and frozen.time_left == paused.state(CAL, vn(2026, 1, 7, 16)).time_left
    resumed = paused.resume(CAL, vn(2026, 1, 8, 9, 30))  # 1 h on Wednesday + 2 h on Thursday
    assert resumed.due_at == vn(2026, 1, 19, 17)  # less than a working day: still the same close
    assert not resumed.state(CAL, vn(2026, 1, 8, 9, 30)).paused
    with pytest.raises(SlaError, match="not paused"):
        resumed.resume(CAL, vn(2026, 1, 9, 9))
    with pytest.raises(SlaError, match="already paused"):
        paused.pause(vn(2026, 1, 8, 9))


# Friday 4/12/2026 09:00 + 10 working days: due Friday 18/12/2026 at 17:00.
DUE_FRIDAY = Clock.start(CAL, working_days(10), vn(2026, 12, 4, 9))
# Monday 9/2/2026 09:00 + 10 working days over Tết (16–20/2): due Monday 2/3/2026 at 17:00.
DUE_AFTER_TET = Clock.start(CAL, working_days(10), vn(2026, 2, 9, 9))
# An urgent question, 4 working hours from Monday 7/12/2026 09:00: due the same day at 15:00.
DUE_IN_HOURS = Clock.start(CAL, Period(4, Unit.WORKING_HOURS), vn(2026, 12, 7, 9))


@pytest.mark.parametrize(
    ("clock", "paused", "resumed", "waited_before", "due"),
    [
        # A reply seconds later: a due time at the close of office hours stays there.
        (DUE_FRIDAY, vn(2026, 12, 16, 10), vn(2026, 12, 16, 10, 0, 5), timedelta(0), vn(2026, 12, 18, 17)),
        (DUE_FRIDAY, vn(2026, 12, 18, 16, 59), vn(2026, 12, 18, 16, 59, 30), timedelta(0), vn(2026, 12, 18, 17)),
        # Hours across lunch (11:00–11:30 and 13:30–15:00, two hours): less than a day, no move.
        (DUE_FRIDAY, vn(2026, 12, 16, 11), vn(2026, 12, 16, 15), timedelta(0), vn(2026, 12, 18, 17)),
        # A whole working day waited (Tuesday 10:00 to Wednesday 10:00): one working day later.
        (DUE_FRIDAY, vn(2026, 12, 15, 10), vn(2026, 12, 16, 10), timedelta(0), vn(2026, 12, 21, 17)),
        # The two hours join five and a half hours of an earlier pause: a whole day in all.
        (DUE_FRIDAY, vn(2026, 12, 16, 11), vn(2026, 12, 16, 15), timedelta(hours=5, minutes=30), vn(2026, 12, 21, 17)),
        # Days across Tết: Thursday 12/2 10:00 to Wednesday 25/2 10:00 is 30.5 working hours,
        # four working days and a half hour; Tết itself is not counted.
        (DUE_AFTER_TET, vn(2026, 2, 12, 10), vn(2026, 2, 25, 10), timedelta(0), vn(2026, 3, 6, 17)),
        # Asked on Friday evening, answered on Saturday: no working time waited, no move.
        (DUE_FRIDAY, vn(2026, 12, 11, 18), vn(2026, 12, 12, 9), timedelta(0), vn(2026, 12, 18, 17)),
        # A due time counted in hours moves by exactly the working time waited, lunch skipped.
        (DUE_IN_HOURS, vn(2026, 12, 7, 10), vn(2026, 12, 7, 10, 0, 5), timedelta(0), vn(2026, 12, 7, 15, 0, 5)),
        (DUE_IN_HOURS, vn(2026, 12, 7, 11), vn(2026, 12, 7, 14), timedelta(0), vn(2026, 12, 7, 16)),
    ],
)
def test_a_wait_moves_a_close_of_office_hours_by_whole_working_days(
    clock: Clock, paused: datetime, resumed: datetime, waited_before: timedelta, due: datetime
) -> None:
    assert clock.pause(paused).resume(CAL, resumed, waited_before=waited_before).due_at == due


def test_one_extension_within_the_limit() -> None:
    policy = Policy()
    clock = Clock.start(CAL, working_days(10), vn(2026, 1, 5, 9))
    with pytest.raises(SlaError, match="at most 10wd"):
        clock.extend(CAL, working_days(11), policy.max_extension)
    extended = clock.extend(CAL, working_days(10), policy.max_extension)
    assert extended.extended and extended.due_at == vn(2026, 2, 2, 17)
    with pytest.raises(SlaError, match="already been extended"):
        extended.extend(CAL, working_days(1), policy.max_extension)


def test_state_shows_time_left_then_overdue_by() -> None:
    clock = Clock.start(CAL, working_days(1), vn(2026, 1, 5, 9))  # due Tuesday 6/1 17:00
    before = clock.state(CAL, vn(2026, 1, 6, 16))
    assert (before.overdue, before.time_left, before.overdue_by) == (False, timedelta(hours=1), timedelta(0))
    after = clock.state(CAL, vn(2026, 1, 8, 8, 30))  # Wednesday, Thursday 07:30–08:30
    assert after.overdue and after.time_left == timedelta(0)
    assert after.overdue_by == timedelta(hours=8, minutes=30)
