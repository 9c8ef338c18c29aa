"""Changed days as people write them."""

from collections.abc import Sequence
from datetime import date


def day_span(days: Sequence[str]) -> str:
    """``30/12`` or ``30/12–2/1`` from ISO days: a change is one run of days, so its ends say it."""
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    text = f"{first.day}/{first.month}"
    return text if first == last else f"{text}–{last.day}/{last.month}"
