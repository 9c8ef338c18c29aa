"""The client apps that may file questions over Open311, each with its own key."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime, utcnow


class ClientApp(SQLModel, table=True):
    """An app (or another portal) registered by an admin; its key is shown once and kept as a hash.

    A revoked app keeps its row, so that the questions it filed still name it to staff.
    """

    __tablename__ = "client_app"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    contact: str = Field(default="", max_length=254)
    key_hash: str = Field(max_length=64, unique=True)
    key_hint: str = Field(max_length=8)
    """The key's first characters, so that an admin can tell keys apart without the key."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
