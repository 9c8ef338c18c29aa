"""Client apps' keys: issued once in clear, kept as a hash, refused at once when revoked."""

import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.intake import hash_token
from feedback.open311.models import ClientApp
from notify.db import utcnow


class ClientAppError(ValueError):
    """An admin's key operation that cannot be done (the message says why)."""


def new_key() -> str:
    return secrets.token_urlsafe(24)


async def add_client(
    session: AsyncSession, name: str, contact: str = "", *, key: str | None = None
) -> tuple[ClientApp, str]:
    """Register an app; returns it and its key, which is never shown again.

    ``key`` is for the demo app only, whose key the README prints; any other app gets a random one.
    """
    name, contact = name.strip(), contact.strip()
    if not name:
        raise ClientAppError("the app needs a name")
    key = key or new_key()
    client = ClientApp(name=name[:120], contact=contact[:254], key_hash=hash_token(key), key_hint=key[:6])
    session.add(client)
    await session.flush()
    return client, key


async def client_for_key(session: AsyncSession, key: str) -> ClientApp | None:
    """The app holding ``key``, if it is registered and not revoked."""
    if not key:
        return None
    return (
        await session.execute(
            select(ClientApp).where(ClientApp.key_hash == hash_token(key), ClientApp.revoked_at.is_(None))  # type: ignore[union-attr]
        )
    ).scalar_one_or_none()


async def list_clients(session: AsyncSession) -> Sequence[ClientApp]:
    return (await session.execute(select(ClientApp).order_by(ClientApp.id))).scalars().all()


async def revoke_client(session: AsyncSession, client_id: int) -> ClientApp:
    client = await session.get(ClientApp, client_id)
    if client is None:
        raise ClientAppError(f"no app with id {client_id}")
    if client.revoked_at is None:
        client.revoked_at = utcnow()
    return client
