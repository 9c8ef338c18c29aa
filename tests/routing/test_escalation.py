"""The default ladder on real dates, and what a ladder may not be."""

from datetime import datetime

import pytest

from routing.calendar import VIETNAM, WorkingCalendar
from routing.escalation import DEFAULT_LADDER, Recipient, Step, due_steps, next_check, validate_ladder
from routing.sla import Clock, SlaError, working_days

CAL = WorkingCalendar.vietnam()
# Received Friday 13/2/2026 at 10:00, the last working day before Tết: due Friday 6/3 at 17:00.
CLOCK = Clock.start(CAL, working_days(10), datetime(2026, 2, 13, 10, tzinfo=VIETNAM))


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("now", "levels"),
    [
        (vn(2026, 3, 4, 9, 59), []),
        (vn(2026, 3, 4, 10, 0), [0]),  # 75% of the window
        (vn(2026, 3, 6, 17, 0), [0, 1]),  # the deadline
        (vn(2026, 3, 10, 16, 59), [0, 1]),
        (vn(2026, 3, 10, 17, 0), [0, 1, 2]),  # 2 working days overdue
        (vn(2026, 3, 13, 17, 0), [0, 1, 2, 3]),  # 5 working days overdue
    ],
)
def test_default_ladder(now: datetime, levels: list[int]) -> None:
    assert [s.level for s in due_steps(DEFAULT_LADDER, None, CLOCK, CAL, 0.75, now)] == levels


def test_fired_levels_are_not_due_again_and_next_check_moves_on() -> None:
    late = vn(2026, 3, 11, 9)
    assert [s.level for s in due_steps(DEFAULT_LADDER, 1, CLOCK, CAL, 0.75, late)] == [2]
    assert next_check(DEFAULT_LADDER, None, CLOCK, CAL, 0.75) == vn(2026, 3, 4, 10)
    assert next_check(DEFAULT_LADDER, 0, CLOCK, CAL, 0.75) == vn(2026, 3, 6, 17)
    assert next_check(DEFAULT_LADDER, 2, CLOCK, CAL, 0.75) == vn(2026, 3, 13, 17)
    assert next_check(DEFAULT_LADDER, 3, CLOCK, CAL, 0.75) is None


def test_nothing_escalates_while_waiting_for_the_citizen() -> None:
    paused = CLOCK.pause(vn(2026, 3, 2, 9))
    assert due_steps(DEFAULT_LADDER, None, paused, CAL, 0.75, vn(2026, 4, 1, 9)) == []
    assert next_check(DEFAULT_LADDER, None, paused, CAL, 0.75) is None


@pytest.mark.parametrize(
    ("ladder", "message"),
    [
        ([], "at least one"),
        ([Step(1, Recipient.HEAD, 0), Step(2, Recipient.ASSIGNEE, None)], "only the first"),
        ([Step(1, Recipient.HEAD, 0), Step(1, Recipient.LEADERSHIP, 3)], "rise"),
        ([Step(1, Recipient.HEAD, 5), Step(2, Recipient.LEADERSHIP, 2)], "comes earlier"),
        ([Step(1, Recipient.HEAD, -1)], "between 0 and 60"),
    ],
)
def test_bad_ladders_are_refused(ladder: list[Step], message: str) -> None:
    with pytest.raises(SlaError, match=message):
        validate_ladder(ladder)


def test_default_ladder_is_valid() -> None:
    assert validate_ladder(DEFAULT_LADDER) == DEFAULT_LADDER
