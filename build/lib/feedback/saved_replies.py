"""Saved replies: a department's canned answers, to start a draft from."""

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.answering import MAX_ANSWER
from feedback.changes import checked_text, refuse_if
from feedback.errors import FieldError, NotFound
from feedback.models import SavedReply
from feedback.schemas import TITLE_MAX


async def saved_replies(session: AsyncSession, department_id: int) -> Sequence[SavedReply]:
    return (
        await session.scalars(
            select(SavedReply).where(SavedReply.department_id == department_id).order_by(SavedReply.title)
        )
    ).all()


async def add_saved_reply(session: AsyncSession, department_id: int, *, title: str, body: str) -> SavedReply:
    errors: list[FieldError] = []
    title = checked_text(title, "title", errors, limit=TITLE_MAX, missing="missing")
    body = checked_text(body, "body", errors, limit=MAX_ANSWER, missing="missing")
    refuse_if(errors)
    reply = SavedReply(department_id=department_id, title=title, body=body)
    session.add(reply)
    await session.flush()
    return reply


async def remove_saved_reply(session: AsyncSession, department_id: int, reply_id: int) -> None:
    removed = await session.execute(
        delete(SavedReply).where(SavedReply.id == reply_id, SavedReply.department_id == department_id)
    )
    if removed.rowcount != 1:
        raise NotFound(str(reply_id))
