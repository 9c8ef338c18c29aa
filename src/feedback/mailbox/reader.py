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
recorded as a duplicate.
"""

import asyncio
import time
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.mailbox.imap import IMAP_ERRORS, Mailbox
from feedback.mailbox.models import MailboxMessage, Outcome
from feedback.mailbox.parsing import parse
from feedback.mailbox.taking import Taken, sender_key, take
from feedback.settings import Settings
from notify.db import Database, utcnow

log = structlog.get_logger()

LEASE = timedelta(minutes=5)
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


async def read(database: Database, settings: Settings, *, turn_s: float | None = None) -> tuple[int, bool]:
    """Take what waits in the mailbox, pass after pass, until nothing is left or ``turn_s`` is up.

    Returns how many messages were taken, and whether any may still wait. An unreachable server
    is logged and nothing is taken: the next periodic job tries again.
    """
    started, total = time.monotonic(), 0
    try:
        box = await asyncio.to_thread(Mailbox, settings.mailbox)
    except IMAP_ERRORS as error:
        log.warning("mailbox_unreachable", error=type(error).__name__)
        return 0, False
    try:
        while taken := await _pass(database, settings, box):
            total += taken
            if turn_s is not None and time.monotonic() - started > turn_s:
                return total, True
    except IMAP_ERRORS as error:
        log.warning("mailbox_connection_lost", error=type(error).__name__)
    finally:
        await asyncio.to_thread(box.close)
    return total, False


async def _pass(database: Database, settings: Settings, box: Mailbox) -> int:
    """Claim, take and mark up to a batch; how many were claimed or found already taken (0: nothing to do)."""
    uidvalidity = await asyncio.to_thread(box.uidvalidity)
    waiting = await asyncio.to_thread(box.waiting)
    if not waiting:
        return 0
    async with database.transaction() as session:
        done, claims = await _claim(session, box.folder, uidvalidity, waiting, settings.mailbox.batch)
    read, unread = [], []
    for uid, outcome in done.items():  # recorded by a reader that died before marking them
        (read if outcome in READ_OUTCOMES else unread).append(uid)
    fetched = await asyncio.to_thread(box.fetch, [claim.uid for claim in claims])
    for claim in claims:
        if claim.uid not in fetched:
            continue  # deleted from the mailbox meanwhile: nothing to take
        outcome = await _take_one(database, settings, claim, fetched[claim.uid])
        if outcome is not None:
            (read if outcome in READ_OUTCOMES else unread).append(claim.uid)
    await asyncio.to_thread(box.mark_taken, read, seen=True)
    await asyncio.to_thread(box.mark_taken, unread, seen=False)
    return len(done) + len(claims)


async def _claim(
    session: AsyncSession, folder: str, uidvalidity: int, waiting: list[int], batch: int
) -> tuple[dict[int, Outcome], list[_Claim]]:
    """The waiting messages already taken (UID → outcome), and up to ``batch`` newly claimed ones."""
    now = utcnow()
    c = MailboxMessage.__table__.c  # type: ignore[attr-defined]
    this_folder = (c.folder == folder, c.uidvalidity == uidvalidity)
    rows = (
        await session.execute(select(c.uid, c.outcome, c.lease_until).where(*this_folder, c.uid >= waiting[0]))
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


async def _take_one(database: Database, settings: Settings, claim: _Claim, raw: bytes) -> Outcome | None:
    """Take one message in its own transaction; its outcome, or None if it failed (it will be tried again)."""
    mail = parse(raw)
    try:
        async with database.transaction() as session:
            now = utcnow()
            if mail.message_id and await _taken_before(session, mail.message_id, claim.row_id):
                taken = Taken(Outcome.DUPLICATE)
            else:
                taken = await take(session, mail, settings=settings, now=now)
            c = MailboxMessage.__table__.c  # type: ignore[attr-defined]
            recorded = await session.execute(
                update(MailboxMessage)
                .where(c.id == claim.row_id, c.attempt == claim.attempt, c.outcome == Outcome.CLAIMED)
                .values(
                    outcome=taken.outcome,
                    ticket_id=taken.ticket_id,
                    detail=taken.detail,
                    message_id=mail.message_id[:255] if mail.message_id else None,
                    sender_key=sender_key(mail.sender) if mail.sender else None,
                    taken_at=now,
                ),
                execution_options={"synchronize_session": False},
            )
            if recorded.rowcount != 1:
                raise _ClaimLost
    except _ClaimLost:
        log.warning("mailbox_claim_lost", uid=claim.uid)
        return None
    except Exception as error:  # noqa: BLE001  (one message must not stop the others; it is retried, then left)
        log.error("mailbox_message_failed", uid=claim.uid, error=type(error).__name__)
        return None
    log.info("mailbox_message_taken", uid=claim.uid, outcome=taken.outcome, ticket_id=taken.ticket_id)
    return taken.outcome


async def _taken_before(session: AsyncSession, message_id: str, row_id: int) -> bool:
    """Whether a message with this Message-ID was already taken (under another UID, or another UIDVALIDITY)."""
    if session.bind.dialect.name == "postgresql":  # two copies read at once: one after the other
        await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"mailbox-id:{message_id}"})
    c = MailboxMessage.__table__.c  # type: ignore[attr-defined]
    found = await session.scalar(
        select(c.id).where(c.message_id == message_id[:255], c.id != row_id, c.outcome != Outcome.CLAIMED).limit(1)
    )
    return found is not None
