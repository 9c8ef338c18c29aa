"""Answers are plain text with a small Markdown subset: paragraphs, line breaks, bold, italics, lists, links.

Rendering is safe by construction: raw HTML is never passed through (markdown-it escapes it),
links may only be http(s) or mailto, and they open without passing the page as referrer.
"""

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")

_md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False}).enable(
    ["emphasis", "list", "link", "newline", "paragraph"]
)
_md.validateLink = lambda url: url.strip().lower().startswith(_ALLOWED_SCHEMES)  # type: ignore[method-assign]


def _link_open(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType) -> str:
    tokens[index].attrSet("rel", "nofollow noopener noreferrer")
    return renderer.renderToken(tokens, index, options, env)


_md.add_render_rule("link_open", _link_open)


def render(text: str | None) -> Markup:
    """The HTML of an answer (empty for None)."""
    return Markup(_md.render(text or ""))  # noqa: S704  (markdown-it escapes every HTML character of the input)
