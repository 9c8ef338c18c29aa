"""Answers are plain text with a small Markdown subset: paragraphs, line breaks, bold, italics, lists, links.

Rendering is safe by construction: raw HTML is never passed through (markdown-it escapes it),
links may only be http(s) or mailto, and they open without passing the page as referrer.
Where HTML cannot go (an email's text part, an SMS, a search excerpt), :func:`plain_text`
reads the same parse and keeps only the words.
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


def plain_text(text: str | None) -> str:
    """The answer without its markup: paragraphs apart by a blank line, each list item a line of its own.

    A bullet loses its marker, a numbered item keeps its number; a link reads "text (address)";
    line endings are ``\\n`` only (the parser normalises a form's CRLF).
    """
    blocks: list[list[str]] = []
    depth = 0  # of lists
    marker = ""  # the number of the list item whose first line comes next
    for token in _md.parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                blocks.append([])
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            marker = f"{token.info}{token.markup} " if token.info else ""
        elif token.type == "inline":
            if depth == 0:
                blocks.append([])
            indent = "  " * max(depth - 1, 0)
            for number, line in enumerate(_inline_text(token.children or []).split("\n")):
                blocks[-1].append(indent + (marker if number == 0 else " " * len(marker)) + line)
            marker = ""
    return "\n\n".join("\n".join(lines) for lines in blocks)


def _inline_text(tokens: Sequence[Token]) -> str:
    parts: list[str] = []
    label_start, address = 0, ""
    for token in tokens:
        if token.type == "text":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type == "link_open":
            label_start, address = len(parts), str(token.attrGet("href") or "").removeprefix("mailto:")
        elif token.type == "link_close" and "".join(parts[label_start:]) != address:
            parts.append(f" ({address})")
    return "".join(parts)
