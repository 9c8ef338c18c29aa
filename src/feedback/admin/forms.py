"""What the admin sections' pages share: a posted form as text."""

from litestar import Request


async def posted(request: Request, names: tuple[str, ...]) -> dict[str, str]:
    """The named fields of the posted form, as text ("" when absent)."""
    data = await request.form()
    return {name: value if isinstance(value := data.get(name), str) else "" for name in names}
