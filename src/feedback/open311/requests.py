"""Service requests: filing one through the one intake, and reading them back in the spec's shape.

What a reader sees depends on who asks. The app that filed a request (it asks with the same
key) reads it in full: the question and the answer, even when the citizen did not allow
publication, since the app asked on the citizen's behalf and must give the answer back. Anyone
else reads what is public: the wording the citizen allowed to be published, the answer once it
is published, the commune rather than the address. No reader ever gets the citizen's name,
email, phone, account id or access token.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased

from feedback.errors import InvalidInput, NotFound
from feedback.i18n import current_language, gettext
from feedback.intake import Submitted, receive_question
from feedback.lifecycle import OPEN_STATUSES, EventKind, TicketStatus
from feedback.models import Channel, Ticket, TicketEvent
from feedback.tickets import event_words
from routing.models import Area, Category, Department
from routing.text import nfc

MAX_RESULTS = 1000
DEFAULT_SPAN = timedelta(days=90)
TITLE_LENGTH = 80

SPEC_FIELDS: dict[str, str | None] = {
    "category": "service_code",
    "question": "description",
    "title": None,  # made from the description, so whatever is wrong with it is wrong with the description
    "name": "first_name",
    "area": "address_id",
    "address": "address_string",
    "latitude": "lat",
    "longitude": "long",
    "contact": "email",
}
"""Our intake's field names → the spec's parameters, so that an error names what the client sent."""

# Updates a follower is told about: the changes of place, of deadline and of outcome.
UPDATE_KINDS = (
    EventKind.ROUTED,
    EventKind.TRANSFERRED,
    EventKind.INFO_REQUESTED,
    EventKind.EXTENDED,
    EventKind.DEADLINE_RECOUNTED,
    EventKind.REJECTED,
    EventKind.ANSWERED,
    EventKind.LINKED_DUPLICATE,
)
CLOSING_KINDS = frozenset({EventKind.REJECTED, EventKind.ANSWERED, EventKind.LINKED_DUPLICATE})


_ICT = timezone(timedelta(hours=7))
_SUCCESSOR = aliased(Area)
"""Vietnam's offset, as :data:`routing.calendar.VIETNAM` has it for every date the portal holds (no
daylight saving since 1975): converting to a fixed offset is much cheaper than through the zone
database, which counts when a thousand requests carry three dates each."""


def w3c(moment: datetime | None) -> str | None:
    """``2026-12-04T09:30:00+07:00``: W3C, in Vietnam time, with its offset."""
    return moment.astimezone(_ICT).isoformat(timespec="seconds") if moment else None


class w3c_text(sa.sql.functions.FunctionElement[str]):  # noqa: N801  (named as SQL functions are)
    """:func:`w3c` done by the database: a list of a thousand requests then reads three strings a
    request instead of making, converting and formatting three datetimes in Python."""

    type = sa.String()
    inherit_cache = True


@compiles(w3c_text, "postgresql")
def _w3c_postgresql(element: w3c_text, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"""to_char({column} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"')"""


@compiles(w3c_text, "sqlite")
def _w3c_sqlite(element: w3c_text, compiler: Any, **kw: Any) -> str:
    # SQLite keeps the UTC time as text without a zone (see notify.db.UTCDateTime).
    column = compiler.process(element.clauses, **kw)
    return f"strftime('%Y-%m-%dT%H:%M:%S+07:00', {column}, '+7 hours')"


def title_of(description: str) -> str:
    """The first words of the description, at most :data:`TITLE_LENGTH` characters, cut between words."""
    words = nfc(description).split()
    title = ""
    for word in words:
        if len(title) + len(word) + 1 > TITLE_LENGTH:
            return f"{title}…" if title else word[: TITLE_LENGTH - 1] + "…"
        title = f"{title} {word}".strip()
    return title


async def file_request(
    session: AsyncSession,
    params: Mapping[str, str],
    attributes: Mapping[str, str | list[str]] | None,
    *,
    client_id: int,
    upload_dir: Path,
    now: datetime,
    channel: Channel = Channel.OPEN311,
    choices: Mapping[str, Any] | None = None,
) -> Submitted:
    """File a question from the spec's parameters (see :func:`spec_problems` for what it refuses).

    ``choices`` are what a peer portal forwarding the question adds to the spec's parameters:
    its title and the citizen's publication choices (:mod:`feedback.federation.receiving`).
    """
    name = " ".join(part for part in (params.get("first_name", ""), params.get("last_name", "")) if part.strip())
    description = params.get("description", "")
    fields = {
        "category": params.get("service_code", ""),
        "title": title_of(description),
        "question": description,
        "name": name,
        "email": params.get("email"),
        "phone": params.get("phone"),
        "area": params.get("address_id"),
        "address": params.get("address_string"),
        "latitude": params.get("lat") or None,
        "longitude": params.get("long") or None,
        "media_url": params.get("media_url"),
        "device_id": params.get("device_id"),
        "account_id": params.get("account_id"),
    }
    fields = {key: value for key, value in {**fields, **(choices or {})}.items() if value is not None}
    return await receive_question(
        session,
        fields,
        [],
        channel=channel,
        language=current_language(),
        upload_dir=upload_dir,
        now=now,
        attributes=attributes,
        client_id=client_id,
    )


def spec_problems(exc: InvalidInput) -> list[tuple[str, str]]:
    """Each failing field under the spec's name for it, once, with its message."""
    named: dict[str, str] = {}
    for error in exc.errors:
        if (field := SPEC_FIELDS.get(error.field, error.field)) is not None:
            named.setdefault(field, error.message)
    return list(named.items())


@dataclass(frozen=True)
class Query:
    """What ``GET requests`` asks for; ``references`` (``service_request_id``) overrides the rest."""

    references: Sequence[str] = ()
    service_codes: Sequence[str] = ()
    statuses: frozenset[str] = frozenset()
    start: datetime | None = None
    end: datetime | None = None


_CLOSED = [s.value for s in TicketStatus if s not in OPEN_STATUSES]


def _select() -> sa.Select:
    """What a view reads, in :func:`_view`'s order, the names in the language asked for.

    Only what is shown is read (whether it is published rather than when, the media URL rather
    than all the app said): a list carries up to a thousand requests, and each value read costs.
    Built once per language: a statement of twenty columns takes a while to put together.
    """
    return _selects(current_language() == "en")


@cache
def _selects(english: bool) -> sa.Select:
    return (
        sa.select(
            Ticket.id,
            Ticket.reference,
            Ticket.status,
            Ticket.body,
            Ticket.public_body,
            Ticket.publish_consent,
            Ticket.published_at.is_not(None).label("published"),
            Ticket.answer_text,
            w3c_text(Ticket.created_at),
            w3c_text(Ticket.updated_at),
            w3c_text(Ticket.answer_due_at),
            Ticket.address,
            Ticket.latitude,
            Ticket.longitude,
            Ticket.client_id,
            Ticket.client_data["media_url"].as_string().label("media_url"),
            Category.code,
            (Category.name_en if english else Category.name).label("service_name"),
            (Department.name_en if english else Department.name).label("agency"),
            # The commune's current name: the unit it was ended into, if it was.
            sa.func.coalesce(_SUCCESSOR.name, Area.name).label("area"),
        )
        .join(Category, Category.id == Ticket.category_id)
        .outerjoin(Department, Department.id == Ticket.department_id)
        .outerjoin(Area, Area.id == Ticket.area_id)
        .outerjoin(_SUCCESSOR, _SUCCESSOR.id == Area.successor_id)
    )


async def find_requests(session: AsyncSession, query: Query, *, reader: int | None, now: datetime) -> list[dict]:
    """The requests ``query`` names, newest first, at most :data:`MAX_RESULTS`, as ``reader`` may see them."""
    statement = _select()
    if query.references:
        statement = statement.where(Ticket.reference.in_(list(query.references)[:MAX_RESULTS]))
    else:
        end = query.end or now
        start = query.start or end - DEFAULT_SPAN
        conditions = [Ticket.created_at >= start, Ticket.created_at <= end]
        if query.statuses == {"open"}:
            conditions.append(Ticket.status.not_in(_CLOSED))
        elif query.statuses == {"closed"}:
            conditions.append(Ticket.status.in_(_CLOSED))
        if query.service_codes:
            ids = list(
                await session.scalars(sa.select(Category.id).where(Category.code.in_(list(query.service_codes))))
            )
            if not ids:
                return []
            # The ids first, on their own: ix_ticket_category_created_at holds them in the order asked for,
            # so they come from the index alone. Asked with the whole row, PostgreSQL would rather walk
            # every request of the period by date and drop the other services'.
            found = (
                sa.select(Ticket.id)
                .where(Ticket.category_id.in_(ids), *conditions)
                .order_by(Ticket.created_at.desc(), Ticket.id.desc())
                .limit(MAX_RESULTS)
            )
            conditions = [Ticket.id.in_(found.scalar_subquery())]
        statement = statement.where(*conditions)
    # On the session's connection rather than through the ORM, which would handle each row again.
    connection = await session.connection()
    statement = statement.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(MAX_RESULTS)
    return await _views(session, (await connection.execute(statement)).all(), reader)


async def one_request(session: AsyncSession, reference: str, *, reader: int | None) -> list[dict]:
    """``GET requests/{id}``: an array of one, as the spec says; :class:`NotFound` for an unknown one."""
    rows = (await session.execute(_select().where(Ticket.reference == reference))).all()
    if not rows:
        raise NotFound(reference)
    return await _views(session, rows, reader)


async def _rejections(session: AsyncSession, ticket_ids: list[int]) -> dict[int, dict]:
    """The data of the rejection of each rejected ticket among ``ticket_ids``."""
    if not ticket_ids:
        return {}
    events = await session.execute(
        sa.select(TicketEvent.ticket_id, TicketEvent.data)
        .where(TicketEvent.ticket_id.in_(ticket_ids), TicketEvent.kind == EventKind.REJECTED)
        .order_by(TicketEvent.id)
    )
    return dict(events.all())


async def _views(session: AsyncSession, rows: Sequence[sa.Row], reader: int | None) -> list[dict]:
    rejected = await _rejections(session, [row.id for row in rows if row.status == TicketStatus.REJECTED])
    notices = _Notices()
    return [_view(row, reader, rejected, notices) for row in rows]


def _view(row: sa.Row, reader: int | None, rejected: dict[int, dict], notices: "_Notices") -> dict[str, Any]:
    # Unpacked at once: reading a thousand rows' twenty fields by name is what a list spends most on.
    (
        id_,
        reference,
        status,
        body,
        public_body,
        consent,
        published,
        answer,
        created_at,
        updated_at,
        answer_due_at,
        address,
        latitude,
        longitude,
        client_id,
        media_url,
        code,
        service_name,
        agency,
        area,
    ) = row
    owner = reader is not None and client_id == reader
    shown = owner or consent
    if (rejection := rejected.get(id_)) is not None:
        reason, explanation = event_words(EventKind.REJECTED, rejection, {})
        notes = f"{reason} {explanation}" if owner and explanation else reason
    elif answer and (owner or published):
        notes = answer
    else:
        notes = ""
    is_open = status in OPEN_STATUSES
    return {
        "service_request_id": reference,
        "status": "open" if is_open else "closed",
        "status_notes": notes,
        "service_name": service_name,
        "service_code": code,
        "description": body if owner else (public_body or body) if consent else "",
        "agency_responsible": agency or "",
        "service_notice": notices(answer_due_at, is_open),
        "requested_datetime": created_at,
        "updated_datetime": updated_at,
        "expected_datetime": answer_due_at if is_open else None,
        "address": (address or area or "") if owner else (area or "") if consent else "",
        "lat": latitude if shown else None,
        "long": longitude if shown else None,
        "media_url": media_url if shown else None,
    }


def notice(submitted: Submitted) -> str:
    """The ``service_notice`` of a request just filed."""
    return _Notices()(w3c(submitted.answer_due_at), submitted.status in OPEN_STATUSES)


class _Notices:
    """What happens next, in a sentence: the answer deadline, or that the office is finding who answers.

    One per response: the sentences are translated once, not once per request listed.
    """

    def __init__(self) -> None:
        self.triage = gettext("The coordinating office is finding the department in charge.")
        self.due = gettext("The department in charge answers by {time}.")

    def __call__(self, answer_due_at: str | None, is_open: bool) -> str:
        """``answer_due_at`` as :func:`w3c` gives it: ``2026-12-18T17:00:00+07:00`` → ``17:00 18/12/2026``."""
        if not is_open:
            return ""
        if answer_due_at is None:
            return self.triage
        due = answer_due_at
        return self.due.format(time=f"{due[11:16]} {due[8:10]}/{due[5:7]}/{due[:4]}")


async def updates(
    session: AsyncSession, *, start: datetime | None, end: datetime | None, reader: int | None, now: datetime
) -> list[dict[str, Any]]:
    """FixMyStreet's ``servicerequestupdates``: the public changes between ``start`` and ``end``, oldest
    first (a follower asks again from the last one's time), at most :data:`MAX_RESULTS`."""
    end = end or now
    start = start or end - DEFAULT_SPAN
    english = current_language() == "en"
    rows = (
        await session.execute(
            sa.select(
                TicketEvent.id,
                TicketEvent.kind,
                TicketEvent.data,
                TicketEvent.at,
                Ticket.reference,
                Ticket.client_id,
                Ticket.published_at,
                Ticket.answer_text,
            )
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(TicketEvent.at >= start, TicketEvent.at <= end, TicketEvent.kind.in_(UPDATE_KINDS))
            .order_by(TicketEvent.at, TicketEvent.id)
            .limit(MAX_RESULTS)
        )
    ).all()
    names = {
        id_: name_en if english else name
        for id_, name, name_en in (
            await session.execute(sa.select(Department.id, Department.name, Department.name_en))
        ).all()
    }
    records = []
    for row in rows:
        owner = reader is not None and row.client_id == reader
        description, detail = event_words(row.kind, row.data, names)
        if row.kind == EventKind.ANSWERED and row.answer_text and (owner or row.published_at is not None):
            description = row.answer_text
        elif owner and detail:
            description = f"{description} {detail}"
        records.append(
            {
                "update_id": str(row.id),
                "service_request_id": row.reference,
                "status": "closed" if row.kind in CLOSING_KINDS else "open",
                "updated_datetime": w3c(row.at),
                "description": description,
                "media_url": "",
            }
        )
    return records
