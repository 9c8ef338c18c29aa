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


def contains_markup(text: str) -> bool:
    """Whether ``text`` carries HTML or script, which no field of ours accepts."""
    return _MARKUP.search(text) is not None
