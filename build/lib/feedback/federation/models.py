"""The register of peer portals, and the questions that travel between us and them."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from notify.db import UTCDateTime, text_enum, utcnow
from notify.models import DeliveryStatus


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


class ForwardStatus(StrEnum):
    WAITING = "waiting"
    """Decided; the request waits to be taken by the peer (retried while the peer is down)."""
    AT_PEER = "at_peer"
    """The peer has it (``their_id``); its updates follow."""
    ANSWERED = "answered"
    RETURNED = "returned"
    """The peer sent it back: not theirs either."""
    CANCELLED = "cancelled"
    """Staff took it back before the peer had it."""
    FAILED = "failed"
    """The peer refused the request for good (``error`` says why); staff may cancel it."""


class Forward(SQLModel, table=True):
    """One hop of a question from this portal to a peer, and what the peer has said of it since.

    A ticket has at most one forward that is waiting or at a peer; earlier ones (returned,
    cancelled) stay as its history.
    """

    __tablename__ = "peer_forward"
    __table_args__ = (sa.UniqueConstraint("peer_id", "their_id"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    peer_id: int = Field(foreign_key="peer.id", index=True)
    service_code: str = Field(max_length=200)
    service_name: str = Field(max_length=200)
    reason: str = Field(sa_type=sa.Text)
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    status: ForwardStatus = Field(default=ForwardStatus.WAITING, sa_type=text_enum(ForwardStatus, length=16))
    error: str | None = Field(default=None, max_length=500)
    """Why the last attempt to hand it over failed, shown to staff while it waits."""
    their_id: str | None = Field(default=None, max_length=64)
    """The peer's ``service_request_id`` (a Cầu Nối peer's reference)."""
    their_status: str | None = Field(default=None, max_length=16)
    """``open`` or ``closed``, as the peer last said."""
    their_notes: str | None = Field(default=None, sa_type=sa.Text)
    """The peer's last public words on it (its status notes)."""
    expected_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """The peer's ``expected_datetime``: the date the citizen is shown."""
    public_url: str | None = Field(default=None, max_length=500)
    info_request: str | None = Field(default=None, sa_type=sa.Text)
    """What the peer asks the citizen, while it waits for their reply."""
    poll_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    """When to ask a plain Open311 peer how it stands (None: it calls back, or nothing is left to ask)."""
    polls_failed: int = Field(default=0)
    created_at: datetime = Field(sa_type=UTCDateTime)
    taken_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the peer took it: the transfer clock was met then."""
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Received(SQLModel, table=True):
    """A question a peer forwarded to us: where its updates go back, and the key it was sent with."""

    __tablename__ = "peer_received"
    __table_args__ = (sa.UniqueConstraint("peer_id", "idempotency_key"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", unique=True)
    peer_id: int = Field(foreign_key="peer.id", index=True)
    their_reference: str = Field(max_length=64)
    idempotency_key: str = Field(max_length=100)
    returned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When we sent it back; nothing more goes to the origin after that."""


class MessageKind(StrEnum):
    FORWARD = "forward"
    """The question, to the peer's ``POST requests``."""
    UPDATE = "update"
    """A signed callback: a public change, to the origin; or the citizen's reply, to the peer."""


class PeerMessage(SQLModel, table=True):
    """The federation's outbox: one request to a peer, written with the change that causes it and
    sent by a worker with the delivery pipeline's lease and backoff (:mod:`feedback.federation.sender`)."""

    __tablename__ = "peer_message"
    __table_args__ = (sa.Index("ix_peer_message_status_next_attempt_at", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    """Travels with the request: the peer recognises a repeat (the forward's idempotency key, the update's id)."""
    kind: MessageKind = Field(sa_type=text_enum(MessageKind, length=16))
    peer_id: int = Field(foreign_key="peer.id", index=True)
    forward_id: int | None = Field(default=None, foreign_key="peer_forward.id", index=True)
    body: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    status: DeliveryStatus = Field(default=DeliveryStatus.PENDING, sa_type=text_enum(DeliveryStatus, length=16))
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = Field(default=None, max_length=500)


class SeenUpdate(SQLModel, table=True):
    """A callback's update id, once applied: the same id again is a replay and is refused."""

    __tablename__ = "peer_update_seen"

    peer_id: int = Field(foreign_key="peer.id", primary_key=True)
    update_id: str = Field(max_length=64, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
