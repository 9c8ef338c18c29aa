"""Search over published Q&A the way Vietnamese people type: without diacritics, in any case, any word order.

The query and the documents are folded alike ("Thủ tục ĐẤT ĐAI" → "thu tuc dat dai"); every
word of the query must appear somewhere in the Q&A, and results are ranked by relevance:
FTS5's bm25 on SQLite, ``ts_rank`` over a GIN-indexed ``tsvector`` on PostgreSQL. One
function, :func:`search`, hides which.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, FromClause, bindparam, column, func, literal_column, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import QaSearch
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


# Ranking reads every candidate's text statistics: for a broad query (a common syllable matches
# most Q&A) only the newest CANDIDATES matches are ranked, which keeps a search fast however
# many Q&A match; a precise query has fewer matches than that and is ranked in full.
CANDIDATES = 200
_FTS = table("qa_fts", column("rowid"))  # SQLite's FTS5 table over qa_search (migration 0006)
COUNT_CAP = 1000


@dataclass(frozen=True)
class Found:
    total: int
    """How many published Q&A match, counted up to :data:`COUNT_CAP`."""
    more: bool
    """More than :data:`COUNT_CAP` match."""
    ids: list[int]
    """One page of ticket ids, best first."""


async def search(
    session: AsyncSession,
    words: Sequence[str],
    *,
    where: Sequence[ColumnElement[bool]] = (),
    limit: int,
    offset: int = 0,
    match_any: bool = False,
) -> Found:
    """Published Q&A holding every word (any, with ``match_any``) and matching ``where`` (on :class:`QaSearch`)."""
    if not words:
        return Found(0, False, [])
    if session.bind.dialect.name == "sqlite":
        joiner = " OR " if match_any else " "
        condition: ColumnElement[bool] = text("qa_fts MATCH :query").bindparams(
            query=joiner.join(f'"{w}"' for w in words)
        )
        source: FromClause = _FTS.join(QaSearch, QaSearch.ticket_id == _FTS.c.rowid)
        # bm25() exists only inside the FTS query: computed per candidate there (lower is better).
        ranked = literal_column("bm25(qa_fts)")
    else:
        # Inlined, not a parameter: PostgreSQL then plans each query for its own words (a generic
        # plan cannot tell a rare word from a common one). The words are folded \w+ runs.
        terms = bindparam("terms", (" | " if match_any else " & ").join(words), literal_execute=True)
        tsquery = func.to_tsquery(literal_column("'simple'"), terms)
        vector = literal_column("qa_search.document_tsv")
        condition = vector.op("@@")(tsquery)
        source = QaSearch.__table__
        ranked = vector  # ranked outside, once the newest candidates are chosen: never every match
    filtered = [condition, *where]
    matches = select(QaSearch.ticket_id).select_from(source).where(*filtered).limit(COUNT_CAP + 1).subquery()
    counted = await session.scalar(select(func.count()).select_from(matches))
    candidates = (
        select(QaSearch.ticket_id, QaSearch.published_at, ranked.label("ranked"))
        .select_from(source)
        .where(*filtered)
        .order_by(QaSearch.published_at.desc())
        .limit(CANDIDATES)
        .subquery()
    )
    if session.bind.dialect.name == "sqlite":
        order = candidates.c.ranked.asc()
    else:
        order = func.ts_rank(candidates.c.ranked, tsquery).desc()
    ids = await session.scalars(
        select(candidates.c.ticket_id).order_by(order, candidates.c.published_at.desc()).limit(limit).offset(offset)
    )
    total = counted or 0
    return Found(min(total, COUNT_CAP), total > COUNT_CAP, list(ids))


def highlight(text_: str, words: Sequence[str], *, around: int | None = None) -> Markup:
    """``text_`` escaped, with each word whose folded form is a query word in ``<mark>``.

    With ``around``, only an excerpt of about that many words around the first match.
    """
    wanted = set(words)
    parts = _TOKENS.split(text_)  # non-word, word, non-word, word, …
    if around is None:
        return _marked(parts, wanted)
    first = next((i for i, part in enumerate(parts) if i % 2 and _folded_word(part) in wanted), 1)
    start, end = max(0, first - 2 * around), first + 2 * around
    return escape("… " if start else "") + _marked(parts[start:end], wanted) + escape(" …" if end < len(parts) else "")


@lru_cache(maxsize=65_536)
def _folded_word(word: str) -> str:
    # Highlighting folds every word of every excerpt; a page repeats the same few thousand words.
    return fold(word)


def _marked(parts: list[str], wanted: set[str]) -> Markup:
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part)
        if _WORD.fullmatch(part) and _folded_word(part) in wanted
        else escape(part)
        for part in parts
    )
