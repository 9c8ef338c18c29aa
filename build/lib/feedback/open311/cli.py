"""``caunoi open311 key add | list | revoke``: the keys of the apps that file questions over Open311.

An app's key is printed once, on the last line of ``key add`` so that a script can take it
with ``tail -n 1``; only its hash is stored, so a lost key is replaced (revoke, add), never shown.
"""

import click
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.cli_admin import in_transaction
from feedback.i18n import local_datetime
from feedback.open311.keys import add_client, list_clients, revoke_client
from feedback.open311.models import ClientApp
from notify.db import MAX_ID


@click.group()
def open311() -> None:
    """The Open311 GeoReport v2 endpoint (/open311/v2) and the apps that use it."""


@open311.group()
def key() -> None:
    """Client apps' keys: each app files questions with its own key and rate limit."""


@key.command("add")
@click.option("--name", required=True, help="The app's name, as staff see it on the questions it files.")
@click.option("--contact", default="", help="Who to call about the app: an email address or a phone number.")
def key_add(name: str, contact: str) -> None:
    """Register an app and print its key (on the last line); the key is not shown again."""

    async def add(session: AsyncSession) -> tuple[ClientApp, str]:
        return await add_client(session, name, contact)

    client, secret = in_transaction(add)
    click.echo(f"Registered app #{client.id} ({client.name}). Give it this key; it is shown only now,")
    click.echo("the portal keeps a hash of it. To replace a lost key, revoke it and add the app again:")
    click.echo(secret)


@key.command("list")
def key_list() -> None:
    """Every app, active or revoked, with the first characters of its key (never the key)."""
    clients = in_transaction(list_clients)
    if not clients:
        click.echo("no app registered")
    for client in clients:
        state = f"revoked {local_datetime(client.revoked_at)}" if client.revoked_at else "active"
        click.echo(
            f"#{client.id:<4} {client.key_hint}…  {state:<25} created {local_datetime(client.created_at)}"
            f"  {client.name}{f' <{client.contact}>' if client.contact else ''}"
        )


@key.command("revoke")
@click.argument("client_id", metavar="ID", type=click.IntRange(1, MAX_ID))
def key_revoke(client_id: int) -> None:
    """Refuse app ID's key from now on (its questions keep naming it)."""
    client = in_transaction(lambda session: revoke_client(session, client_id))
    click.echo(f"revoked the key of app #{client.id} ({client.name}) on {local_datetime(client.revoked_at)}")
