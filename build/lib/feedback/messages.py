"""What each notification says, in its reader's language: a subject, a text, an HTML version and an SMS.

Each kind of notification has one template, ``templates/notify/<kind>.txt``, with the blocks
``subject``, ``text`` (paragraphs separated by a blank line) and ``sms``; the HTML version is
the text laid out by ``templates/notify/message.html``. English msgids, Vietnamese in the
catalog, as on the pages.

A value written in Markdown (an answer) goes through the ``markdown`` filter: plain text in the
text and the SMS (:func:`feedback.markdown.plain_text`), the portal's own HTML in the HTML
version, for which the text block is rendered a second time with every other value escaped.
In an SMS, ``sms_excerpt`` cuts such a text so that the whole SMS fits :data:`SMS_PARTS` parts.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FileSystemLoader, Template, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from feedback import i18n, markdown
from feedback.settings import PROJECT_ROOT
from notify import sms

SMS_PARTS = 2
"""The most parts an SMS may take: what an excerpt in it leaves out, the link beside it gives."""
_SMS_REST = "_sms_without_excerpt"
_BLANK_LINES = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\S+")


@pass_context
def _sms_excerpt(context: Context, text: str) -> str:
    """As much of ``text`` as the SMS has room for, cut after a word ("…" where cut); nothing while measuring."""
    rest = context.get(_SMS_REST)
    if rest is None:  # the first pass measures the SMS without it
        return ""
    text = _BLANK_LINES.sub("\n", text.strip())  # every character costs
    if sms.room(rest + text, SMS_PARTS) >= 0:
        return text
    excerpt = ""
    for word in _WORD.finditer(text):
        candidate = f"{text[: word.end()]}…"
        if sms.room(rest + candidate, SMS_PARTS) < 0:
            break
        excerpt = candidate
    return excerpt


def _answer_html(text: str) -> Markup:
    # One line: the layout turns the text's line breaks into <br>, which a list must not get.
    return Markup(markdown.render(text).replace("\n", ""))  # noqa: S704  (markdown-it's output is safe)


_OPTIONS: dict[str, Any] = {
    "loader": FileSystemLoader(PROJECT_ROOT / "templates"),
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}


def _configured(env: Environment, markdown_filter: Callable[[str], str]) -> Environment:
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters |= {"local_dt": i18n.local_datetime, "markdown": markdown_filter, "sms_excerpt": _sms_excerpt}
    return env


_text_env = _configured(  # plain text is not HTML: its values are written as they are
    Environment(autoescape=select_autoescape(enabled_extensions=("html",), default=False), **_OPTIONS),
    markdown.plain_text,
)
_html_env = _configured(Environment(autoescape=True, **_OPTIONS), _answer_html)


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str
    sms: str


def render(kind: str, language: str, **context: Any) -> Message:
    """The message of ``kind`` in ``language``, from ``context`` (``link`` becomes the HTML's button)."""
    with i18n.speaking(language):
        template = _text_env.get_template(f"notify/{kind}.txt")
        subject, text = _block(template, "subject", context), _block(template, "text", context)
        sms_text = _sms(template, context)
        escaped = _block(_html_env.get_template(f"notify/{kind}.txt"), "text", context)
        html_text = Markup(escaped)  # noqa: S704  (every value was escaped as it was written)
        html = _html_env.get_template("notify/message.html").render(
            language=i18n.current_language(),
            subject=subject,
            paragraphs=[p.strip().splitlines() for p in html_text.split("\n\n") if p.strip()],
            link=context.get("link"),
        )
    return Message(subject=subject, text=text, html=html, sms=sms_text)


def _block(template: Template, name: str, context: dict[str, Any]) -> str:
    return "".join(template.blocks[name](template.new_context(context))).strip()


def _sms(template: Template, context: dict[str, Any]) -> str:
    """The SMS block, an excerpt in it (``|sms_excerpt``) cut so that the whole fits :data:`SMS_PARTS` parts."""
    # Measured unstripped, the space before a last excerpt included: never shorter than what is sent.
    without_excerpt = "".join(template.blocks["sms"](template.new_context(context)))
    return _block(template, "sms", {**context, _SMS_REST: without_excerpt})


def has_template(kind: str) -> bool:
    return (PROJECT_ROOT / "templates" / "notify" / f"{kind}.txt").is_file()
