"""What a peer offers: its services, read from its ``services.json`` and kept with the peer.

Staff forward a question to a peer *and* one of its services, so the list must be at hand
when the peer is slow or down: it is cached on the peer, refreshed daily and on demand, and
a failed reading keeps the last good list beside the reason it failed.
"""

from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation.models import Peer
from feedback.federation.reading import PeerUnreadable, get_json
from routing.text import contains_control_characters, nfc

REFRESH_EVERY = timedelta(days=1)
RETRY_EVERY = timedelta(hours=1)
"""After a failed reading: soon enough to catch a peer back up, rarely enough not to hammer one down."""
MAX_SERVICES = 2000


class UnreadableServices(Exception):
    """The peer's ``services.json`` could not be read as Open311 services; the message says why."""


def _service(item: Any) -> dict[str, str] | None:
    """One service of the list, as we keep it, or None for an entry that is not one."""
    if not isinstance(item, dict):
        return None
    values = {
        key: item.get(spec) for key, spec in (("code", "service_code"), ("name", "service_name"), ("group", "group"))
    }
    if not isinstance(values["code"], str | int) or not str(values["code"]).strip():
        return None
    kept = {key: nfc(str(value or "")).strip()[:200] for key, value in values.items()}
    if any(contains_control_characters(value) for value in kept.values()):
        return None
    kept["name"] = kept["name"] or kept["code"]
    return kept


async def read_services(base_url: str, *, client: httpx.AsyncClient) -> list[dict[str, str]]:
    """The services the Open311 root ``base_url`` lists, each ``{code, name, group}``."""
    try:
        listed = await get_json(client, f"{base_url}/services.json", headers={"Accept-Language": "vi"})
    except PeerUnreadable as exc:
        raise UnreadableServices(str(exc)) from None
    if not isinstance(listed, list):
        raise UnreadableServices("the peer's services.json is not a list of services")
    services = [service for item in listed[:MAX_SERVICES] if (service := _service(item))]
    if listed and not services:
        raise UnreadableServices("the peer's services.json lists no service we can read")
    return services


async def refresh_services(session: AsyncSession, peer: Peer, *, client: httpx.AsyncClient, now: datetime) -> bool:
    """Read the peer's services again; whether that worked (if not, the reason is kept on the peer)."""
    peer.services_tried_at = now
    try:
        peer.services = await read_services(peer.base_url, client=client)
    except UnreadableServices as exc:
        peer.services_error = str(exc)[:300]
        return False
    peer.services_error = None
    peer.services_fetched_at = now
    return True


async def peers_to_refresh(session: AsyncSession, now: datetime) -> list[Peer]:
    """The registered peers whose services were read a day ago or more (or never), or failed an hour ago."""
    stale = or_(
        Peer.services_tried_at.is_(None),  # type: ignore[union-attr]
        Peer.services_tried_at <= now - REFRESH_EVERY,  # type: ignore[operator]
        and_(Peer.services_error.is_not(None), Peer.services_tried_at <= now - RETRY_EVERY),  # type: ignore[union-attr, operator]
    )
    return list(await session.scalars(select(Peer).where(Peer.removed_at.is_(None), stale)))  # type: ignore[union-attr]
