"""The one way an admin change is made: the form is checked, what it will affect is shown, then it is confirmed.

A section's POST handler validates the form with the rules shared with the CLI; while the form
lacks ``confirm``, it answers :func:`confirmation_page` with the change's :class:`Preview`. That
page posts the same fields back with ``confirm=yes``, and only then is the change made (with its
audit entry, in one transaction).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from litestar.response import Template

from feedback.models import User

CONFIRM_FIELD = "confirm"


@dataclass(frozen=True)
class Preview:
    """A change as the admin confirms it: what it does, what it will affect, what to look at first."""

    summary: str
    effects: Sequence[str] = ()
    warnings: Sequence[str] = field(default_factory=tuple)


def confirmed(form: Mapping[str, object]) -> bool:
    """Whether the admin has seen the preview and confirmed it."""
    return form.get(CONFIRM_FIELD) == "yes"


def confirmation_page(
    staff: User,
    preview: Preview,
    *,
    title: str,
    action: str,
    fields: Mapping[str, str | Sequence[str]],
    back: str,
) -> Template:
    """The preview of a change with a button that makes it; ``fields`` are posted again unchanged."""
    hidden = [(name, value) for name, values in fields.items() for value in _values(values) if name != CONFIRM_FIELD]
    return Template(
        "admin/confirm.html",
        context={"staff": staff, "title": title, "preview": preview, "action": action, "hidden": hidden, "back": back},
    )


def _values(values: str | Sequence[str]) -> Sequence[str]:
    return [values] if isinstance(values, str) else values
