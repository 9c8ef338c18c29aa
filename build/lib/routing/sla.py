"""SLA periods, policies and clocks: pure logic over the working calendar.

A period stores its unit, because the law counts in different ones: 5 *working days* to
forward a question outside an agency's remit (NĐ 20/2008 as amended), 15 *calendar days* to
answer feedback on legal documents (CĐ 89/2025), hours for urgent matters.

A clock runs from the moment a department receives the question to its due time. Waiting
for the citizen pauses it; on resumption the due time moves by the working time spent
waiting (a due time at the close of office hours by whole working days, see
:meth:`Clock.resume`). A head may extend it once.
"""

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from routing.calendar import WorkingCalendar


class SlaError(ValueError):
    pass


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"


_UNIT_CODES = {"wd": Unit.WORKING_DAYS, "wh": Unit.WORKING_HOURS, "cd": Unit.CALENDAR_DAYS}
_CODES = {unit: code for code, unit in _UNIT_CODES.items()}

# Beyond these a period is a typing mistake, not a policy (the longest legal limit we know
# of is 50 days for voter petitions).
_LIMITS = {Unit.WORKING_DAYS: 120, Unit.WORKING_HOURS: 120 * 8, Unit.CALENDAR_DAYS: 180}


@dataclass(frozen=True)
class Period:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if not 0 < self.amount <= _LIMITS[self.unit]:
            raise SlaError(f"a period of {self.amount} {self.unit} is out of range (1–{_LIMITS[self.unit]})")

    def after(self, calendar: WorkingCalendar, start: datetime) -> datetime:
        """When a period that starts at ``start`` ends.

        Calendar days end at the close of office hours of the last day or, when that day is
        not a working day, of the next working day (the rule of BLDS 2015 art. 148 for a
        period ending on a day off).
        """
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add(start, working_days=self.amount)
        if self.unit is Unit.WORKING_HOURS:
            return calendar.add(start, working_hours=self.amount)
        last_day = start.astimezone(calendar.tz).date() + timedelta(days=self.amount)
        day_before = datetime.combine(last_day - timedelta(days=1), calendar.office_hours[-1][1], calendar.tz)
        return calendar.add(day_before, working_days=1)

    def rough_hours(self) -> float:
        """Roughly how many working hours the period holds, to compare periods of different units."""
        hours_a_day = 8
        factor = {Unit.WORKING_DAYS: hours_a_day, Unit.WORKING_HOURS: 1, Unit.CALENDAR_DAYS: hours_a_day * 5 / 7}
        return self.amount * factor[self.unit]

    @classmethod
    def parse(cls, text: str) -> "Period":
        """``"10wd"``, ``"8wh"`` or ``"15cd"``: the short form admins type and :meth:`__str__` gives."""
        match = re.fullmatch(r"\s*(\d{1,4})\s*(wd|wh|cd)\s*", text.lower())
        if match is None:
            raise SlaError(
                f"{text!r} is not a period: a number then wd (working days), wh (working hours)"
                " or cd (calendar days), e.g. 10wd"
            )
        return cls(int(match[1]), _UNIT_CODES[match[2]])

    def __str__(self) -> str:
        return f"{self.amount}{_CODES[self.unit]}"


def working_days(amount: int) -> Period:
    return Period(amount, Unit.WORKING_DAYS)


@dataclass(frozen=True)
class Clock:
    """An answer clock: its start, its due time, whether it is paused and whether it was extended."""

    started_at: datetime
    due_at: datetime
    paused_at: datetime | None = None
    extended: bool = False

    @classmethod
    def start(cls, calendar: WorkingCalendar, period: Period, now: datetime) -> "Clock":
        return cls(started_at=now, due_at=period.after(calendar, now))

    def warning_at(self, calendar: WorkingCalendar, ratio: float) -> datetime:
        """The instant ``ratio`` of the window's working time has gone."""
        return calendar.add(self.started_at, working_hours=calendar.working_time(self.started_at, self.due_at) * ratio)

    def pause(self, now: datetime) -> "Clock":
        if self.paused_at is not None:
            raise SlaError("the clock is already paused")
        return replace(self, paused_at=now)

    def resume(self, calendar: WorkingCalendar, now: datetime, *, waited_before: timedelta = timedelta(0)) -> "Clock":
        """Stop waiting: the due time moves by the working time spent waiting.

        A due time at the close of office hours (every period counted in days ends there)
        stays at a close: it moves by one working day for each whole working day waited, so a
        reply seconds later cannot carry it to the next morning, over a weekend. What is left
        of a day is not lost: ``waited_before``, the working time earlier pauses of this clock
        waited, counts with this wait, and the due time moves each time the total passes a
        whole working day. Any other due time (a period in working hours) moves by exactly
        the working time waited.
        """
        if self.paused_at is None:
            raise SlaError("the clock is not paused")
        waited = calendar.working_time(self.paused_at, now)
        if calendar.is_close(self.due_at):
            day = calendar.day_length
            days = (waited_before + waited) // day - waited_before // day
            due_at = calendar.add(self.due_at, working_days=days)
        else:
            due_at = calendar.add(self.due_at, working_hours=waited)
        return replace(self, paused_at=None, due_at=due_at)

    def extend(self, calendar: WorkingCalendar, period: Period, limit: Period) -> "Clock":
        """A head's one extension, no longer than ``limit`` (the policy's)."""
        if self.extended:
            raise SlaError("this answer has already been extended once")
        new_due = period.after(calendar, self.due_at)
        if new_due > limit.after(calendar, self.due_at):
            raise SlaError(f"an extension may be at most {limit}")
        return replace(self, due_at=new_due, extended=True)

    def state(self, calendar: WorkingCalendar, now: datetime) -> "ClockState":
        """What the ticket shows: due at, working time left or overdue by, paused, extended."""
        at = self.paused_at or now
        left = calendar.working_time(at, self.due_at)
        return ClockState(
            due_at=self.due_at,
            time_left=max(left, timedelta(0)),
            overdue_by=max(-left, timedelta(0)),
            overdue=at > self.due_at,
            paused=self.paused_at is not None,
            extended=self.extended,
        )


@dataclass(frozen=True)
class ClockState:
    due_at: datetime
    time_left: timedelta
    overdue_by: timedelta
    overdue: bool
    paused: bool
    extended: bool
