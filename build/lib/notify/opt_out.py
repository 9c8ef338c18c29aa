"""Numbers that texted STOP: carriers require that no SMS reaches them until they text START again.

The register is :class:`~notify.models.SmsOptOut`; the inbound webhook writes it
(:mod:`feedback.texting`), and delivery reads it just before sending, so an SMS written to the
outbox before the STOP is not sent after it either.
"""

from collections.abc import Collection
from contextlib import suppress
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from notify.models import SmsOptOut
from notify.sms import InvalidNumber, e164

REASON = "the number texted STOP: no SMS is sent to it until it texts START"
"""Why a delivery to such a number failed, as the ticket and the outbox page show it."""


async def stop(session: AsyncSession, phone: str, *, now: datetime) -> None:
    """Record that ``phone`` (E.164) wants no more SMS; a second STOP changes nothing."""
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    await session.execute(dialect.insert(SmsOptOut).values(phone=phone, at=now).on_conflict_do_nothing())


async def start(session: AsyncSession, phone: str) -> None:
    """``phone`` (E.164) may receive SMS again."""
    await session.execute(delete(SmsOptOut).where(SmsOptOut.phone == phone))


async def stopped(session: AsyncSession, addresses: Collection[str]) -> set[str]:
    """Those of ``addresses`` (as deliveries hold them: any way of writing a number) that texted STOP."""
    numbers: dict[str, set[str]] = {}
    for address in addresses:
        with suppress(InvalidNumber):  # delivery itself says why it cannot send to that one
            numbers.setdefault(e164(address), set()).add(address)
    if not numbers:
        return set()
    found = await session.scalars(select(SmsOptOut.phone).where(SmsOptOut.phone.in_(numbers)))
    return {address for number in found for address in numbers[number]}
