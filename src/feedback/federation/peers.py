"""Registering, listing and removing peers, each change checked the same way from any door."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation.models import Peer
from feedback.open311.models import ClientApp
from notify.db import utcnow
from routing.text import contains_control_characters, nfc, plain_text_problem

SECRET_MIN = 16
"""A shared secret shorter than this is too easy to guess for signing callbacks."""


class PeerError(ValueError):
    """A change to the register that cannot be made; the message says why, in English (the CLI's)."""


def _text(name: str, value: str, limit: int) -> str:
    value, problem = plain_text_problem(value, limit, required=True)
    if problem == "missing":
        raise PeerError(f"the peer needs a {name}")
    if problem == "too_long":
        raise PeerError(f"the {name} is too long: at most {limit} characters")
    if problem:
        raise PeerError(f"the {name} must be plain text")
    return value


def open311_root(url: str) -> str:
    """The Open311 root ``url`` names, checked: http(s), a host, no query; without a trailing slash."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise PeerError("the URL is not one: give the peer's Open311 root, e.g. https://…/open311/v2") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise PeerError("the URL is not one: give the peer's Open311 root, e.g. https://…/open311/v2")
    if len(url) > 500 or contains_control_characters(url):
        raise PeerError("the URL is too long or not plain text")
    return url.rstrip("/")


async def add_peer(
    session: AsyncSession,
    *,
    name: str,
    url: str,
    key: str,
    secret: str,
    send_contact: bool = False,
    client_id: int | None = None,
) -> Peer:
    """Register a peer; a name already registered (even removed) is refused, so history stays unambiguous.

    ``client_id`` is the Open311 app whose key the peer uses with us, when it forwards questions
    to us too (another Cầu Nối): what that app files is then a forwarded question, and its
    callbacks are recognised by that key.
    """
    name = _text("name", name, 120)
    key = _text("key", key, 200)
    secret = _text("secret", secret, 200)
    if len(secret) < SECRET_MIN:
        raise PeerError(f"the secret is too short: at least {SECRET_MIN} characters")
    if await session.scalar(select(Peer.id).where(Peer.name == name)):
        raise PeerError(f"a peer named {name!r} is already registered")
    if client_id is not None:
        app = await session.get(ClientApp, client_id)
        if app is None or app.revoked_at is not None:
            raise PeerError(f"no such app: #{client_id} (see `caunoi open311 key list`)")
    peer = Peer(
        name=name,
        base_url=open311_root(url),
        api_key=key,
        secret=secret,
        send_contact=send_contact,
        client_id=client_id,
    )
    session.add(peer)
    await session.flush()
    return peer


async def list_peers(session: AsyncSession, *, with_removed: bool = False) -> Sequence[Peer]:
    query = select(Peer).order_by(Peer.name)
    if not with_removed:
        query = query.where(Peer.removed_at.is_(None))  # type: ignore[union-attr]
    return (await session.scalars(query)).all()


async def peer_named(session: AsyncSession, name: str) -> Peer:
    """The registered peer called ``name``; :class:`PeerError` if there is none."""
    peer = await session.scalar(select(Peer).where(Peer.name == nfc(name).strip(), Peer.removed_at.is_(None)))  # type: ignore[union-attr]
    if peer is None:
        raise PeerError(f"no peer named {name!r}: see `caunoi peer list`")
    return peer


async def remove_peer(session: AsyncSession, name: str) -> Peer:
    """Take a peer out of the register: nothing more is sent to it; what was sent still names it."""
    peer = await peer_named(session, name)
    peer.removed_at = utcnow()
    return peer
