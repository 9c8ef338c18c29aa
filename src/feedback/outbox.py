"""From notifications to deliveries: who receives each message, on which channel, in which words.

A notification names its recipient in words the ticket side chose when the change happened
(``citizen:12``, ``user:3``, ``department:5``, ``head:5``, ``role:leader``). Expansion, a
worker's job after the commit, resolves that to addresses (the citizen's email and phone; staff
email, and their phone for escalations), renders the message in each reader's language
(:mod:`feedback.messages`) and writes one :class:`~notify.models.Delivery` per channel and
address. A notification is expanded once: its row is claimed (``SKIP LOCKED`` on PostgreSQL)
and the deliveries' unique key makes a repeat harmless.
"""

import math
import re
from collections.abc import Callable, Collection
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog
from jinja2 import TemplateError
from sqlalchemy import ColumnElement, and_, func, or_, select, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.clocks import ClockKind
from feedback.i18n import N_
from feedback.intake import short_path
from feedback.messages import has_template, render
from feedback.models import Channel as TicketChannel
from feedback.models import Role, Ticket, User
from feedback.tickets import REJECT_REASONS
from notify.models import Channel, Delivery, DeliveryStatus, Notification
from notify.sms import InvalidNumber, e164, without_diacritics
from routing.models import Department
from routing.text import fold

log = structlog.get_logger()

BATCH = 200
EXPANDED = "expanded"
UNSENDABLE = "unsendable"
"""No template for its kind, nobody to send it to, or data its template cannot say (logged as
``notification_unsendable``): kept for the record, never delivered."""

CLOCK_LABELS = {ClockKind.TRANSFER: N_("transfer"), ClockKind.ACCEPT: N_("acceptance"), ClockKind.ANSWER: N_("answer")}
_SMS_KINDS = frozenset({"sla_escalation"})
"""Staff get email; SMS too for these, when they have a number."""
_SMS_ONLY_WITHOUT_EMAIL = frozenset({"citizen_deadline_moved"})
"""Citizens get email and SMS; of these, SMS only when they gave no email. A change of the working
calendar tells every asker whose deadline moved at once, and each SMS costs the province."""


@dataclass(frozen=True)
class Address:
    channel: Channel
    address: str
    language: str
    name: str
    """Whose address it is, for the outbox page (shown, and searched)."""


async def expand_pending(
    session: AsyncSession,
    *,
    now: datetime,
    base_url: str,
    limit: int = BATCH,
    topics: Collection[str] | None = None,
    reply_to: Callable[[str], str] | None = None,
) -> int:
    """Write the deliveries of up to ``limit`` pending notifications (about ``topics`` only, if given); how many were expanded.

    ``reply_to`` gives the address a citizen's answer to an email about a ticket goes to (by its
    reference): the office's mailbox, which adds it to the question (:mod:`feedback.mailbox`).
    """
    query = select(Notification).where(Notification.status == "pending").order_by(Notification.id).limit(limit)
    if topics is not None:
        query = query.where(Notification.topic.in_(topics))
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    notifications = (await session.scalars(query)).all()
    topics = {notification.topic for notification in notifications}
    tickets = {t.reference: t for t in await session.scalars(select(Ticket).where(Ticket.reference.in_(topics)))}
    staff: dict[tuple[str, str], list[Address]] = {}  # the same office gets many messages in a batch
    rows: list[dict[str, Any]] = []
    for notification in notifications:
        # The ticket the notification is about (None for the digest, about no ticket in particular).
        ticket = tickets.get(notification.topic)
        addresses = await _addresses(session, notification, ticket, staff) if has_template(notification.kind) else []
        try:
            rendered = {
                language: render(
                    notification.kind, language, **await _context(session, notification, ticket, base_url, language)
                )
                for language in {a.language for a in addresses}
            }
        except (TemplateError, LookupError, TypeError, ValueError) as error:  # one bad row must not hold up the rest
            log.error("notification_unsendable", id=notification.id, kind=notification.kind, error=repr(error))
            addresses = []
        for address in addresses:
            message = rendered[address.language]
            email = address.channel is Channel.EMAIL
            to_citizen = (
                email and reply_to is not None and ticket is not None and notification.recipient.startswith("citizen:")
            )
            rows.append(
                {
                    "notification_id": notification.id,
                    "channel": address.channel,
                    "address": address.address,
                    "subject": message.subject,
                    "text": message.text if email else _sms_text(notification, ticket, message.sms),
                    "html": message.html if email else None,
                    "thread": notification.topic,
                    "reply_to": reply_to(notification.topic) if to_citizen else None,
                    "recipient_name": address.name,
                    "search_key": search_key(notification.topic, address.name, address.address),
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
        notification.status = EXPANDED if addresses else UNSENDABLE
        # Only the message keeps the token and the short code.
        notification.data = {k: v for k, v in notification.data.items() if k not in ("token", "short")}
    if rows:
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        await session.execute(dialect.insert(Delivery).on_conflict_do_nothing(), rows)
    return len(notifications)


def _sms_text(notification: Notification, ticket: Ticket | None, text: str) -> str:
    """The SMS as rendered, but for the receipt of a question sent by SMS: in plain letters (GSM 7-bit),
    whose 160 characters a segment hold the reference and the short link, which 70 (UCS-2) do not.

    A reference and a link lose nothing without diacritics; an answer would, so only the receipt.
    """
    if notification.kind == "citizen_received" and ticket is not None and ticket.channel == TicketChannel.SMS:
        return without_diacritics(text)
    return text


async def record_as_sent(session: AsyncSession, topics: Collection[str], *, now: datetime, base_url: str) -> None:
    """Expand the pending notifications about ``topics`` and record each delivery as sent when it was written, sending none.

    For history written after the fact (the demo's past questions): what went out then shows as
    sent, on the ticket and on the outbox page, and nothing reaches anyone now.
    """
    while await expand_pending(session, now=now, base_url=base_url, topics=topics):
        pass
    written_at = select(Notification.created_at).where(Notification.id == Delivery.notification_id).scalar_subquery()
    await session.execute(
        update(Delivery)
        .where(
            Delivery.notification_id.in_(select(Notification.id).where(Notification.topic.in_(topics))),
            Delivery.status == DeliveryStatus.PENDING,
        )
        .values(
            status=DeliveryStatus.SENT,
            text="",  # as for any message once sent
            html=None,
            created_at=written_at,
            next_attempt_at=written_at,
            sent_at=written_at,
        )
        .execution_options(synchronize_session=False)
    )


async def _addresses(
    session: AsyncSession,
    notification: Notification,
    ticket: Ticket | None,
    staff: dict[tuple[str, str], list[Address]],
) -> list[Address]:
    kind, _, ident = notification.recipient.partition(":")
    if kind == "citizen":  # always about the citizen's own ticket
        if ticket is None:
            return []
        name = ticket.citizen_name
        found = [Address(Channel.EMAIL, ticket.citizen_email, ticket.language, name)] if ticket.citizen_email else []
        if ticket.citizen_phone and not (found and notification.kind in _SMS_ONLY_WITHOUT_EMAIL):
            found.append(Address(Channel.SMS, ticket.citizen_phone, ticket.language, name))
        return found
    by_sms = notification.kind in _SMS_KINDS
    key = (notification.recipient, "sms" if by_sms else "email")
    if key not in staff:
        staff[key] = await _staff_addresses(session, kind, ident, by_sms=by_sms)
    return staff[key]


async def _staff_addresses(session: AsyncSession, kind: str, ident: str, *, by_sms: bool) -> list[Address]:
    """The active staff a recipient names: their email, and their phone when ``by_sms``."""
    users = select(User).where(User.active)
    if kind == "user":
        users = users.where(User.id == int(ident))
    elif kind == "department":
        users = users.where(
            User.department_id == int(ident), User.role.in_((Role.OFFICER, Role.HEAD, Role.COORDINATOR))
        )
    elif kind == "head":
        users = users.where(User.department_id == int(ident), User.role == Role.HEAD)
    elif kind == "role":
        users = users.where(User.role == Role(ident))
    else:
        return []
    found = []
    for user in await session.scalars(users.order_by(User.id)):
        if user.email:
            found.append(Address(Channel.EMAIL, user.email, "vi", user.full_name))
        if user.phone and by_sms:
            found.append(Address(Channel.SMS, user.phone, "vi", user.full_name))
    return found


async def _context(
    session: AsyncSession, notification: Notification, ticket: Ticket | None, base_url: str, language: str
) -> dict[str, Any]:
    """What the templates may say, to a reader of ``language``: the ticket as they see it, and the notification's data."""
    data = notification.data
    if ticket is None:
        return dict(data)
    department = await session.get(Department, ticket.department_id) if ticket.department_id else None
    english = language == "en"  # staff read Vietnamese even about a question asked in English
    clock = ClockKind(data["clock"]) if "clock" in data else None
    context: dict[str, Any] = {
        **data,
        "reference": ticket.reference,
        "title": ticket.public_title or ticket.title,
        "name": ticket.citizen_name,
        # A question forwarded to a peer portal is answered by that portal, which the data names.
        "department": data.get("peer") or ((department.name_en if english else department.name) if department else ""),
        "due_at": ticket.answer_due_at or ticket.transfer_due_at,
        "answer": ticket.answer_text or "",
        "reason": REJECT_REASONS.get(data.get("reason", ""), ""),
        "clock_label": CLOCK_LABELS.get(clock, "") if clock else "",
        "clock_due_at": getattr(ticket, f"{clock}_due_at") if clock else None,
    }
    if notification.recipient.startswith("citizen:"):
        if "token" in data:
            context["link"] = f"{base_url}/cau-hoi/{ticket.reference}?token={data['token']}"
            context["short_link"] = base_url + short_path(data["short"]) if "short" in data else context["link"]
        elif ticket.published_at is not None:
            context["link"] = f"{base_url}/hoi-dap/{ticket.reference}"
    else:
        context["link"] = f"{base_url}/can-bo/cau-hoi/{ticket.reference}"
    return context


# --- The outbox as admins see it -------------------------------------------------------------------

PAGE_SIZE = 50
OUTBOX_FILTERS: dict[str, ColumnElement[bool]] = {
    "failed": Delivery.status == DeliveryStatus.FAILED,
    "waiting": Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING)),
    "sent": Delivery.status == DeliveryStatus.SENT,
    "all": true(),
}


CHANNEL_LABELS = {Channel.EMAIL: N_("Email"), Channel.SMS: N_("SMS")}
OUTBOX_LABELS = {
    "failed": N_("Not sent"),
    "waiting": N_("Waiting"),
    "sent": N_("Sent"),
    "all": N_("All"),
}


@dataclass(frozen=True)
class OutboxRow:
    delivery: Delivery
    kind: str


@dataclass(frozen=True)
class OutboxPage:
    rows: list[OutboxRow]
    counts: dict[str, int]
    status: str
    page: int
    pages: int
    query: str


def search_key(thread: str | None, name: str | None, address: str) -> str:
    """What the outbox page finds a delivery by: its ticket's reference, the recipient's name and address, folded.

    Migration 0013 wrote the same for the deliveries written before it.
    """
    return fold(f"{thread or ''} {name or ''} {address}")


MAX_SEARCH_WORDS = 6
MAX_QUERY = 200
_SEARCH_WORD = re.compile(r"[\w@.+-]+")


def _matching(query: str) -> ColumnElement[bool]:
    """The deliveries whose key holds every word of ``query``, typed with or without diacritics.

    A phone number typed the way people write it ("0912 345 678") also finds the E.164 form
    the message was sent to.
    """
    words = _SEARCH_WORD.findall(fold(query))[:MAX_SEARCH_WORDS]
    found = and_(true(), *(Delivery.search_key.contains(word, autoescape=True) for word in words))
    with suppress(InvalidNumber):
        found = or_(found, Delivery.search_key.contains(e164(query), autoescape=True))
    return found


async def outbox(session: AsyncSession, *, status: str = "failed", page: int = 1, query: str = "") -> OutboxPage:
    """Deliveries, newest first, in one of :data:`OUTBOX_FILTERS` and matching ``query``, with the count of each."""
    status = status if status in OUTBOX_FILTERS else "failed"
    query = query.strip()[:MAX_QUERY]
    matching = _matching(query) if query else true()
    counts = dict(
        zip(
            OUTBOX_FILTERS,
            (
                await session.execute(
                    select(*(func.count().filter(c) for c in OUTBOX_FILTERS.values())).where(matching)
                )
            ).one(),
            strict=True,
        )
    )
    pages = max(1, math.ceil(counts[status] / PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = await session.execute(
        select(Delivery, Notification.kind)
        .join(Notification, Notification.id == Delivery.notification_id)
        .where(OUTBOX_FILTERS[status], matching)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    return OutboxPage([OutboxRow(d, kind) for d, kind in rows], counts, status, page, pages, query)


async def ticket_messages(session: AsyncSession, reference: str) -> list[OutboxRow]:
    """The messages sent, or not, about one ticket (its timeline shows them to staff)."""
    rows = await session.execute(
        select(Delivery, Notification.kind)
        .join(Notification, Notification.id == Delivery.notification_id)
        .where(Delivery.thread == reference)
        .order_by(Delivery.created_at, Delivery.id)
    )
    return [OutboxRow(d, kind) for d, kind in rows]
