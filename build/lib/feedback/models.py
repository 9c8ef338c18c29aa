"""Tables of the ticket side: staff users, tickets, their attachments and their append-only events."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from feedback.audit.models import AuditEntry  # noqa: F401  (the audit trail shares the metadata)
from feedback.federation.models import Peer  # noqa: F401  (the register of peers shares the metadata)
from feedback.lifecycle import TicketStatus
from feedback.mailbox.models import MailboxMessage  # noqa: F401  (what the mailbox reader took shares the metadata)
from feedback.open311.models import ClientApp  # noqa: F401  (tickets name the app that filed them)
from feedback.texting.models import SmsReceived  # noqa: F401  (the texts taken share the metadata)
from feedback.twofactor.models import RecoveryCode, TwoFactor  # noqa: F401  (the second factor shares the metadata)
from notify.db import UTCDateTime, text_enum, utcnow
from notify.models import Notification  # noqa: F401  (the outbox shares the metadata)
from routing.models import Area, Category, Department  # noqa: F401  (foreign keys resolve against them)


class Role(StrEnum):
    OFFICER = "officer"
    HEAD = "head"
    COORDINATOR = "coordinator"
    LEADER = "leader"
    ADMIN = "admin"


class Priority(StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(StrEnum):
    WEB = "web"
    API = "api"
    OPEN311 = "open311"
    SMS = "sms"
    EMAIL = "email"
    PHONE = "phone"
    """Taken by phone and entered by staff (as are the counter, letter, fax and other channels)."""
    COUNTER = "counter"
    """Brought to the reception counter (bộ phận tiếp nhận) in person."""
    LETTER = "letter"
    FAX = "fax"
    OTHER = "other"
    PEER = "peer"
    """Forwarded by a peer portal (:mod:`feedback.federation`)."""


class User(SQLModel, table=True):
    """A member of staff; citizens have no accounts."""

    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    full_name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    role: Role = Field(sa_type=text_enum(Role))
    department_id: int | None = Field(default=None, foreign_key="department.id")
    password_hash: str = Field(max_length=256)
    active: bool = Field(default=True)
    two_factor_required: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    """An admin requires a second factor of this account although its role does not (see :mod:`feedback.twofactor`)."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Ticket(SQLModel, table=True):
    """A citizen's question; ``reference`` is public, the access token only ever leaves as its hash."""

    __table_args__ = (
        sa.UniqueConstraint("year", "number"),
        # The dashboard counts arrivals and answers of a period by department, topic and channel: on
        # PostgreSQL these indexes carry what it reads, so a period's figures never touch the rows.
        sa.Index("ix_ticket_created_at", "created_at", postgresql_include=["department_id", "category_id", "channel"]),
        # Open311's "requests of one service, newest first" (GET requests?service_code=…): with the id,
        # in the order asked for, the ids come from the index alone.
        sa.Index("ix_ticket_category_created_at", "category_id", "created_at", "id"),
        sa.Index(
            "ix_ticket_answered_at",
            "answered_at",
            postgresql_include=["department_id", "category_id", "answer_due_at", "answer_minutes"],
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=16, unique=True)
    year: int
    number: int
    token_hash: str = Field(max_length=64)
    short_token_hash: str | None = Field(default=None, max_length=64, unique=True)
    """The hash of the receipt's short code (``/t/…``): a second key to the same status page, short
    enough to read out on the phone and to fit in one SMS."""
    category_id: int = Field(foreign_key="category.id")  # indexed with created_at, see __table_args__
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    assignee_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    status: TicketStatus = Field(sa_type=text_enum(TicketStatus), index=True)
    priority: Priority = Field(default=Priority.NORMAL, sa_type=text_enum(Priority))
    channel: Channel = Field(sa_type=text_enum(Channel))
    language: str = Field(default="vi", max_length=8)
    title: str = Field(max_length=200)
    body: str = Field(sa_type=sa.Text)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    address: str | None = Field(default=None, max_length=300)
    citizen_name: str = Field(max_length=120)
    citizen_email: str | None = Field(default=None, max_length=254)
    citizen_phone: str | None = Field(default=None, max_length=20)
    latitude: float | None = Field(default=None)
    longitude: float | None = Field(default=None)
    attributes: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    """Answers to the category's extra questions (:class:`routing.models.CategoryAttribute`), by code;
    a multi-valued list's answer is a list of keys."""
    entered_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    """The member of staff who entered a question received by phone, at the counter, by letter…"""
    client_id: int | None = Field(default=None, foreign_key="client_app.id")
    """The Open311 app that filed the question, if one did; it may read it back in full with its key."""
    client_data: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    """What the app sent about itself and the citizen: ``device_id``, ``account_id``, ``media_url``."""
    publish_consent: bool = Field(default=False)
    show_name: bool = Field(default=False)
    search_text: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # SLA columns (see feedback.clocks): the legal transfer window runs from receipt until a
    # department accepts; the acceptance window from its arrival in the current department
    # (``assigned_at``); the answer clock from routing (``routed_at``), paused while waiting for
    # the citizen and extended at most once. ``next_check_at`` is the earliest instant the
    # escalation scan must look at the ticket again.
    transfer_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    assigned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    accept_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    routed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answer_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    extended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    posted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the answer went to the citizen by post (one with neither email nor mobile)."""
    waited_minutes: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """Working minutes the answer clock has spent paused for the citizen since routing."""
    answer_minutes: int | None = Field(default=None)
    """Working minutes from routing to the answer, less the time waiting for the citizen (the dashboard's answer time)."""
    next_check_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    # The answer: drafted by an officer, approved by a head (who may return it with a comment).
    answer_draft: str | None = Field(default=None, sa_type=sa.Text)
    answer_text: str | None = Field(default=None, sa_type=sa.Text)
    answer_author_id: int | None = Field(default=None, foreign_key="staff_user.id")
    answer_approver_id: int | None = Field(default=None, foreign_key="staff_user.id")
    # On the public Q&A pages once answered, if the citizen consented; coordinators may edit the
    # public wording (``public_title``/``public_body``; None shows the original) to remove personal data.
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    public_title: str | None = Field(default=None, max_length=200)
    public_body: str | None = Field(default=None, sa_type=sa.Text)
    # After the answer: the citizen's rating (1–5) and comment.
    rating: int | None = Field(default=None)
    rating_comment: str | None = Field(default=None, max_length=2000)
    rated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The highest escalation level fired on each clock, claimed by a conditional update (each fires once).
    transfer_level: int | None = Field(default=None)
    accept_level: int | None = Field(default=None)
    answer_level: int | None = Field(default=None)


class AttachmentKind(StrEnum):
    QUESTION = "question"
    """Sent with the question: staff only."""
    REPLY = "reply"
    """Sent with the citizen's additional information: staff only."""
    ANSWER = "answer"
    """Attached to the answer: the citizen sees it, and the public too once the Q&A is published."""


class Attachment(SQLModel, table=True):
    """A file on a ticket; ``path`` is relative to the upload directory and never shown."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    kind: AttachmentKind = Field(
        default=AttachmentKind.QUESTION,
        sa_type=text_enum(AttachmentKind),
        sa_column_kwargs={"server_default": "question"},
    )
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    path: str = Field(max_length=255, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TicketEvent(SQLModel, table=True):
    """One thing that happened to a ticket; never updated, never deleted.

    ``public`` events appear on the citizen's status page; the rest are for staff only.
    """

    __tablename__ = "ticket_event"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="staff_user.id")
    kind: str = Field(max_length=64)
    public: bool = Field(default=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    """Indexed for Open311's ``servicerequestupdates``, which lists the changes of a period."""


class QaSearch(SQLModel, table=True):
    """The folded text of each published Q&A, which the full-text index covers.

    Written by :mod:`feedback.publication` only. On SQLite an FTS5 table (``qa_fts``) follows it
    by triggers; on PostgreSQL a stored ``document_tsv`` column (``to_tsvector('simple', document)``)
    with a GIN index over it and ``published_at`` serves it (created by migrations 0006, 0009 and
    0010, see
    :data:`feedback.migrations.DIALECT_OBJECTS`).
    """

    __tablename__ = "qa_search"

    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    document: str = Field(sa_type=sa.Text)
    # Copies of the ticket's, so that filtering and the newest-first candidate scan need no join.
    published_at: datetime = Field(sa_type=UTCDateTime, index=True)
    category_id: int = Field(foreign_key="category.id")
    department_id: int | None = Field(default=None, foreign_key="department.id")


class Subtask(SQLModel, table=True):
    """Coordination (phối hợp): the lead department asks another for input, with its own deadline.

    The reply lands in the lead ticket's timeline; the lead department still writes the one answer.
    """

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    department_id: int = Field(foreign_key="department.id", index=True)
    request: str = Field(sa_type=sa.Text)
    requested_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    due_at: datetime = Field(sa_type=UTCDateTime)
    reply: str | None = Field(default=None, sa_type=sa.Text)
    replied_by_id: int | None = Field(default=None, foreign_key="staff_user.id")
    replied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SavedReply(SQLModel, table=True):
    """A department's canned answer, to start a draft from."""

    __tablename__ = "saved_reply"

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = Field(foreign_key="department.id", index=True)
    title: str = Field(max_length=200)
    body: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
