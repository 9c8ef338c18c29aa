"""The outbox: notifications written in the same transaction as the change that causes them."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
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


async def add_notification(
    session: AsyncSession, *, key: str, kind: str, recipient: str, topic: str, data: dict[str, Any], now: datetime
) -> None:
    """Queue a notification in the caller's transaction (never twice for the same ``key``)."""
    exists = await session.scalar(sa.select(Notification.id).where(Notification.idempotency_key == key))
    if exists is None:
        session.add(
            Notification(idempotency_key=key, kind=kind, recipient=recipient, topic=topic, data=data, created_at=now)
        )
