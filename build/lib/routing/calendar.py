"""The Vietnamese working calendar: office hours, public holidays and swapped days.

Pure Python, no database: deadlines are computed here from aware datetimes and returned as
aware UTC datetimes. The time zone is Asia/Ho_Chi_Minh (no daylight saving).

Counting rules (also in the README):

- a period of N *working days* starts on the first working day after the day of receipt
  and ends at the close of office hours of the Nth working day;
- *working hours* are counted inside office hours only, starting from the instant of receipt
  (a question received in the evening starts counting when the office opens).

Public holidays and the Saturdays worked in exchange for a bridge holiday come from the
``holidays`` package (country VN, which computes the lunar ones: Tết Nguyên đán, Giỗ Tổ Hùng
Vương, and publishes the swapped Saturdays it knows as ``weekend_workdays``). Overrides win over
it: the government decides the swaps each year, and an install must be able to follow a
decision the package does not know yet.
"""

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

YEARS = range(2000, 2100)
"""The years the portal deals in (periods and filters people type). A date outside is a mistake,
such as 0026 typed for 2026, and it keeps local dates away from the ends of ``datetime``, where
Vietnam time cannot be turned into UTC."""

DEFAULT_OFFICE_HOURS: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
WORKING_WEEKDAYS = frozenset(range(5))  # Monday to Friday

# No deadline in the product is more than a few months away; a calendar that finds no working
# time in ten years is misconfigured, and saying so beats looping for ever.
_SEARCH_LIMIT_DAYS = 3660


def _span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


class CalendarError(ValueError):
    pass


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise CalendarError("naive datetime: give an aware one (UTC or Asia/Ho_Chi_Minh)")


class WorkingCalendar:
    """Office hours on working days, in Vietnamese time.

    >>> cal = WorkingCalendar.vietnam(overrides={date(2026, 1, 10): True})
    >>> cal.is_working_day(date(2026, 1, 10))  # a Saturday worked in exchange for 2/1
    True
    >>> cal.is_working_day(date(2026, 8, 22))  # worked for 31/8: the holidays package knows it
    True
    """

    def __init__(
        self,
        *,
        office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
        overrides: Mapping[date, bool] | None = None,
        weekdays: frozenset[int] = WORKING_WEEKDAYS,
        public_holidays: Mapping[date, str] | None = None,
        tz: ZoneInfo = VIETNAM,
    ) -> None:
        periods = tuple(sorted(office_hours))
        if not periods:
            raise CalendarError("office hours are empty")
        for (start, end), following in zip(periods, (*periods[1:], None), strict=True):
            if not start < end:
                raise CalendarError(f"an office period must end after it starts: {start}–{end}")
            if following is not None and following[0] < end:
                raise CalendarError(f"office periods overlap: {start}–{end} and {following[0]}–{following[1]}")
        self.office_hours = periods
        self.overrides = dict(overrides or {})
        self.weekdays = weekdays
        self.tz = tz
        self._holidays = public_holidays if public_holidays is not None else holidays.country_holidays("VN")
        # The package fills ``weekend_workdays`` year by year, as each year's holidays are
        # computed (by the ``in`` test in :meth:`is_working_day`); a plain mapping has none.
        self._weekend_workdays: set[date] = getattr(self._holidays, "weekend_workdays", set())
        # Asking the holidays object is slow compared with the rest of the arithmetic, and every
        # deadline walks the same few weeks of days: remember each day's answer.
        self._working: dict[date, bool] = {}

    @classmethod
    def vietnam(
        cls, *, overrides: Mapping[date, bool] | None = None, office_hours: Sequence[tuple[time, time]] | None = None
    ) -> "WorkingCalendar":
        """Monday–Friday, 07:30–11:30 and 13:30–17:00, Vietnam's public holidays, then ``overrides``."""
        return cls(office_hours=office_hours or DEFAULT_OFFICE_HOURS, overrides=overrides)

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)
        if known is None:
            if day in self.overrides:
                known = self.overrides[day]
            elif day in self._holidays:
                known = False
            else:
                known = day.weekday() in self.weekdays or day in self._weekend_workdays
            self._working[day] = known
        return known

    def is_close(self, instant: datetime) -> bool:
        """Whether ``instant`` is the close of office hours of a working day, where day counts end."""
        _require_aware(instant)
        local = instant.astimezone(self.tz)
        return local.timetz().replace(tzinfo=None) == self.office_hours[-1][1] and self.is_working_day(local.date())

    def _periods(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The office periods of ``day`` as aware instants (none if it is not a working day)."""
        if self.is_working_day(day):
            for start, end in self.office_hours:
                yield datetime.combine(day, start, self.tz), datetime.combine(day, end, self.tz)

    def _days_from(self, day: date) -> Iterator[date]:
        for offset in range(_SEARCH_LIMIT_DAYS):
            yield day + timedelta(days=offset)
        raise CalendarError(f"no working time within {_SEARCH_LIMIT_DAYS} days of {day}")

    def add(
        self, start: datetime, *, working_days: int | None = None, working_hours: float | timedelta | None = None
    ) -> datetime:
        """The instant ``working_days`` or ``working_hours`` after ``start``, in UTC."""
        _require_aware(start)
        if (working_days is None) == (working_hours is None):
            raise CalendarError("give exactly one of working_days and working_hours")
        if working_days is not None:
            return self._add_days(start, working_days)
        hours = working_hours if isinstance(working_hours, timedelta) else timedelta(hours=working_hours or 0)
        return self._add_hours(start, hours)

    def _add_days(self, start: datetime, count: int) -> datetime:
        if count < 0:
            raise CalendarError("working_days must not be negative")
        received = start.astimezone(self.tz).date()
        if count == 0:
            return start.astimezone(UTC)
        seen = 0
        for day in self._days_from(received + timedelta(days=1)):
            if self.is_working_day(day):
                seen += 1
                if seen == count:
                    return datetime.combine(day, self.office_hours[-1][1], self.tz).astimezone(UTC)
        raise AssertionError("unreachable")  # pragma: no cover

    def _add_hours(self, start: datetime, amount: timedelta) -> datetime:
        if amount < timedelta(0):
            raise CalendarError("working_hours must not be negative")
        if not amount:
            return start.astimezone(UTC)
        cursor = start.astimezone(self.tz)
        remaining = amount
        for day in self._days_from(cursor.date()):
            for period_start, period_end in self._periods(day):
                begin = max(period_start, cursor)
                if begin >= period_end:
                    continue
                available = period_end - begin
                if remaining <= available:
                    return (begin + remaining).astimezone(UTC)
                remaining -= available
        raise AssertionError("unreachable")  # pragma: no cover

    @property
    def day_length(self) -> timedelta:
        """The working time in one working day."""
        return sum((_span(start, end) for start, end in self.office_hours), timedelta(0))

    def working_time(self, a: datetime, b: datetime) -> timedelta:
        """Working time between two instants; negative when ``b`` is before ``a``."""
        _require_aware(a)
        _require_aware(b)
        if b < a:
            return -self.working_time(b, a)
        a_local, b_local = a.astimezone(self.tz), b.astimezone(self.tz)
        first, last = a_local.date(), b_local.date()
        total = self._overlap(first, a_local, b_local)
        if last > first:
            # The days between are whole: a working day counts in full (a question overdue for
            # years costs a lookup a day, not the instants of its office hours).
            whole = self.day_length
            day = first + timedelta(days=1)
            while day < last:
                if self.is_working_day(day):
                    total += whole
                day += timedelta(days=1)
            total += self._overlap(last, a_local, b_local)
        return total

    def _overlap(self, day: date, a_local: datetime, b_local: datetime) -> timedelta:
        """The working time of ``day`` between ``a_local`` and ``b_local``."""
        total = timedelta(0)
        for period_start, period_end in self._periods(day):
            overlap = min(period_end, b_local) - max(period_start, a_local)
            if overlap > timedelta(0):
                total += overlap
        return total
