"""SLA policies: how long a department has for a question, and how lateness climbs the ladder.

A policy belongs to a category, to a priority, to both or to neither (the default). The most
specific one wins: category and priority, then category, then priority, then the default,
then :data:`DEFAULT_POLICY` when an office has configured nothing.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from routing.escalation import DEFAULT_LADDER, Step, validate_ladder
from routing.sla import Period, SlaError, working_days

DEFAULT_ACCEPT = working_days(2)
DEFAULT_ANSWER = working_days(10)
LEGAL_TRANSFER = working_days(5)
DEFAULT_MAX_EXTENSION = working_days(10)


@dataclass(frozen=True)
class Policy:
    accept: Period = DEFAULT_ACCEPT
    """A department must accept (or transfer) a question within this, from its arrival there."""
    answer: Period = DEFAULT_ANSWER
    """The answer is due this long after routing."""
    transfer: Period = LEGAL_TRANSFER
    """The legal window, from receipt, to forward a question outside an agency's remit."""
    warning_ratio: float = 0.75
    max_extension: Period = DEFAULT_MAX_EXTENSION
    restart_on_transfer: bool = True
    """A transfer within the acceptance window restarts the answer clock for the new department."""
    ladder: tuple[Step, ...] = DEFAULT_LADDER

    def __post_init__(self) -> None:
        if not 0 < self.warning_ratio < 1:
            raise SlaError(f"the warning point must be a fraction of the window, between 0 and 1: {self.warning_ratio}")
        if self.accept.rough_hours() >= self.answer.rough_hours():
            raise SlaError(
                f"the time to accept ({self.accept}) must be shorter than the time to answer ({self.answer})"
            )
        validate_ladder(self.ladder)


DEFAULT_POLICY = Policy()

PolicyKey = tuple[int | None, str | None]
"""(category id, priority); None stands for any."""


def policy_for(policies: Mapping[PolicyKey, Policy], category_id: int | None, priority: str | None) -> Policy:
    """The most specific policy for a question of this category and priority."""
    for key in ((category_id, priority), (category_id, None), (None, priority), (None, None)):
        if key in policies:
            return policies[key]
    return DEFAULT_POLICY
