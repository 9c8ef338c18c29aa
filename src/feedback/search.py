"""Search over published Q&A the way Vietnamese people type: without diacritics, in any case, any word order.

The query and the documents are folded alike ("Thủ tục ĐẤT ĐAI" → "thu tuc dat dai"); every
word of the query must appear somewhere in the Q&A, and results are ranked by relevance:
FTS5's bm25 on SQLite, ``ts_rank`` over a GIN-indexed ``tsvector`` on PostgreSQL. One
function, :func:`search`, hides which.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, bindparam, column, func, literal_column, select, table, text
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


# Ranking reads every candidate's text statistics: only the newest CANDIDATES matches are ranked
# (a broad query, a common syllable, matches most Q&A), which keeps a search fast however many
# Q&A match; a precise query has fewer matches than that and is ranked in full. Their number is
# the count shown: "more than 200" when there are more.
CANDIDATES = 200
_FTS = table("qa_fts", column("rowid"))  # SQLite's FTS5 table over qa_search (migration 0006)


@dataclass(frozen=True)
class Found:
    total: int
    """How many published Q&A match, counted up to :data:`CANDIDATES`."""
    more: bool
    """More than :data:`CANDIDATES` match: only the newest of them are ranked and shown."""
    ids: list[int]
    """One page of ticket ids, best first."""


class _Candidate(NamedTuple):
    ticket_id: int
    score: float
    """Higher is better."""
    published_at: datetime


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
    rows = await _candidates(session, words, match_any, where, CANDIDATES + 1)
    newest = rows[:CANDIDATES]
    best = sorted(newest, key=lambda row: (row.score, row.published_at), reverse=True)
    return Found(len(newest), len(rows) > CANDIDATES, [row.ticket_id for row in best[offset : offset + limit]])


async def _candidates(
    session: AsyncSession, words: Sequence[str], match_any: bool, where: Sequence[ColumnElement[bool]], limit: int
) -> list[_Candidate]:
    """The newest ``limit`` matches, newest first, each with its relevance."""
    if session.bind.dialect.name == "sqlite":
        joiner = " OR " if match_any else " "
        matching = text("qa_fts MATCH :query").bindparams(query=joiner.join(f'"{w}"' for w in words))
        # bm25() exists only inside the FTS query (lower is better).
        query = (
            select(QaSearch.ticket_id, -literal_column("bm25(qa_fts)"), QaSearch.published_at)
            .select_from(_FTS.join(QaSearch, QaSearch.ticket_id == _FTS.c.rowid))
            .where(matching, *where)
            .order_by(QaSearch.published_at.desc())
            .limit(limit)
        )
    else:
        # Inlined, not a parameter: PostgreSQL then plans each query for its own words (a generic
        # plan cannot tell a rare word from a common one). The words are folded \w+ runs.
        terms = bindparam("terms", (" | " if match_any else " & ").join(words), literal_execute=True)
        tsquery = func.to_tsquery(literal_column("'simple'"), terms)
        vector = literal_column("qa_search.document_tsv")
        newest = (
            select(QaSearch.ticket_id)
            .where(vector.op("@@")(tsquery), *where)
            .order_by(QaSearch.published_at.desc())
            .limit(limit)
            .subquery()
        )
        # Ranked once chosen, reading the vectors of those candidates only.
        query = (
            select(QaSearch.ticket_id, func.ts_rank(vector, tsquery), QaSearch.published_at)
            .join(newest, newest.c.ticket_id == QaSearch.ticket_id)
            .order_by(QaSearch.published_at.desc())
        )
    return [_Candidate(*row) for row in await session.execute(query)]


def highlight(text_: str, words: Sequence[str], *, around: int | None = None) -> Markup:
    """``text_`` escaped, with each word whose folded form is a query word in ``<mark>``.

    With ``around``, only an excerpt of about that many words around the first match.
    """
    wanted = set(words)
    parts = _TOKENS.split(text_)  # non-word, word, non-word, word, …
    if around is None:
        return _marked(parts, wanted)
    first = next((i for i, part in enumerate(parts) if i % 2 and _folded_word(part) in wanted), 1)
    start, end = max(0, first - 1 - 2 * around), first + 2 * around  # start on a non-word, as split() does
    excerpt = parts[start:end]
    before, after = ("… ", excerpt[0].lstrip()) if start else ("", excerpt[0])
    if end < len(parts):
        excerpt[-1] = excerpt[-1].rstrip() + " …"
    return escape(before) + _marked([after, *excerpt[1:]], wanted)


@lru_cache(maxsize=65_536)
def _folded_word(word: str) -> str:
    # Highlighting folds every word of every excerpt; a page repeats the same few thousand words.
    return fold(word)


def _marked(parts: list[str], wanted: set[str]) -> Markup:
    """Odd ``parts`` are words: those wanted are marked; the text between is escaped in one piece."""
    marked: list[str] = []
    start = 0
    for i in range(1, len(parts), 2):
        if _folded_word(parts[i]) in wanted:
            marked += [escape("".join(parts[start:i])), Markup("<mark>{}</mark>").format(parts[i])]
            start = i + 1
    marked.append(escape("".join(parts[start:])))
    return Markup("").join(marked)
