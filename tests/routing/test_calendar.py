"""The working calendar against real Vietnamese dates: Tết 2026 and 2027, 30/4–1/5, 2/9, swapped days."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing.calendar import VIETNAM, CalendarError, WorkingCalendar

CAL = WorkingCalendar.vietnam()
# The 2026 New Year swap the holidays package does not know (Fri 2/1 off, Sat 10/1 worked).
SWAPS = WorkingCalendar.vietnam(overrides={date(2026, 1, 2): False, date(2026, 1, 10): True})
# An admin's override wins over the package: here the Saturday the package says was worked is not.
SATURDAY_OFF = WorkingCalendar.vietnam(overrides={date(2026, 8, 22): False})


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("calendar", "received", "days", "due"),
    [
        # Tết 2026: 16–20/2 off. Received the Friday before, counting starts on Monday 23/2.
        (CAL, vn(2026, 2, 13, 10, 0), 1, vn(2026, 2, 23, 17, 0)),
        (CAL, vn(2026, 2, 13, 10, 0), 5, vn(2026, 2, 27, 17, 0)),
        (CAL, vn(2026, 2, 17, 9, 0), 1, vn(2026, 2, 23, 17, 0)),  # received during Tết
        (CAL, vn(2026, 2, 12, 16, 59), 10, vn(2026, 3, 5, 17, 0)),  # 13/2, then 23/2 onwards
        # Tết 2027: 4–10/2 off (29 Tết to the fifth day).
        (CAL, vn(2027, 2, 3, 15, 0), 2, vn(2027, 2, 12, 17, 0)),
        (CAL, vn(2027, 2, 3, 15, 0), 10, vn(2027, 2, 24, 17, 0)),
        # Giỗ Tổ Hùng Vương 2026 falls on Sunday 26/4, observed Monday 27/4.
        (CAL, vn(2026, 4, 24, 8, 0), 1, vn(2026, 4, 28, 17, 0)),
        # 30/4 and 1/5 2026 (Thursday, Friday).
        (CAL, vn(2026, 4, 29, 8, 0), 1, vn(2026, 5, 4, 17, 0)),
        (CAL, vn(2026, 4, 29, 8, 0), 10, vn(2026, 5, 15, 17, 0)),
        # 2/9 2026: Monday 31/8 (swapped), 1/9 and 2/9 off.
        (CAL, vn(2026, 8, 28, 14, 0), 1, vn(2026, 9, 3, 17, 0)),
        (CAL, vn(2026, 8, 28, 14, 0), 5, vn(2026, 9, 9, 17, 0)),
        # Saturday 22/8 was worked for it: the holidays package knows, no override needed;
        # an override that says otherwise wins.
        (CAL, vn(2026, 8, 21, 9, 0), 1, vn(2026, 8, 22, 17, 0)),
        (CAL, vn(2026, 8, 17, 9, 0), 5, vn(2026, 8, 22, 17, 0)),
        (SATURDAY_OFF, vn(2026, 8, 21, 9, 0), 1, vn(2026, 8, 24, 17, 0)),
        # New Year 2026: 1/1 off by law, 2/1 off and 10/1 worked by the swap.
        (SWAPS, vn(2025, 12, 31, 10, 0), 1, vn(2026, 1, 5, 17, 0)),
        (CAL, vn(2025, 12, 31, 10, 0), 1, vn(2026, 1, 2, 17, 0)),
        (SWAPS, vn(2026, 1, 9, 10, 0), 1, vn(2026, 1, 10, 17, 0)),
        # Ngày Văn hóa Việt Nam, 24/11, a day off since 2025.
        (CAL, vn(2026, 11, 23, 9, 0), 1, vn(2026, 11, 25, 17, 0)),
        # Received late on a Friday evening (UTC given): the day of receipt is the Vietnamese one.
        (CAL, datetime.fromisoformat("2026-03-06T16:30:00+00:00"), 1, vn(2026, 3, 9, 17, 0)),
    ],
)
def test_working_days(calendar: WorkingCalendar, received: datetime, days: int, due: datetime) -> None:
    result = calendar.add(received, working_days=days)
    assert result == due
    assert result.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        (vn(2026, 2, 13, 10, 0), 8, vn(2026, 2, 23, 10, 30)),  # 5 h before Tết, 3 h after
        (vn(2026, 1, 5, 12, 0), 1, vn(2026, 1, 5, 14, 30)),  # received at lunch
        (vn(2026, 1, 5, 18, 0), 4, vn(2026, 1, 6, 11, 30)),  # received in the evening
        (vn(2026, 1, 10, 9, 0), 0.5, vn(2026, 1, 12, 8, 0)),  # a Saturday
        (vn(2026, 1, 5, 11, 0), 0.5, vn(2026, 1, 5, 11, 30)),  # ends exactly at the lunch break
        (vn(2026, 1, 5, 9, 0), 0, vn(2026, 1, 5, 9, 0)),
    ],
)
def test_working_hours(received: datetime, hours: float, due: datetime) -> None:
    assert CAL.add(received, working_hours=hours) == due


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (vn(2026, 1, 5, 7, 30), vn(2026, 1, 5, 17, 0), timedelta(hours=7, minutes=30)),
        (vn(2026, 1, 5, 11, 0), vn(2026, 1, 5, 14, 0), timedelta(hours=1)),
        (vn(2026, 2, 13, 17, 0), vn(2026, 2, 23, 7, 30), timedelta(0)),  # Tết and a weekend
        (vn(2026, 1, 5, 7, 30), vn(2026, 1, 12, 7, 30), timedelta(hours=37, minutes=30)),
        (vn(2026, 1, 5, 14, 0), vn(2026, 1, 5, 11, 0), -timedelta(hours=1)),
    ],
)
def test_working_time(a: datetime, b: datetime, expected: timedelta) -> None:
    assert CAL.working_time(a, b) == expected


def test_is_working_day_and_custom_hours() -> None:
    assert not CAL.is_working_day(date(2026, 2, 17))
    assert not CAL.is_working_day(date(2026, 3, 14))
    # Every Saturday worked that the holidays package publishes is a working day by default.
    assert CAL.is_working_day(date(2026, 8, 22)) and CAL.is_working_day(date(2025, 4, 26))
    assert not CAL.is_working_day(date(2026, 8, 31))
    overridden = WorkingCalendar.vietnam(overrides={date(2026, 3, 14): True, date(2026, 3, 13): False})
    assert overridden.is_working_day(date(2026, 3, 14)) and not overridden.is_working_day(date(2026, 3, 13))
    central = WorkingCalendar.vietnam(office_hours=[(time(8), time(12)), (time(13), time(17))])
    assert central.add(vn(2026, 1, 5, 11, 0), working_hours=2) == vn(2026, 1, 5, 14, 0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: CAL.add(datetime(2026, 1, 5, 9), working_days=1), "naive"),  # noqa: DTZ001
        (lambda: CAL.add(vn(2026, 1, 5, 9), working_days=1, working_hours=1), "exactly one"),
        (lambda: CAL.add(vn(2026, 1, 5, 9)), "exactly one"),
        (lambda: CAL.add(vn(2026, 1, 5, 9), working_days=-1), "negative"),
        (lambda: CAL.add(vn(2026, 1, 5, 9), working_hours=-2), "negative"),
        (lambda: WorkingCalendar(office_hours=[(time(8), time(12)), (time(11), time(14))]), "overlap"),
        (lambda: WorkingCalendar(office_hours=[(time(12), time(8))]), "end after"),
        (lambda: WorkingCalendar(office_hours=[]), "empty"),
        (
            lambda: WorkingCalendar(weekdays=frozenset(), public_holidays={}).add(vn(2026, 1, 5, 9), working_hours=1),
            "no working time",
        ),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        call()


instants = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 12, 31)).map(  # noqa: DTZ001
    lambda naive: naive.replace(tzinfo=VIETNAM)
)
durations = st.integers(min_value=0, max_value=400 * 60).map(lambda minutes: timedelta(minutes=minutes))


@settings(max_examples=200, deadline=None)
@given(start=instants, amount=durations)
def test_adding_then_measuring_gives_the_amount_back(start: datetime, amount: timedelta) -> None:
    assert CAL.working_time(start, CAL.add(start, working_hours=amount)) == amount


@settings(max_examples=200, deadline=None)
@given(start=instants, a=durations, b=durations)
def test_adding_is_monotonic(start: datetime, a: timedelta, b: timedelta) -> None:
    small, large = sorted((a, b))
    assert CAL.add(start, working_hours=small) <= CAL.add(start, working_hours=large)


@settings(max_examples=200, deadline=None)
@given(s1=instants, s2=instants, days=st.integers(min_value=0, max_value=30))
def test_later_receipt_never_gives_an_earlier_deadline(s1: datetime, s2: datetime, days: int) -> None:
    early, late = sorted((s1, s2))
    assert CAL.add(early, working_days=days) <= CAL.add(late, working_days=days)
    assert CAL.add(early, working_hours=timedelta(hours=days)) <= CAL.add(late, working_hours=timedelta(hours=days))


@settings(max_examples=200, deadline=None)
@given(a=instants, b=instants, c=instants)
def test_measuring_adds_up(a: datetime, b: datetime, c: datetime) -> None:
    first, middle, last = sorted((a, b, c))
    assert CAL.working_time(first, middle) + CAL.working_time(middle, last) == CAL.working_time(first, last)
    assert CAL.working_time(first, last) >= timedelta(0)
