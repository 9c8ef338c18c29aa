"""Registering, listing and removing peers, each change checked the same way from any door."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import AdminRefusal
from feedback.federation.models import Peer
from feedback.i18n import N_
from feedback.open311.models import ClientApp
from notify.db import utcnow
from routing.text import contains_control_characters, nfc, plain_text_problem

SECRET_MIN = 16
"""A shared secret shorter than this is too easy to guess for signing callbacks."""
NAME_LENGTH = 120
URL_LENGTH = 500
KEY_LENGTH = 200
HINT_LENGTH = 4


class PeerError(AdminRefusal):
    """A change to the register that cannot be made."""


# Each field's own words for each problem plain_text_problem finds ("control_character" and
# "markup" are both "not plain text" to an admin).
_PROBLEMS = {
    ("name", "missing"): N_("the peer needs a name"),
    ("name", "too_long"): N_("the name is too long: at most {limit} characters"),
    ("name", "plain"): N_("the name must be plain text"),
    ("key", "missing"): N_("the peer needs a key"),
    ("key", "too_long"): N_("the key is too long: at most {limit} characters"),
    ("key", "plain"): N_("the key must be plain text"),
    ("secret", "missing"): N_("the peer needs a secret"),
    ("secret", "too_long"): N_("the secret is too long: at most {limit} characters"),
    ("secret", "plain"): N_("the secret must be plain text"),
}
_NOT_A_ROOT = N_("the URL is not one: give the peer's Open311 root, e.g. https://…/open311/v2")


def _text(field: str, value: str, limit: int) -> str:
    value, problem = plain_text_problem(value, limit, required=True)
    if problem:
        kind = problem if problem in ("missing", "too_long") else "plain"
        raise PeerError(_PROBLEMS[field, kind], field=field, limit=limit)
    return value


def key_hint(key: str) -> str:
    """The first characters of a key or secret, enough to tell two apart, never the whole of a short one."""
    return key[: min(HINT_LENGTH, len(key) // 2)]


def open311_root(url: str) -> str:
    """The Open311 root ``url`` names, checked: http(s), a host, no query; without a trailing slash."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise PeerError(_NOT_A_ROOT, field="url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise PeerError(_NOT_A_ROOT, field="url")
    if len(url) > URL_LENGTH or contains_control_characters(url):
        raise PeerError(N_("the URL is too long or not plain text"), field="url")
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
    name = _text("name", name, NAME_LENGTH)
    base_url = open311_root(url)
    key = _text("key", key, KEY_LENGTH)
    secret = _text("secret", secret, KEY_LENGTH)
    if len(secret) < SECRET_MIN:
        raise PeerError(N_("the secret is too short: at least {min} characters"), field="secret", min=SECRET_MIN)
    if client_id is not None:
        app = await session.get(ClientApp, client_id)
        if app is None or app.revoked_at is not None:
            raise PeerError(N_("no such app: choose a registered app whose key is not revoked"), field="client_id")
    if await session.scalar(select(Peer.id).where(Peer.name == name)):
        raise PeerError(N_("a peer named {name!r} is already registered"), field="name", name=name)
    peer = Peer(
        name=name, base_url=base_url, api_key=key, secret=secret, send_contact=send_contact, client_id=client_id
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
        raise PeerError(N_("no peer named {name!r}: see `caunoi peer list`"), name=name)
    return peer


async def remove_peer(session: AsyncSession, name: str) -> Peer:
    """Take a peer out of the register: nothing more is sent to it; what was sent still names it."""
    peer = await peer_named(session, name)
    peer.removed_at = utcnow()
    return peer
