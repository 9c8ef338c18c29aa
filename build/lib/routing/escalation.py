"""The escalation ladder, pure logic: which step is due when, and when to look again.

Default ladder: a warning to the assignee (or the department inbox) at the policy's warning
point; at the deadline the ticket is overdue and level 1 goes to the department head; 2
working days overdue, level 2 goes to the coordinating office; 5 working days overdue, level
3 goes to leadership. The scan that acts on it (claiming each step once with a conditional
update) lives with the tickets; it stores :func:`next_check` in an indexed column.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from routing.calendar import WorkingCalendar
from routing.sla import Clock, SlaError


class Recipient(StrEnum):
    ASSIGNEE = "assignee"
    HEAD = "head"
    COORDINATING_OFFICE = "coordinating_office"
    LEADERSHIP = "leadership"


@dataclass(frozen=True)
class Step:
    level: int
    recipient: Recipient
    working_days_overdue: int | None
    """None for the warning, which comes at the policy's warning point, before the deadline."""

    @property
    def is_warning(self) -> bool:
        return self.working_days_overdue is None


DEFAULT_LADDER: tuple[Step, ...] = (
    Step(0, Recipient.ASSIGNEE, None),
    Step(1, Recipient.HEAD, 0),
    Step(2, Recipient.COORDINATING_OFFICE, 2),
    Step(3, Recipient.LEADERSHIP, 5),
)


def validate_ladder(ladder: Sequence[Step]) -> tuple[Step, ...]:
    """Levels rising, offsets never going back, a warning only as the first step."""
    if not ladder:
        raise SlaError("a ladder needs at least one step")
    for index, step in enumerate(ladder):
        if step.is_warning and index != 0:
            raise SlaError("only the first step may be the warning")
        if step.working_days_overdue is not None and not 0 <= step.working_days_overdue <= 60:
            raise SlaError(f"level {step.level}: working days overdue must be between 0 and 60")
    for before, after in itertools.pairwise(ladder):
        if after.level <= before.level:
            raise SlaError("levels must rise from step to step")
        if (before.working_days_overdue or 0) > (after.working_days_overdue or 0):
            raise SlaError(f"level {after.level} comes earlier than level {before.level}")
    return tuple(ladder)


def step_at(step: Step, clock: Clock, calendar: WorkingCalendar, warning_ratio: float) -> datetime:
    """When ``step`` falls due for this clock."""
    if step.working_days_overdue is None:
        return clock.warning_at(calendar, warning_ratio)
    if step.working_days_overdue == 0:
        return clock.due_at
    return calendar.add(clock.due_at, working_days=step.working_days_overdue)


def _remaining(ladder: Sequence[Step], fired_level: int | None) -> list[Step]:
    return [step for step in ladder if fired_level is None or step.level > fired_level]


def due_steps(
    ladder: Sequence[Step],
    fired_level: int | None,
    clock: Clock,
    calendar: WorkingCalendar,
    warning_ratio: float,
    now: datetime,
) -> list[Step]:
    """The steps not yet fired whose time has come, in order; none while the clock is paused."""
    if clock.paused_at is not None:
        return []
    return [step for step in _remaining(ladder, fired_level) if step_at(step, clock, calendar, warning_ratio) <= now]


def next_check(
    ladder: Sequence[Step], fired_level: int | None, clock: Clock, calendar: WorkingCalendar, warning_ratio: float
) -> datetime | None:
    """When the next step not yet fired falls due (None: the ladder is done or the clock paused)."""
    if clock.paused_at is not None:
        return None
    remaining = _remaining(ladder, fired_level)
    return step_at(remaining[0], clock, calendar, warning_ratio) if remaining else None


def parse_ladder(text: str) -> tuple[Step, ...]:
    """``"0:assignee:warning,1:head:0,2:coordinating_office:2"``: level, recipient, working days overdue."""
    steps = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            level, recipient, offset = (piece.strip() for piece in part.split(":"))
            steps.append(Step(int(level), Recipient(recipient), None if offset == "warning" else int(offset)))
        except ValueError:
            recipients = ", ".join(Recipient)
            raise SlaError(
                f"{part!r} is not a step: write LEVEL:RECIPIENT:DAYS (DAYS overdue, or 'warning'),"
                f" RECIPIENT one of {recipients}"
            ) from None
    return validate_ladder(steps)


def format_ladder(ladder: Sequence[Step]) -> str:
    return ",".join(f"{s.level}:{s.recipient}:{'warning' if s.is_warning else s.working_days_overdue}" for s in ladder)
