"""A refusal from :mod:`routing` (:class:`routing.errors.Refusal`) as an admin page shows it: translated, beside its field."""

from feedback.i18n import gettext
from routing.errors import Refusal

PAGE_LEVEL = "form"
"""Where a refusal that names no field of the form is shown: above the forms."""


def field_errors(refusal: Refusal, fields: tuple[str, ...] = ()) -> dict[str, str]:
    """``{field: message}`` in the reader's language; a field the form lacks is shown at the top."""
    field = refusal.field if refusal.field in fields else PAGE_LEVEL
    return {field: gettext(refusal.message).format(**refusal.values)}
