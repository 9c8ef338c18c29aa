"""What was read from the mailbox: one row per message, written with what it became."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime, text_enum


class Outcome(StrEnum):
    CLAIMED = "claimed"
    """A reader is working on it until ``lease_until``; one that died leaves it to be claimed again."""
    QUESTION = "question"
    REPLY = "reply"
    """The citizen's reply to a request for information: the clock runs again."""
    NOTE = "note"
    """The citizen wrote about a question that was not waiting for them: staff see it."""
    BOUNCE = "bounce"
    AUTO_REPLY = "auto_reply"
    RATE_LIMITED = "rate_limited"
    """Its sender had sent too many questions that minute: left in the mailbox, unread, for a person."""
    DUPLICATE = "duplicate"
    """The same message (Message-ID) was already taken, under another UID (the mailbox was rebuilt)."""
    REFUSED = "refused"
    """Nothing usable (no valid sender, no text): left in the mailbox, unread, for a person; ``detail`` says why."""


class MailboxMessage(SQLModel, table=True):
    """A message of the mailbox, by its IMAP identity (folder, UIDVALIDITY, UID), taken exactly once.

    A reader claims the row (insert, or take over an expired lease) before fetching the message,
    and records the outcome in the transaction that writes the ticket; only after that commit is
    the message flagged on the server. A message found flagged nowhere but recorded here was
    taken by a reader that died before flagging it: it is flagged, and nothing else happens.
    """

    __tablename__ = "mailbox_message"
    __table_args__ = (
        sa.UniqueConstraint("folder", "uidvalidity", "uid"),
        sa.Index("ix_mailbox_message_sender_key_taken_at", "sender_key", "taken_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    folder: str = Field(max_length=200)
    uidvalidity: int = Field(sa_type=sa.BigInteger)
    uid: int = Field(sa_type=sa.BigInteger)
    outcome: Outcome = Field(default=Outcome.CLAIMED, sa_type=text_enum(Outcome, length=16))
    attempt: int = Field(default=1)
    """Claims so far: an outcome is recorded only by the claim that holds it (same attempt)."""
    lease_until: datetime = Field(sa_type=UTCDateTime)
    message_id: str | None = Field(default=None, max_length=255, unique=True)
    """Unique: the same message seen again (another copy, or the mailbox rebuilt under a new
    UIDVALIDITY) cannot be recorded twice; the copy is recorded as a duplicate, without it."""
    sender_key: str | None = Field(default=None, max_length=64)
    """SHA-256 of the sender's address, lower case (the rate limit counts by it; the address is not kept here)."""
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    detail: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    taken_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
