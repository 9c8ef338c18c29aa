"""Client apps' keys: issued once in clear, kept as a hash, refused at once when revoked."""

import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import MESSAGES, AdminRefusal
from feedback.i18n import N_
from feedback.intake import hash_token
from feedback.open311.models import ClientApp
from notify.db import utcnow
from routing.text import plain_text_problem

NAME_LENGTH = 120
CONTACT_LENGTH = 254


class ClientAppError(AdminRefusal):
    """An admin's key operation that cannot be done."""


def new_key() -> str:
    return secrets.token_urlsafe(24)


def _checked(field: str, text: str, limit: int, *, required: bool) -> str:
    text, problem = plain_text_problem(text, limit, required=required)
    if problem == "missing":
        raise ClientAppError(N_("Give the app's name."), field=field)
    if problem == "too_long":
        raise ClientAppError(MESSAGES["string_too_long"], field=field, max_length=limit)
    if problem == "control_character":
        raise ClientAppError(MESSAGES["control_character"], field=field)
    if problem == "markup":
        raise ClientAppError(MESSAGES["markup_forbidden"], field=field)
    return text


async def add_client(
    session: AsyncSession, name: str, contact: str = "", *, key: str | None = None
) -> tuple[ClientApp, str]:
    """Register an app; returns it and its key, which is never shown again.

    ``key`` is for the demo app only, whose key the README prints; any other app gets a random one.
    """
    name = _checked("name", name, NAME_LENGTH, required=True)
    contact = _checked("contact", contact, CONTACT_LENGTH, required=False)
    key = key or new_key()
    client = ClientApp(name=name, contact=contact, key_hash=hash_token(key), key_hint=key[:6])
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
    """Refuse the app's key from now on; revoking a revoked app changes nothing (it keeps the first date)."""
    client = await session.get(ClientApp, client_id)
    if client is None:
        raise ClientAppError(N_("No app with id {id}."), id=client_id)
    if client.revoked_at is None:
        client.revoked_at = utcnow()
    return client
