"""What the admin sections' pages share: a posted form as text, a refusal said beside its field."""

from litestar import Request

from feedback.errors import AdminRefusal
from feedback.i18n import gettext
from routing.admin import AdminError


async def posted(request: Request, names: tuple[str, ...]) -> dict[str, str]:
    """The named fields of the posted form, as text ("" when absent)."""
    data = await request.form()
    return {name: value if isinstance(value := data.get(name), str) else "" for name in names}


def said(refusal: AdminError | AdminRefusal) -> dict[str, str]:
    """A refusal in the reader's language, by field (``form`` when it names none)."""
    return {refusal.field or "form": gettext(refusal.message).format(**refusal.values)}
