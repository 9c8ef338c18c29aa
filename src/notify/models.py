"""The outbox: notifications written in the same transaction as the change that causes them."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime, utcnow


class Notification(SQLModel, table=True):
    """One message to deliver. ``idempotency_key`` makes a second write of the same cause a no-op.

    ``recipient`` says who in words the ticket side chose (e.g. ``head:SXD``); delivery resolves
    it to addresses (a later step). ``topic`` groups a ticket's messages (its reference).
    """

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=64)
    recipient: str = Field(max_length=200)
    topic: str = Field(max_length=64, index=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    status: str = Field(default="pending", max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


async def add_notifications(session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> None:
    """Queue notifications in the caller's transaction; a row whose ``idempotency_key`` exists is skipped.

    Each row holds the columns of :class:`Notification` (``status`` and ``id`` excepted).
    """
    if not rows:
        return
    connection = await session.connection()
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Notification).on_conflict_do_nothing(index_elements=["idempotency_key"])
    await connection.execute(statement, [{"status": "pending", **row} for row in rows])


async def add_notification(
    session: AsyncSession, *, key: str, kind: str, recipient: str, topic: str, data: dict[str, Any], now: datetime
) -> None:
    """Queue one notification in the caller's transaction (never twice for the same ``key``)."""
    await add_notifications(
        session,
        [
            {
                "idempotency_key": key,
                "kind": kind,
                "recipient": recipient,
                "topic": topic,
                "data": data,
                "created_at": now,
            }
        ],
    )
