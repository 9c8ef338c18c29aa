"""How an answer clock's due time was counted, step by step: pure, over the working calendar.

The steps are replayed with the very arithmetic that set the due time (:meth:`Period.after`,
:meth:`Clock.resume`, :meth:`Period.after` again for the extension), so the explanation's
result is the stored due time, not a second opinion. Words are the caller's business: a step
carries what happened and why as data (a holiday's name, an override's reason).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

import holidays

from routing.calendar import WorkingCalendar
from routing.sla import Clock, Period, Unit


class StepKind(StrEnum):
    RECEIVED = "received"
    COUNTING_STARTS = "counting_starts"
    SKIPPED = "skipped"
    WORKED = "worked"
    PAUSED = "paused"
    EXTENDED = "extended"
    RECOUNTED = "recounted"
    RESULT = "result"


class DayOff(StrEnum):
    SATURDAY = "saturday"
    SUNDAY = "sunday"
    WEEKEND = "weekend"
    WEEKDAY = "weekday"
    HOLIDAY = "holiday"
    OVERRIDE = "override"


@dataclass(frozen=True)
class Step:
    """One line of the explanation.

    ``start``/``end`` are instants, or days for skipped and worked days. ``reasons`` say why:
    holiday names or override reasons for skipped days (weekend days have none, ``day_off`` says
    which), the extension's reason, or for a worked weekend day the day it stands in for.
    """

    kind: StepKind
    start: datetime | date | None = None
    end: datetime | date | None = None
    reasons: tuple[str, ...] = ()
    day_off: DayOff | None = None
    period: str | None = None


@dataclass(frozen=True)
class Pause:
    paused_at: datetime
    resumed_at: datetime | None


@dataclass(frozen=True)
class Extension:
    period: Period
    reason: str


def replay(
    calendar: WorkingCalendar,
    period: Period,
    started_at: datetime,
    changes: Iterable[Pause | Extension],
) -> tuple[datetime, list[Step]]:
    """The due time after ``changes`` (in order), and a step for each pause and extension."""
    clock = Clock.start(calendar, period, started_at)
    waited = timedelta(0)
    steps: list[Step] = []
    for change in changes:
        if isinstance(change, Extension):
            previous = clock.due_at
            clock = Clock(clock.started_at, change.period.after(calendar, clock.due_at), extended=True)
            steps.append(Step(StepKind.EXTENDED, previous, clock.due_at, (change.reason,), period=str(change.period)))
        elif change.resumed_at is None:
            steps.append(Step(StepKind.PAUSED, change.paused_at, None))
        else:
            clock = clock.pause(change.paused_at).resume(calendar, change.resumed_at, waited_before=waited)
            waited += calendar.working_time(change.paused_at, change.resumed_at)
            steps.append(Step(StepKind.PAUSED, change.paused_at, change.resumed_at))
    return clock.due_at, steps


def counting_start(calendar: WorkingCalendar, period: Period, received_at: datetime) -> datetime:
    """The first instant that counts: the opening of the next working day for day periods, else the next office minute."""
    local = received_at.astimezone(calendar.tz)
    if period.unit is Unit.WORKING_HOURS:
        second = timedelta(seconds=1)
        return calendar.add(received_at, working_hours=second) - second
    day = local.date() + timedelta(days=1)
    if period.unit is Unit.CALENDAR_DAYS:
        return datetime.combine(day, datetime.min.time(), calendar.tz)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, calendar.office_hours[0][0], calendar.tz)


def _day_off(calendar: WorkingCalendar, day: date, names: Mapping[date, str], reasons: Mapping[date, str]) -> Step:
    if day in calendar.overrides:
        return Step(StepKind.SKIPPED, day, day, (reasons.get(day, ""),), DayOff.OVERRIDE)
    if day in names:
        return Step(StepKind.SKIPPED, day, day, (names[day],), DayOff.HOLIDAY)
    kind = {5: DayOff.SATURDAY, 6: DayOff.SUNDAY}.get(day.weekday(), DayOff.WEEKDAY)
    return Step(StepKind.SKIPPED, day, day, (), kind)


def _swapped_for(day: date, names: holidays.HolidayBase) -> str:
    """The day off a worked Saturday stands in for, as the holidays package names it (``08/22/2026``)."""
    return next(
        (f"{off.day}/{off.month}" for off, name in names.items() if f"{day:%m/%d/%Y}" in name),
        "",
    )


def days_between(
    calendar: WorkingCalendar,
    first: date,
    last: date,
    *,
    language: str,
    override_reasons: Mapping[date, str],
) -> list[Step]:
    """The days off from ``first`` to ``last`` (consecutive ones grouped) and the weekend days worked.

    A group's reasons are its holidays' and overrides' (a name that contains another, such as
    "Mùng hai Tết Nguyên Đán", gives way to the shorter), so 16/2–22/2 reads "Tết Nguyên Đán".
    """
    years = range(first.year, last.year + 1)
    names = holidays.country_holidays("VN", years=years, language=language)
    english = holidays.country_holidays("VN", years=years)  # its "substituted from MM/DD/YYYY" is parseable
    steps: list[Step] = []
    run: list[Step] = []
    day = first
    while day <= last:
        if not calendar.is_working_day(day):
            run.append(_day_off(calendar, day, names, override_reasons))
        else:
            steps += _grouped(run)
            run = []
            if day.weekday() not in calendar.weekdays:
                if day in calendar.overrides:
                    steps.append(Step(StepKind.WORKED, day, day, (override_reasons.get(day, ""),), DayOff.OVERRIDE))
                else:
                    steps.append(Step(StepKind.WORKED, day, day, (_swapped_for(day, english),)))
        day += timedelta(days=1)
    return steps + _grouped(run)


def _grouped(run: Sequence[Step]) -> list[Step]:
    if not run:
        return []
    if len(run) == 1:
        return list(run)
    named = list(dict.fromkeys(r for step in run for r in step.reasons if r))
    shortest = tuple(name for name in named if not any(other != name and other in name for other in named))
    reasons = [step.day_off for step in run if step.day_off not in (DayOff.SATURDAY, DayOff.SUNDAY)]
    day_off = reasons[0] if reasons else DayOff.WEEKEND
    return [Step(StepKind.SKIPPED, run[0].start, run[-1].end, shortest, day_off)]
