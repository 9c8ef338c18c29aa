"""Reading the mailbox: every message taken exactly once, by any number of workers, whatever dies when.

A pass lists the UIDs not yet marked taken on the server, then:

1. claims some in the database, one :class:`~feedback.mailbox.models.MailboxMessage` row each
   (a unique key on folder, UIDVALIDITY and UID: two readers cannot both claim one; a claim whose
   reader died is taken over once its lease has run out);
2. fetches and reads them, and takes each in its own transaction, which writes the ticket (or the
   reply, or the bounce) and records the outcome on the claimed row, if the claim still holds;
3. marks them taken on the server, after the commits.

A reader killed between 2 and 3 leaves messages recorded but not marked: the next pass finds
them recorded and only marks them. If the server's UIDVALIDITY changes (the mailbox was rebuilt),
the messages are new UIDs: each is claimed afresh, and one whose Message-ID was already taken is
recorded as a duplicate (the Message-ID is unique among the rows: the copy's transaction fails
and is undone, whatever it wrote).
"""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.mailbox.imap import IMAP_ERRORS, Mailbox
from feedback.mailbox.models import MailboxMessage, Outcome
from feedback.mailbox.parsing import Mail, parse
from feedback.mailbox.taking import Taken, sender_key, take
from feedback.settings import Settings
from notify.db import Database, utcnow

log = structlog.get_logger()

LEASE = timedelta(minutes=5)
LANES = 4
"""Senders of a batch whose messages are taken at once, each message in its own transaction on its
own connection: while one waits for the database, another is being written."""
WINDOW = 10
"""A pass looks at this many batches of the oldest waiting messages: room for the readers working beside it."""
MAX_ATTEMPTS = 3
"""A message that made its reader fail this many times is left, unread, for a person."""
READ_OUTCOMES = frozenset(
    {Outcome.QUESTION, Outcome.REPLY, Outcome.NOTE, Outcome.BOUNCE, Outcome.AUTO_REPLY, Outcome.DUPLICATE}
)
"""Marked read on the server too; the rest (refused, rate limited) stay unread for whoever reads the mailbox."""


class _ClaimLost(Exception):
    """Another reader took the message over (this one's lease ran out): what was written is undone."""


@dataclass(frozen=True)
class _Claim:
    row_id: int
    uid: int
    attempt: int


async def read(
    database: Database,
    settings: Settings,
    *,
    turn_s: float | None = None,
    on_backlog: Callable[[], None] | None = None,
) -> tuple[int, bool]:
    """Take what waits in the mailbox, pass after pass, until nothing is left or ``turn_s`` is up.

    Returns how many messages were taken, and whether any may still wait. ``on_backlog`` is called
    once if a pass claims a full batch (a backlog): a worker asks another one to help. An
    unreachable server is logged and nothing is taken: the next periodic job tries again.
    """
    started, total = time.monotonic(), 0
    try:
        box = await asyncio.to_thread(Mailbox, settings.mailbox)
    except IMAP_ERRORS as error:
        log.warning("mailbox_unreachable", error=type(error).__name__)
        return 0, False
    try:
        while True:
            claimed, busy = await _pass(database, settings, box)
            if not busy:
                break
            total += claimed
            if on_backlog is not None and claimed >= settings.mailbox.batch:
                on_backlog()
                on_backlog = None
            if turn_s is not None and time.monotonic() - started > turn_s:
                return total, True
    except IMAP_ERRORS as error:
        log.warning("mailbox_connection_lost", error=type(error).__name__)
    finally:
        await asyncio.to_thread(box.close)
    return total, False


async def _pass(database: Database, settings: Settings, box: Mailbox) -> tuple[int, bool]:
    """Claim, take and mark up to a batch: how many were claimed, and whether there was anything to do
    (claims, or messages already taken to mark)."""
    uidvalidity = await asyncio.to_thread(box.uidvalidity)
    waiting = await asyncio.to_thread(box.waiting)
    if not waiting:
        return 0, False
    async with database.transaction() as session:
        done, claims = await _claim(session, box.folder, uidvalidity, waiting, settings.mailbox.batch)
    read, unread = [], []
    for uid, outcome in done.items():  # recorded by a reader that died before marking them
        (read if outcome in READ_OUTCOMES else unread).append(uid)
    fetched = await asyncio.to_thread(box.fetch, [claim.uid for claim in claims])
    # One sender's messages in the order they came (their replies, their rate limit), the others beside.
    by_sender: dict[str, list[tuple[_Claim, Mail]]] = {}
    for claim in claims:
        if claim.uid in fetched:  # one deleted from the mailbox meanwhile is not: there is nothing to take
            mail = parse(fetched[claim.uid])
            by_sender.setdefault(mail.sender.lower(), []).append((claim, mail))
    lanes = asyncio.Semaphore(LANES)

    async def take_in_turn(messages: list[tuple[_Claim, Mail]]) -> None:
        async with lanes:
            for claim, mail in messages:
                outcome = await _take_one(database, settings, claim, mail)
                if outcome is not None:
                    (read if outcome in READ_OUTCOMES else unread).append(claim.uid)

    await asyncio.gather(*(take_in_turn(messages) for messages in by_sender.values()))
    await asyncio.to_thread(box.mark_taken, read, seen=True)
    await asyncio.to_thread(box.mark_taken, unread, seen=False)
    return len(claims), bool(done or claims)


async def _claim(
    session: AsyncSession, folder: str, uidvalidity: int, waiting: list[int], batch: int
) -> tuple[dict[int, Outcome], list[_Claim]]:
    """The waiting messages already taken (UID → outcome), and up to ``batch`` newly claimed ones."""
    now = utcnow()
    c = MailboxMessage.__table__.c  # type: ignore[attr-defined]
    this_folder = (c.folder == folder, c.uidvalidity == uidvalidity)
    # The oldest waiting: those other readers hold, and the next to claim (a backlog is not read whole).
    waiting = waiting[: batch * WINDOW]
    rows = (
        await session.execute(select(c.uid, c.outcome, c.lease_until).where(*this_folder, c.uid.in_(waiting)))
    ).all()
    known = {row.uid: row for row in rows}
    done = {
        uid: Outcome(known[uid].outcome) for uid in waiting if uid in known and known[uid].outcome != Outcome.CLAIMED
    }
    fresh = [uid for uid in waiting if uid not in known][:batch]
    expired = [uid for uid in waiting if uid in known and uid not in done and known[uid].lease_until < now][:batch]
    claims: list[_Claim] = []
    if fresh:
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        inserted = await session.execute(
            dialect.insert(MailboxMessage)
            .values(
                [
                    {
                        "folder": folder,
                        "uidvalidity": uidvalidity,
                        "uid": uid,
                        "outcome": Outcome.CLAIMED,
                        "attempt": 1,
                        "lease_until": now + LEASE,
                        "created_at": now,
                    }
                    for uid in fresh
                ]
            )
            .on_conflict_do_nothing(index_elements=["folder", "uidvalidity", "uid"])
            .returning(c.id, c.uid, c.attempt)
        )
        claims += [_Claim(row.id, row.uid, row.attempt) for row in inserted]
    if expired:
        retaken = await session.execute(
            update(MailboxMessage)
            .where(*this_folder, c.uid.in_(expired), c.outcome == Outcome.CLAIMED, c.lease_until < now)
            .values(attempt=c.attempt + 1, lease_until=now + LEASE)
            .returning(c.id, c.uid, c.attempt),
            execution_options={"synchronize_session": False},
        )
        for row in retaken:
            if row.attempt > MAX_ATTEMPTS:
                await session.execute(
                    update(MailboxMessage)
                    .where(c.id == row.id)
                    .values(outcome=Outcome.REFUSED, detail="failed to be read", taken_at=now),
                    execution_options={"synchronize_session": False},
                )
                log.error("mailbox_message_given_up", uid=row.uid)
                done[row.uid] = Outcome.REFUSED
            else:
                claims.append(_Claim(row.id, row.uid, row.attempt))
    return done, claims


async def _take_one(database: Database, settings: Settings, claim: _Claim, mail: Mail) -> Outcome | None:
    """Take one message in its own transaction; its outcome, or None if it failed (it will be tried again)."""
    message_id = mail.message_id[:255] if mail.message_id else None
    try:
        try:
            async with database.transaction() as session:
                now = utcnow()
                taken = await take(session, mail, settings=settings, now=now)
                await _record(session, claim, taken, message_id=message_id, sender=mail.sender, now=now)
        except IntegrityError:
            # The Message-ID is unique: this is a copy of a message already taken. What was written is undone.
            async with database.transaction() as session:
                if not message_id or not await _taken_before(session, message_id):
                    raise
                taken = Taken(Outcome.DUPLICATE)
                await _record(session, claim, taken, message_id=None, sender=mail.sender, now=utcnow())
    except _ClaimLost:
        log.warning("mailbox_claim_lost", uid=claim.uid)
        return None
    except Exception as error:  # noqa: BLE001  (one message must not stop the others; it is retried, then left)
        log.error("mailbox_message_failed", uid=claim.uid, error=type(error).__name__)
        return None
    log.info("mailbox_message_taken", uid=claim.uid, outcome=taken.outcome, ticket_id=taken.ticket_id)
    return taken.outcome


async def _record(
    session: AsyncSession, claim: _Claim, taken: Taken, *, message_id: str | None, sender: str, now: datetime
) -> None:
    """Write the outcome on the claimed row, if the claim still holds (else :class:`_ClaimLost`, undoing the rest)."""
    c = MailboxMessage.__table__.c  # type: ignore[attr-defined]
    recorded = await session.execute(
        update(MailboxMessage)
        .where(c.id == claim.row_id, c.attempt == claim.attempt, c.outcome == Outcome.CLAIMED)
        .values(
            outcome=taken.outcome,
            ticket_id=taken.ticket_id,
            detail=taken.detail,
            message_id=message_id,
            sender_key=sender_key(sender) if sender else None,
            taken_at=now,
        ),
        execution_options={"synchronize_session": False},
    )
    if recorded.rowcount != 1:
        raise _ClaimLost


async def _taken_before(session: AsyncSession, message_id: str) -> bool:
    c = MailboxMessage.__table__.c  # type: ignore[attr-defined]
    return await session.scalar(select(c.id).where(c.message_id == message_id)) is not None
