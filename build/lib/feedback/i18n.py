"""Vietnamese first, English second: message lookup by the request's language.

Source strings (msgids) are English; the Vietnamese catalog lives in
``locales/vi/LC_MESSAGES/messages.po`` and is compiled in memory at import, so there is no
build step. The language of the current request is kept in a context variable set by
:class:`LocaleMiddleware`, from the ``lang`` cookie (the switch on every page), else the
``Accept-Language`` header, else Vietnamese.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.types import ASGIApp, Receive, Scope, Send

from routing.calendar import VIETNAM

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_COOKIE = "lang"
CATALOG = Path(__file__).parent / "locales" / "vi" / "LC_MESSAGES" / "messages.po"


def _load_vietnamese() -> Translations:
    with CATALOG.open("rb") as po:
        catalog = read_po(po, locale="vi")
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


_TRANSLATIONS: dict[str, NullTranslations] = {
    "vi": _load_vietnamese(),
    "en": NullTranslations(),
}
_current: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def current_language() -> str:
    return _current.get()


def use_language(language: str) -> None:
    _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Messages in ``language`` inside the block (a notification in its reader's language), then as before."""
    token = _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return _TRANSLATIONS[_current.get()].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _TRANSLATIONS[_current.get()].ngettext(singular, plural, n)


def local_datetime(value: datetime | None, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """A UTC instant as people in Vietnam read it."""
    return value.astimezone(VIETNAM).strftime(pattern) if value else ""


def N_(message: str) -> str:  # noqa: N802  (the conventional name extractors look for)
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The language for a request: the visitor's explicit choice, else their browser's, else Vietnamese."""
    if cookie in LANGUAGES:
        return cookie
    ranked: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES:
            ranked.append((quality, primary))
    return max(ranked, key=lambda item: item[0])[1] if ranked else DEFAULT_LANGUAGE


def language_cookie(language: str) -> Cookie:
    return Cookie(
        key=LANGUAGE_COOKIE,
        value=language,
        max_age=365 * 24 * 3600,
        samesite="lax",
        httponly=True,
    )


class LocaleMiddleware:
    """Sets the request's language before anything else runs, error pages included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            connection: ASGIConnection = ASGIConnection(scope)
            use_language(
                negotiate(
                    connection.cookies.get(LANGUAGE_COOKIE),
                    connection.headers.get("accept-language"),
                )
            )
        await self.app(scope, receive, send)


def extract_messages() -> Catalog:
    """Every msgid in the templates and the code, as a template catalog."""
    from babel.messages.extract import extract_from_dir

    from feedback.settings import PROJECT_ROOT

    template = Catalog()
    sources = [
        (PROJECT_ROOT / "templates", [("**.html", "jinja2"), ("**.txt", "jinja2")]),
        (PROJECT_ROOT / "src", [("**.py", "python")]),
    ]
    for directory, method_map in sources:
        options = {pattern: {"extensions": "jinja2.ext.i18n"} for pattern, method in method_map if method == "jinja2"}
        for filename, lineno, message, _comments, context in extract_from_dir(directory, method_map, options):
            template.add(message, locations=[(str(filename), lineno)], context=context)
    return template


def update_catalog() -> None:
    """Merge new msgids into the Vietnamese catalog (``make messages``); translators fill in the blanks."""
    from babel.messages.pofile import write_po

    with CATALOG.open("rb") as po:
        catalog = read_po(po, locale="vi")
    catalog.update(extract_messages(), no_fuzzy_matching=True)
    with CATALOG.open("wb") as po:
        write_po(po, catalog, width=100, omit_header=False, no_location=True, sort_output=True)
