"""What each notification says, in its reader's language: a subject, a text, an HTML version and an SMS.

Each kind of notification has one template, ``templates/notify/<kind>.txt``, with the blocks
``subject``, ``text`` (paragraphs separated by a blank line) and ``sms``; the HTML version is
the text laid out by ``templates/notify/message.html``. English msgids, Vietnamese in the
catalog, as on the pages.
"""

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from feedback import i18n
from feedback.settings import PROJECT_ROOT

_env = Environment(
    loader=FileSystemLoader(PROJECT_ROOT / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default=False),  # plain text is not HTML
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
_env.filters["local_dt"] = i18n.local_datetime


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str
    sms: str


def render(kind: str, language: str, **context: Any) -> Message:
    """The message of ``kind`` in ``language``, from ``context`` (``link`` becomes the HTML's button)."""
    with i18n.speaking(language):
        template = _env.get_template(f"notify/{kind}.txt")
        variables = template.new_context(context)
        subject, text, sms = ("".join(template.blocks[b](variables)).strip() for b in ("subject", "text", "sms"))
        html = _env.get_template("notify/message.html").render(
            language=i18n.current_language(),
            subject=subject,
            paragraphs=[p.strip().splitlines() for p in text.split("\n\n") if p.strip()],
            link=context.get("link"),
        )
    return Message(subject=subject, text=text, html=html, sms=sms)


def has_template(kind: str) -> bool:
    return (PROJECT_ROOT / "templates" / "notify" / f"{kind}.txt").is_file()
