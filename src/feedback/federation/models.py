"""The register of peer portals."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime, utcnow


class Peer(SQLModel, table=True):
    """A portal questions may be forwarded to: its Open311 root, our key there, the callbacks' secret.

    The key and the secret are kept as given, since we must send them; they never leave the
    command line that set them (lists show their first characters only). A removed peer keeps its
    row (``removed_at``), so that the questions forwarded to it still name it.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    base_url: str = Field(max_length=500)
    """The Open311 root, e.g. ``https://hoidap.mof.gov.vn/open311/v2`` (no trailing slash)."""
    api_key: str = Field(max_length=200)
    secret: str = Field(max_length=200)
    """Shared with the peer: signs the callbacks each side sends the other (HMAC-SHA256)."""
    client_id: int | None = Field(default=None, foreign_key="client_app.id")
    """The Open311 app whose key the peer uses with us: what it files is a forwarded question, and
    its callbacks are recognised by that key."""
    send_contact: bool = Field(default=False)
    """Whether a forwarded question carries the citizen's contact (for a peer that must reach them)."""
    services: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    """The peer's services as its ``services.json`` last listed them: ``{code, name, group}``."""
    services_fetched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the list was last read successfully."""
    services_tried_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When it was last tried, whether or not that worked."""
    services_error: str | None = Field(default=None, max_length=300)
    """Why the last reading of its services failed, if it did (the cached list is kept)."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
