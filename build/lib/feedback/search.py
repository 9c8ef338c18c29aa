"""Search over published Q&A the way Vietnamese people type: without diacritics, in any case, any word order.

The query and the documents are folded alike ("Thủ tục ĐẤT ĐAI" → "thu tuc dat dai"); every
word of the query must appear somewhere in the Q&A, and results are ranked by relevance:
FTS5's bm25 on SQLite, ``ts_rank`` over a GIN-indexed ``tsvector`` on PostgreSQL. One
function, :func:`search`, hides which.
"""

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, bindparam, column, func, literal_column, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.models import QaSearch
from notify.db import utcnow
from routing.text import fold

MAX_WORDS = 12
_WORD = re.compile(r"\w+")
_TOKENS = re.compile(r"(\w+)")
_MARK, _END_MARK = Markup("<mark>"), Markup("</mark>")


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
# The newest candidates are looked for among the recent Q&A first: a query of common words has
# enough matches there, and the index over the vector and the publication time (migration
# 0010) finds them without reading the matches of every year. Only a query with fewer recent
# matches than that is asked again of all Q&A, whose matches are then few enough to read.
RECENT = timedelta(days=90)
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
    wanted = CANDIDATES + 1
    rows = await _candidates(session, words, match_any, [*where, QaSearch.published_at >= utcnow() - RECENT], wanted)
    if len(rows) < wanted:
        rows = await _candidates(session, words, match_any, where, wanted)
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

    With ``around``, only an excerpt: that many words either side of the first match.
    """
    wanted = set(words)
    if around is not None:
        text_ = _excerpt(text_, wanted, around)
    return _marked(_TOKENS.split(text_), wanted)


def _excerpt(text_: str, wanted: set[str], around: int) -> str:
    """``around`` words either side of the first wanted word (else the first words), "…" where cut.

    Reads the text only as far as it must: excerpts are cut from long answers, twenty a page.
    """
    before: deque[int] = deque(maxlen=around + 1)  # where the last words read start, the match's included
    words = _WORD.finditer(text_)
    for word in words:
        before.append(word.start())
        if _folded_word(word.group()) in wanted:
            break
    else:
        before.clear()
        words = _WORD.finditer(text_)
    start, end = (before[0] if before else 0), len(text_)
    for count, word in enumerate(words, 1):
        if count > around:
            end = word.start()
            break
    cut_before, cut_after = text_[:start].strip(), text_[end:].strip()
    return f"{'… ' if cut_before else ''}{text_[start:end].strip()}{' …' if cut_after else ''}"


@lru_cache(maxsize=65_536)
def _folded_word(word: str) -> str:
    # Highlighting folds every word of every excerpt; a page repeats the same few thousand words.
    return fold(word)


def _marked(parts: list[str], wanted: set[str]) -> Markup:
    """Odd ``parts`` are words: those wanted are marked; the text between is escaped in one piece."""
    marked: list[Markup] = []
    start = 0
    for i in range(1, len(parts), 2):
        if _folded_word(parts[i]) in wanted:
            marked += [escape("".join(parts[start:i])), _MARK, escape(parts[i]), _END_MARK]
            start = i + 1
    marked.append(escape("".join(parts[start:])))
    return Markup("").join(marked)
