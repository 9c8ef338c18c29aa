"""A refusal from :mod:`routing` (:class:`routing.errors.Refusal`) as an admin page shows it: translated, beside its field."""

from feedback.i18n import gettext
from routing.errors import Refusal

PAGE_LEVEL = "form"
"""Where a refusal that names no field of the form is shown: above the forms."""


def said(refusal: Refusal) -> dict[str, str]:
    """``{field: message}`` in the reader's language (``form``, shown at the top, when it names no field)."""
    return {refusal.field or PAGE_LEVEL: gettext(refusal.message).format(**refusal.values)}


def field_errors(refusal: Refusal, fields: tuple[str, ...] = ()) -> dict[str, str]:
    """:func:`said`, with a field the form lacks shown at the top."""
    return said(Refusal(refusal.message, field=refusal.field if refusal.field in fields else "", **refusal.values))
