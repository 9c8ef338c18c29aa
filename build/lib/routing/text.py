"""Vietnamese text as we store and search it.

Everything typed by a person is stored in Unicode NFC: some keyboards and phones send
decomposed forms, which look identical but compare and index differently. Search keys are
*folded*: marks removed, "đ"/"Đ" mapped to "d" (it is a letter of its own, not a d with a
combining mark, so NFD alone would leave it), lowercased, whitespace collapsed.
"""

import re
import unicodedata


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """The search key of ``text``: "Giấy phép XÂY DỰNG  đường" → "giay phep xay dung duong"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# What a browser would take for markup. Everything is escaped on output anyway, so ordinary
# text that merely has a "<" passes: "diện tích < 50 m2", "a<b và x > y", "theo <Nghị định 45>"
# (no ASCII tag name there is followed by ">" or by an attribute given a value).
_MARKUP = re.compile(
    r"""
    <[a-z][a-z0-9-]*(?:[\s/]+[a-z][a-z0-9:._-]*)*(?:\s*/?>|\s*=)  # <b>, <br/>, <x y>, <img src=…, <svg/onload=…
    | </[a-z]                                                    # an end tag
    | <[!?][a-z\[-]                                              # <!-- …, <!DOCTYPE, <![CDATA[, <?php
    | <(?:script|style|iframe|frame|object|embed|applet|svg|math|img|link|meta|base|form|template)\b  # even unclosed
    | (?:java|vb)script\s*:                                      # a script URL
    """,
    re.IGNORECASE | re.VERBOSE,
)


# C0 and C1 control characters but tab, line feed and carriage return, and lone surrogates (no
# UTF-8 can carry them): nobody types them, and PostgreSQL refuses NUL in any text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def contains_control_characters(text: str) -> bool:
    """Whether ``text`` carries a control character (a NUL byte, an escape), which no field of ours accepts."""
    return _CONTROL.search(text) is not None


def without_control_characters(text: str, replacement: str = "") -> str:
    """``text`` with each control character replaced: for text that comes in whole (an email, an SMS)
    and must be kept, where a form would refuse it."""
    return _CONTROL.sub(replacement, text)


def first_words(text: str, limit: int) -> str:
    """The start of ``text`` on one line, cut after a word, at most ``limit`` characters (with "…" if cut)."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if line[limit - 1] != " ":  # the cut falls inside a word: leave the word out
        cut = cut.rsplit(" ", 1)[0] or cut
    return f"{cut.rstrip()}…"


def contains_markup(text: str) -> bool:
    """Whether ``text`` carries HTML or script, which no field of ours accepts."""
    return _MARKUP.search(text) is not None


def defuse_markup(text: str) -> str:
    """``text`` with what a browser would take for markup made plain: its "<" becomes "‹" and a
    script URL's colon "∶". For text nobody typed into our forms (an email), which is kept, not refused."""
    return _MARKUP.sub(lambda found: found.group().replace("<", "‹").replace(":", "∶"), text)


def plain_text_problem(text: str, limit: int, *, required: bool) -> tuple[str, str | None]:
    """``text`` as we store what an admin types (NFC, trimmed), and what is wrong with it, if anything.

    The problem is ``"missing"``, ``"too_long"``, ``"control_character"`` or ``"markup"``; each
    caller says it in its own words (the command line's, a page's).
    """
    text = nfc(text).strip()
    if required and not text:
        return text, "missing"
    if len(text) > limit:
        return text, "too_long"
    if contains_control_characters(text):
        return text, "control_character"
    if contains_markup(text):
        return text, "markup"
    return text, None
