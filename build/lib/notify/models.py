"""The outbox: notifications written in the same transaction as the change that causes them."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime, on_commit, text_enum, utcnow
from notify.queue import kick


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
    """``pending`` until its deliveries are written, then ``expanded``."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    """Waiting for its turn (``next_attempt_at``): new, or after a transient failure."""
    SENDING = "sending"
    """Claimed by a worker until ``lease_until``; a worker that died leaves it to be claimed again."""
    SENT = "sent"
    FAILED = "failed"
    """Refused for good, or still failing after a day of retries; ``error`` says why."""


class Delivery(SQLModel, table=True):
    """One message of a notification on one channel to one address, rendered and ready to send."""

    __table_args__ = (
        sa.UniqueConstraint("notification_id", "channel", "address"),
        sa.Index("ix_delivery_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True)
    channel: Channel = Field(sa_type=text_enum(Channel, length=8))
    address: str = Field(max_length=254)
    subject: str = Field(default="", max_length=300)
    text: str = Field(sa_type=sa.Text)
    html: str | None = Field(default=None, sa_type=sa.Text)
    thread: str | None = Field(default=None, max_length=64)
    """The conversation it belongs to (a ticket's reference): email threading headers."""
    reply_to: str | None = Field(default=None, max_length=254)
    """The address answers to this email go to, when it is not the configured Reply-To."""
    recipient_name: str | None = Field(default=None, max_length=120)
    """Whose address it is (the citizen, a staff member), as the sender named them."""
    search_key: str = Field(default="", sa_type=sa.Text, sa_column_kwargs={"server_default": ""})
    """The thread, the name and the address as the sender folded them for search (no marks, lower case)."""
    status: DeliveryStatus = Field(default=DeliveryStatus.PENDING, sa_type=text_enum(DeliveryStatus, length=16))
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    provider_id: str | None = Field(default=None, max_length=64, index=True)
    """The SMTP server's queue reply or Twilio's message SID."""
    provider_status: str | None = Field(default=None, max_length=16)
    """What the provider reported later (Twilio: delivered, undelivered, failed)."""
    segments: int | None = Field(default=None)
    error: str | None = Field(default=None, max_length=500)


class SmsOptOut(SQLModel, table=True):
    """A mobile number that texted STOP: no SMS goes to it until it texts START (carriers require it)."""

    __tablename__ = "sms_opt_out"

    phone: str = Field(max_length=20, primary_key=True)
    """In E.164 (+84…)."""
    at: datetime = Field(sa_type=UTCDateTime)


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
    on_commit(session, kick)


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
