"""The audit trail's table (append-only: nothing updates or deletes an entry)."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime


class AuditEntry(SQLModel, table=True):
    """One administrative change: ``action`` such as ``"two_factor:reset"`` on ``target`` such as ``"user:12"``."""

    __tablename__ = "audit_entry"
    __table_args__ = (sa.Index("ix_audit_entry_at_id", "at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    """Who did it; none for the command line."""
    action: str = Field(max_length=64)
    target: str = Field(max_length=120)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
