"""The words of an email as a question keeps them: HTML reduced to text, quoted history and signature cut off.

All of this happens before anything is stored, so that a reply's copy of our own message (or of
the whole conversation) never lands in a ticket.
"""

import re
from html.parser import HTMLParser

from routing.text import defuse_markup, nfc, without_control_characters

_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr", "section"}
)
_SKIPPED = frozenset({"script", "style", "head", "title", "template"})
# What mail programs wrap the quoted history in (Gmail, Apple Mail and Thunderbird, Outlook on the web).
_QUOTE_CLASSES = ("gmail_quote", "moz-cite-prefix", "divRplyFwdMsg", "yahoo_quoted")


class _TextOfHtml(HTMLParser):
    """The text a reader sees, one line per block; scripts, styles and quoted history left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []  # the open elements whose content is left out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        attributes = dict(attrs)
        quoted = tag == "blockquote" or any(c in (attributes.get("class") or "") for c in _QUOTE_CLASSES)
        if tag in _SKIPPED or quoted:
            self._skipping.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                while self._skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"})


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# The line a mail program puts above the message it quotes, in the languages our citizens write in:
# "On Mon, 1 Dec 2026 at 09:00, Nguyễn Văn A <a@example.vn> wrote:", "Vào 9:00 Th 2, 1 thg 12, 2026
# Nguyễn Văn A <a@example.vn> đã viết:", "<a@example.vn> đã viết:", "Le … a écrit :"…
_ATTRIBUTION = re.compile(
    r"^\s*(?:(?:On|Vào|Le|Am)\b.*|.*<[^<>@\s]+@[^<>\s]+>.*|.*\S+@\S+.*)"
    r"(?:wrote|đã viết|viết|a écrit|schrieb)\s*:\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_START = re.compile(r"^\s*(?:On|Vào|Le|Am)\b", re.IGNORECASE)
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*(?:Original Message|Forwarded message|Thư gốc|Tin nhắn gốc|Thư chuyển tiếp)\s*-{2,}|_{10,})\s*$",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*\**(?:From|Từ|Người gửi)\s*\**\s*:", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\**(?:Sent|Date|Đã gửi|Ngày|Gửi lúc|To|Đến|Subject|Chủ đề)\s*\**\s*:", re.IGNORECASE)
_CLOSINGS = re.compile(
    r"^\s*(?:trân trọng(?: cảm ơn)?|kính thư|thân ái|best regards|kind regards|regards|best wishes|thanks|"
    r"thank you|cheers)\s*[.,!]*\s*$",
    re.IGNORECASE,
)
_SENT_FROM = re.compile(
    r"^\s*(?:sent from my|get outlook for|gửi từ|được gửi từ)\b.*(?:iphone|ipad|android|samsung|mobile|outlook|điện thoại)",
    re.IGNORECASE,
)
SIGNATURE_LINES = 8
"""A closing ("Trân trọng,") counts as the start of the signature only this near the end."""


def _quote_starts(lines: list[str], at: int) -> bool:
    line = lines[at]
    if _SEPARATOR.match(line):
        return True
    if _ATTRIBUTION.match(line):
        return True
    # An attribution a mail program wrapped over two lines: "On Mon, 1 Dec 2026, Nguyễn Văn A <a@…>\nwrote:".
    if _ATTRIBUTION_START.match(line) and at + 1 < len(lines) and _ATTRIBUTION.match(f"{line} {lines[at + 1]}"):
        return True
    # Outlook's header block: "From: …" followed by "Sent: …" (or "Date:", "To:").
    return bool(_OUTLOOK_FROM.match(line) and at + 1 < len(lines) and _OUTLOOK_NEXT.match(lines[at + 1]))


def trim_reply(text: str) -> str:
    """``text`` without the quoted history and the signature (and the blank lines they leave)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for at, line in enumerate(lines):
        if _quote_starts(lines, at) or line.rstrip() == "--" or _SENT_FROM.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    for at in range(max(0, len(kept) - SIGNATURE_LINES), len(kept)):
        if _CLOSINGS.match(kept[at]):
            kept = kept[:at]
            break
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def plain(text: str) -> str:
    """``text`` as our fields accept it: NFC, no control characters, and nothing a browser would take for markup.

    An email is not a form: nobody typed its angle brackets into our page, and "<a@example.vn>"
    or a pasted "<b>" is just text. Pages escape on output anyway; here a "<" that would open
    markup becomes "‹" (see :func:`routing.text.defuse_markup`) so that the text passes the check
    every stored field gets, rather than the email being refused.
    """
    text = without_control_characters(nfc(text))
    return defuse_markup(text)
