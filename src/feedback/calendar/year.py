"""A year of the working calendar as the page shows it: months of weeks, Monday first, each day marked."""

import calendar as weeks
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import holidays

from feedback.i18n import N_, gettext
from routing.calendar import WorkingCalendar
from routing.models import CalendarOverride

MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


class DayKind(StrEnum):
    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    EXTRA_DAY_OFF = "extra-off"
    WORKED = "worked"


KIND_LABELS: dict[DayKind, str] = {
    DayKind.WORKING: N_("Working day"),
    DayKind.WEEKEND: N_("Weekend"),
    DayKind.HOLIDAY: N_("Public holiday"),
    DayKind.EXTRA_DAY_OFF: N_("Extra day off"),
    DayKind.WORKED: N_("Weekend day worked"),
}


@dataclass(frozen=True)
class Day:
    day: date
    kind: DayKind
    why: str
    """The holiday's name or the override's reason (empty for plain working days and weekends)."""

    @property
    def label(self) -> str:
        """What a screen reader hears after the day's number."""
        kind = gettext(KIND_LABELS[self.kind])
        return f"{kind}: {self.why}" if self.why else kind


@dataclass(frozen=True)
class Month:
    number: int
    name: str
    weeks: Sequence[Sequence[Day | None]]


def _day(calendar: WorkingCalendar, day: date, names: Mapping[date, str], reasons: Mapping[date, str]) -> Day:
    weekend = day.weekday() not in calendar.weekdays
    if day in calendar.overrides:
        kind = DayKind.WORKED if calendar.overrides[day] else DayKind.EXTRA_DAY_OFF
        return Day(day, kind, reasons.get(day, ""))
    if day in names:
        return Day(day, DayKind.HOLIDAY, names[day])
    if calendar.is_working_day(day):
        return Day(day, DayKind.WORKED if weekend else DayKind.WORKING, "")
    return Day(day, DayKind.WEEKEND if weekend else DayKind.HOLIDAY, "")


def year_view(
    calendar: WorkingCalendar, year: int, overrides: Sequence[CalendarOverride], language: str
) -> list[Month]:
    """The twelve months of ``year``, holidays named in ``language``, overrides with their reasons."""
    names = holidays.country_holidays("VN", years=year, language="en_US" if language == "en" else language)
    reasons = {o.day: o.reason for o in overrides}
    months = []
    for number in range(1, 13):
        rows = weeks.Calendar(firstweekday=0).monthdatescalendar(year, number)
        months.append(
            Month(
                number,
                gettext(MONTHS[number - 1]),
                [[_day(calendar, d, names, reasons) if d.month == number else None for d in row] for row in rows],
            )
        )
    return months
