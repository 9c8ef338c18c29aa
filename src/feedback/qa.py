"""The public Q&A pages' data: published questions and answers, listed, filtered, searched, suggested.

Nothing personal ever leaves here: no email, phone or address, and the asker's name only if
they allowed it. The public wording (redacted by a coordinator) replaces the original.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import NotFound
from feedback.federation.models import Forward, ForwardStatus, Peer
from feedback.i18n import current_language
from feedback.markdown import plain_text
from feedback.models import Attachment, AttachmentKind, QaSearch, Ticket
from feedback.reorganisation.names import names_of_time, with_predecessors
from feedback.search import highlight, query_words, search
from routing.calendar import VIETNAM
from routing.models import Category, Department

PAGE_SIZE = 20
SUGGESTIONS = 5


@dataclass(frozen=True)
class QaItem:
    reference: str
    title: Markup
    excerpt: Markup
    category: str
    department: str
    asked_at: datetime
    answered_at: datetime
    on_time: bool


@dataclass(frozen=True)
class QaPage:
    items: list[QaItem]
    total: int
    more: bool
    """More Q&A match than :data:`~feedback.search.CANDIDATES`, the number shown."""
    page: int
    pages: int
    words: list[str]


@dataclass(frozen=True)
class QaDetail:
    reference: str
    title: str
    question: str
    answer: str
    asker: str | None
    category: str
    department: str
    asked_at: datetime
    answered_at: datetime
    on_time: bool
    files: list[Attachment]
    """The files that go with the answer."""
    answered_at_url: str | None = None
    """The answer's public page at the peer portal that answered it, when there is one."""


def _on_time(ticket: Ticket) -> bool:
    return ticket.answer_due_at is None or (
        ticket.answered_at is not None and ticket.answered_at <= ticket.answer_due_at
    )


async def _names(session: AsyncSession) -> tuple[dict[int, str], dict[int, str]]:
    english = current_language() == "en"
    categories = {c.id: c.name_en if english else c.name for c in await session.scalars(select(Category))}
    departments = names_of_time({d.id or 0: d for d in await session.scalars(select(Department))}, english=english)
    return categories, departments


async def list_qa(
    session: AsyncSession,
    *,
    query: str = "",
    category_id: int | None = None,
    department_id: int | None = None,
    year: int | None = None,
    page: int = 1,
) -> QaPage:
    """Published Q&A, newest first, or the best matches of ``query``; filtered by category, department, year.

    A department's answers include those given before a merge or rename by the versions it took over.
    """
    words = query_words(query)
    page = max(page, 1)
    departments = None if department_id is None else await with_predecessors(session, department_id)
    if words:
        where = _filters(QaSearch, category_id, departments, year)
        found = await search(session, words, where=where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        by_id = {t.id: t for t in await session.scalars(select(Ticket).where(Ticket.id.in_(found.ids)))}
        tickets: Sequence[Ticket] = [by_id[i] for i in found.ids if i in by_id]
        total, more = found.total, found.more
    else:
        published = [Ticket.published_at.is_not(None), *_filters(Ticket, category_id, departments, year)]
        total, more = await session.scalar(select(func.count()).select_from(Ticket).where(*published)) or 0, False
        tickets = (
            await session.scalars(
                select(Ticket)
                .where(*published)
                .order_by(Ticket.published_at.desc(), Ticket.id.desc())
                .limit(PAGE_SIZE)
                .offset((page - 1) * PAGE_SIZE)
            )
        ).all()
    categories, departments = await _names(session)
    items = [
        QaItem(
            reference=t.reference,
            title=highlight(t.public_title or t.title, words),
            excerpt=highlight(f"{t.public_body or t.body}\n{plain_text(t.answer_text)}", words, around=30),
            category=categories.get(t.category_id, ""),
            department=departments.get(t.department_id or 0, ""),
            asked_at=t.created_at,
            answered_at=t.answered_at or t.created_at,
            on_time=_on_time(t),
        )
        for t in tickets
    ]
    return QaPage(
        items=items, total=total, more=more, page=page, pages=max(1, math.ceil(total / PAGE_SIZE)), words=words
    )


def _filters(
    table: type[Ticket] | type[QaSearch], category_id: int | None, departments: frozenset[int] | None, year: int | None
) -> list[ColumnElement[bool]]:
    """The list's filters on the tickets, or on the search index's copies of the same columns."""
    where: list[ColumnElement[bool]] = []
    if category_id is not None:
        where.append(table.category_id == category_id)
    if departments is not None:
        where.append(table.department_id.in_(sorted(departments)))
    if year is not None:  # the year of publication, in Vietnam
        where += [table.published_at >= _year_start(year), table.published_at < _year_start(year + 1)]
    return where


def _year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=VIETNAM)


async def qa_detail(session: AsyncSession, reference: str) -> QaDetail:
    ticket = await session.scalar(select(Ticket).where(Ticket.reference == reference, Ticket.published_at.is_not(None)))
    if ticket is None:
        raise NotFound(reference)
    categories, departments = await _names(session)
    by_peer = (
        await session.execute(
            select(Peer.name, Forward.public_url)
            .join(Forward, Forward.peer_id == Peer.id)
            .where(Forward.ticket_id == ticket.id, Forward.status == ForwardStatus.ANSWERED)
        )
    ).first()
    return QaDetail(
        reference=ticket.reference,
        title=ticket.public_title or ticket.title,
        question=ticket.public_body or ticket.body,
        answer=ticket.answer_text or "",
        asker=ticket.citizen_name if ticket.show_name else None,
        category=categories.get(ticket.category_id, ""),
        department=by_peer.name if by_peer else departments.get(ticket.department_id or 0, ""),
        asked_at=ticket.created_at,
        answered_at=ticket.answered_at or ticket.created_at,
        on_time=_on_time(ticket),
        files=await answer_files(session, ticket.id),
        answered_at_url=by_peer.public_url if by_peer else None,
    )


async def answer_files(session: AsyncSession, ticket_id: int) -> list[Attachment]:
    query = select(Attachment).where(Attachment.ticket_id == ticket_id, Attachment.kind == AttachmentKind.ANSWER)
    return list(await session.scalars(query.order_by(Attachment.id)))


async def public_file(session: AsyncSession, reference: str, attachment_id: int) -> Attachment:
    """A file of a published answer; :class:`NotFound` for anything else."""
    attachment = await session.scalar(
        select(Attachment)
        .join(Ticket, Ticket.id == Attachment.ticket_id)
        .where(
            Attachment.id == attachment_id,
            Attachment.kind == AttachmentKind.ANSWER,
            Ticket.reference == reference,
            Ticket.published_at.is_not(None),
        )
    )
    if attachment is None:
        raise NotFound(reference)
    return attachment


async def suggestions(session: AsyncSession, title: str) -> list[tuple[str, str]]:
    """Up to five published Q&A like the title being typed, best first: (reference, public title).

    Any of the words may match here (the title is still being typed); ranking puts those that
    share the most words first.
    """
    words = [w for w in query_words(title) if len(w) > 1]
    if len(words) < 2:
        return []
    ids = (await search(session, words, limit=SUGGESTIONS, match_any=True)).ids
    rows = await session.execute(
        select(Ticket.id, Ticket.reference, func.coalesce(Ticket.public_title, Ticket.title)).where(Ticket.id.in_(ids))
    )
    found = {id_: (reference, title_) for id_, reference, title_ in rows}
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class QaRecord:
    """A published Q&A as open data and in the Atom feed."""

    reference: str
    title: str
    question: str
    answer: str
    category: str
    department: str
    asked_at: datetime
    published_at: datetime
    answered_at: datetime
    on_time: bool


async def recent_qa(session: AsyncSession, *, limit: int, before: datetime | None = None) -> list[QaRecord]:
    """The most recently published Q&A, newest first (``before`` pages back through them)."""
    query = select(Ticket).where(Ticket.published_at.is_not(None))
    if before is not None:
        query = query.where(Ticket.published_at < before)
    tickets = await session.scalars(query.order_by(Ticket.published_at.desc(), Ticket.id.desc()).limit(limit))
    english = current_language() == "en"
    categories = {c.id: c.code for c in await session.scalars(select(Category))}
    departments = {d.id: (d.name_en if english else d.name) for d in await session.scalars(select(Department))}
    return [
        QaRecord(
            reference=t.reference,
            title=t.public_title or t.title,
            question=t.public_body or t.body,
            answer=t.answer_text or "",
            category=categories.get(t.category_id, ""),
            department=departments.get(t.department_id or 0, ""),
            asked_at=t.created_at,
            published_at=t.published_at or t.created_at,
            answered_at=t.answered_at or t.created_at,
            on_time=_on_time(t),
        )
        for t in tickets
    ]
