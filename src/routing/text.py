"""Vietnamese text as we store and search it.

Everything typed by a person is stored in Unicode NFC: some keyboards and phones send
decomposed forms, which look identical but compare and index differently. Search keys are
*folded*: marks removed, "đ"/"Đ" mapped to "d" (it is a letter of its own, not a d with a
combining mark, so NFD alone would leave it), lowercased, whitespace collapsed.
"""

import unicodedata


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """The search key of ``text``: "Giấy phép XÂY DỰNG  đường" → "giay phep xay dung duong"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
