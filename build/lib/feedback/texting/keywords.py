"""The keywords carriers require a number to honour: STOP, START and HELP, each with its usual synonyms.

A text is a keyword only when it is nothing else (case, diacritics, spaces and punctuation
aside): "Stop." stops, "xin dừng việc xây dựng" is a question.
"""

import re
from enum import StrEnum

from routing.text import fold


class Keyword(StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"


_WORDS: dict[str, Keyword] = {
    **dict.fromkeys(("stop", "stopall", "unsubscribe", "cancel", "end", "quit"), Keyword.STOP),
    # Vietnamese: "hủy" (cancel) and "từ chối" (refuse), as carriers' own services use them.
    **dict.fromkeys(("huy", "tu choi", "tuchoi"), Keyword.STOP),
    **dict.fromkeys(("start", "unstop", "yes"), Keyword.START),
    **dict.fromkeys(("help", "info"), Keyword.HELP),
}
_NOT_A_LETTER = re.compile(r"[^\w]+")


def keyword_of(text: str) -> Keyword | None:
    """The keyword ``text`` is, if it is one."""
    return _WORDS.get(" ".join(_NOT_A_LETTER.sub(" ", fold(text)).split()))
