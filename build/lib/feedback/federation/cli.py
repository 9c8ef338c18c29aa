"""``caunoi peer add | list | remove | refresh`` and ``caunoi forward``: the federation, from the shell.

The key we hold at a peer and the secret we share with it are typed here and never shown
again: ``peer list`` prints their first characters only.
"""

import click
import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.cli_admin import in_transaction
from feedback.errors import InvalidInput
from feedback.federation.forwarding import forward
from feedback.federation.models import Forward, Peer
from feedback.federation.peers import PeerError, add_peer, key_hint, list_peers, peer_named, remove_peer
from feedback.federation.services import refresh_services
from feedback.i18n import local_datetime
from feedback.models import Ticket
from notify.db import utcnow


@click.group()
def peer() -> None:
    """Peer portals (another Cầu Nối, or any Open311 server) that questions may be forwarded to."""


@peer.command("add")
@click.option("--name", required=True, help='How staff call it, e.g. "Cổng TTĐT Bộ Tài chính".')
@click.option("--url", required=True, help="Its Open311 root, e.g. https://hoidap.mof.gov.vn/open311/v2.")
@click.option("--key", required=True, help="The API key the peer gave us.")
@click.option("--secret", required=True, help="The secret shared with the peer to sign callbacks (16+ characters).")
@click.option("--send-contact/--no-send-contact", default=False, help="Send the citizen's contact with a forward.")
@click.option(
    "--app-id",
    type=int,
    default=None,
    help="The Open311 app (see `caunoi open311 key list`) whose key the peer uses to forward questions to us.",
)
def peer_add(name: str, url: str, key: str, secret: str, send_contact: bool, app_id: int | None) -> None:
    """Register a peer, then read its services."""

    async def add(session: AsyncSession) -> Peer:
        return await add_peer(
            session, name=name, url=url, key=key, secret=secret, send_contact=send_contact, client_id=app_id
        )

    added = in_transaction(add)
    click.echo(f"registered peer #{added.id} {added.name} at {added.base_url}")
    _refresh(added.name)


@peer.command("list")
@click.option("--all", "with_removed", is_flag=True, help="Removed peers too.")
def peer_list(with_removed: bool) -> None:
    """The peers, with what they offer and when that was last read."""
    peers = in_transaction(lambda session: list_peers(session, with_removed=with_removed))
    if not peers:
        click.echo("no peer registered")
    for p in peers:
        state = f"removed {local_datetime(p.removed_at)}" if p.removed_at else "active"
        read = (
            f"services read {local_datetime(p.services_fetched_at)}" if p.services_fetched_at else "services never read"
        )
        click.echo(
            f"#{p.id:<4} {p.name}  {p.base_url}  key {key_hint(p.api_key)}…  {state}  "
            f"{'sends contact' if p.send_contact else 'keeps contact'}  {len(p.services)} services ({read})"
        )
        if p.services_error:
            click.echo(f"      last reading failed: {p.services_error}")


@peer.command("remove")
@click.argument("name")
def peer_remove(name: str) -> None:
    """Send nothing more to peer NAME; the questions forwarded to it keep naming it."""
    removed = in_transaction(lambda session: remove_peer(session, name))
    click.echo(f"removed peer {removed.name}")


@peer.command("refresh")
@click.argument("name")
def peer_refresh(name: str) -> None:
    """Read peer NAME's services now."""
    _refresh(name)


def _refresh(name: str) -> None:
    async def refresh(session: AsyncSession) -> Peer:
        found = await peer_named(session, name)
        async with httpx.AsyncClient() as client:
            await refresh_services(session, found, client=client, now=utcnow())
        return found

    refreshed = in_transaction(refresh)
    if refreshed.services_error:
        click.echo(f"could not read its services: {refreshed.services_error}; try `caunoi peer refresh` later")
    else:
        click.echo(f"{len(refreshed.services)} services: {', '.join(s['code'] for s in refreshed.services[:10])}")


@click.command("forward")
@click.argument("reference")
@click.option("--peer", "peer_name", required=True, help="The peer's name, as `caunoi peer list` shows it.")
@click.option("--service", required=True, help="The code of one of the peer's services.")
@click.option("--reason", required=True, help="Why the question is the peer's, not ours.")
def forward_command(reference: str, peer_name: str, service: str, reason: str) -> None:
    """Forward question REFERENCE to a peer portal, as staff do from its page."""

    async def send(session: AsyncSession) -> Forward:
        ticket_id = await session.scalar(select(Ticket.id).where(Ticket.reference == reference.strip()))
        if ticket_id is None:
            raise PeerError("no question {reference}", reference=reference)
        found = await peer_named(session, peer_name)
        try:
            return await forward(
                session, ticket_id, peer_id=found.id, service_code=service, reason=reason, actor_id=None, now=utcnow()
            )
        except InvalidInput as refusal:
            problems = "; ".join(f"{field}: {message}" for field, message in refusal.messages.items())
            raise PeerError("{problems}", problems=problems) from None

    sent = in_transaction(send)
    click.echo(f"{reference} waits to be taken by {peer_name} ({sent.service_name}); see its page for progress")
