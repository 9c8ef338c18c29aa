"""Search over published Q&A the way Vietnamese people type: without diacritics, in any case, any word order.

The query and the documents are folded alike ("Thủ tục ĐẤT ĐAI" → "thu tuc dat dai"); every
word of the query must appear somewhere in the Q&A, and results are ranked by relevance:
FTS5's bm25 on SQLite, ``ts_rank`` over a GIN-indexed ``tsvector`` on PostgreSQL. One
function, :func:`search`, hides which.
"""

import re
from collections.abc import Sequence

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import QaSearch, Ticket
from routing.text import fold

MAX_WORDS = 12
_WORD = re.compile(r"\w+")
_TOKENS = re.compile(r"(\w+)")


def query_words(query: str) -> list[str]:
    """The distinct folded words of a query, in order, at most :data:`MAX_WORDS`."""
    return list(dict.fromkeys(_WORD.findall(fold(query))))[:MAX_WORDS]


def document_of(title: str, question: str, answer: str) -> str:
    """What the index holds for one Q&A: the title counts twice, so that a match there ranks higher."""
    return fold(f"{title}\n{title}\n{question}\n{answer}")


async def search(
    session: AsyncSession,
    words: Sequence[str],
    *,
    where: Sequence[ColumnElement[bool]] = (),
    limit: int,
    offset: int = 0,
    match_any: bool = False,
) -> tuple[int, list[int]]:
    """How many published Q&A hold every word (any, with ``match_any``) and match ``where``; one page of ids, best first."""
    if not words:
        return 0, []
    if session.bind.dialect.name == "sqlite":
        joiner = " OR " if match_any else " "
        fts = text("qa_fts MATCH :query").bindparams(query=joiner.join(f'"{w}"' for w in words))
        matched = select(literal_column("rowid").label("ticket_id"), literal_column("bm25(qa_fts)").label("score"))
        matched = matched.select_from(text("qa_fts")).where(fts).subquery()
        order = matched.c.score.asc()  # bm25: lower is better
    else:
        vector = func.to_tsvector(literal_column("'simple'"), QaSearch.document)
        tsquery = func.to_tsquery(literal_column("'simple'"), (" | " if match_any else " & ").join(words))
        matched = select(QaSearch.ticket_id, func.ts_rank(vector, tsquery).label("score")).where(
            vector.op("@@")(tsquery)
        )
        matched = matched.subquery()
        order = matched.c.score.desc()
    conditions = [Ticket.id == matched.c.ticket_id, Ticket.published_at.is_not(None), *where]
    total = await session.scalar(
        select(func.count()).select_from(matched).join(Ticket, conditions[0]).where(*conditions[1:])
    )
    ids = await session.scalars(
        select(Ticket.id)
        .join(matched, conditions[0])
        .where(*conditions[1:])
        .order_by(order, Ticket.published_at.desc())
        .limit(limit)
        .offset(offset)
    )
    return total or 0, list(ids)


def highlight(text_: str, words: Sequence[str], *, around: int | None = None) -> Markup:
    """``text_`` escaped, with each word whose folded form is a query word in ``<mark>``.

    With ``around``, only an excerpt of about that many words around the first match.
    """
    wanted = set(words)
    parts = _TOKENS.split(text_)  # non-word, word, non-word, word, …
    if around is None:
        return _marked(parts, wanted)
    first = next((i for i, part in enumerate(parts) if i % 2 and fold(part) in wanted), 1)
    start, end = max(0, first - 2 * around), first + 2 * around
    return escape("… " if start else "") + _marked(parts[start:end], wanted) + escape(" …" if end < len(parts) else "")


def _marked(parts: list[str], wanted: set[str]) -> Markup:
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if _WORD.fullmatch(part) and fold(part) in wanted else escape(part)
        for part in parts
    )
