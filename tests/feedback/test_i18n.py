"""Every message is translated; the language is chosen the way a visitor expects."""

import pytest
from babel.messages.pofile import read_po

from feedback.i18n import CATALOG, extract_messages, negotiate


def test_every_msgid_has_a_vietnamese_translation() -> None:
    with CATALOG.open("rb") as po:
        catalog = read_po(po, locale="vi")

    def translated(msgid: str | tuple[str, ...]) -> bool:
        found = catalog.get(msgid)
        if found is None:
            return False
        return all(found.string) if isinstance(found.string, tuple) else bool(found.string)  # every plural form

    untranslated = [m.id for m in extract_messages() if m.id and not translated(m.id)]
    assert untranslated == [], "run `make messages` and translate these"


@pytest.mark.parametrize(
    ("cookie", "header", "language"),
    [
        (None, None, "vi"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "fr-FR,en;q=0.5,vi;q=0.8", "vi"),
        (None, "de", "vi"),
        ("en", "vi", "en"),
        ("xx", "en", "en"),
        (None, "en;q=abc", "vi"),
    ],
)
def test_negotiate(cookie: str | None, header: str | None, language: str) -> None:
    assert negotiate(cookie, header) == language
