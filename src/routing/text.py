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


# An HTML tag, comment or declaration ("<script", "</b>", "<img src=…>", "<!--"), or a
# javascript: URL; a lone "<" as in "diện tích < 50 m2" is ordinary text.
_MARKUP = re.compile(r"<\s*/?\s*[a-z!?][^<>]*>?|javascript\s*:", re.IGNORECASE)


# C0 and C1 control characters but tab, line feed and carriage return, and lone surrogates (no
# UTF-8 can carry them): nobody types them, and PostgreSQL refuses NUL in any text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def contains_control_characters(text: str) -> bool:
    """Whether ``text`` carries a control character (a NUL byte, an escape), which no field of ours accepts."""
    return _CONTROL.search(text) is not None


def contains_markup(text: str) -> bool:
    """Whether ``text`` carries HTML or script, which no field of ours accepts."""
    return _MARKUP.search(text) is not None
