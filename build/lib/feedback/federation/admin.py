"""Admins' page of the peer portals: register one, read its services again now, remove one.

The key we hold at a peer and the secret we share with it are typed into the form and never
shown again: the list gives the key's first characters only (:class:`PeerOut`), and a refused
form comes back without them, to be typed again, rather than echo them into a page.
"""

import httpx
from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation.peers import PeerError, add_peer, list_peers, peer_named, remove_peer
from feedback.federation.schemas import PeerOut
from feedback.federation.services import refresh_services
from feedback.i18n import N_, gettext, ngettext
from feedback.models import Role, User
from feedback.open311.keys import list_clients
from feedback.web.deps import Session, Staff
from feedback.web.forms import whole_number
from notify.db import utcnow

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/cong-lien-thong"
KEPT_FIELDS = ("name", "url", "send_contact", "client_id")
"""What a refused form keeps of what was typed: not the key nor the secret."""


async def _page(
    session: AsyncSession,
    staff: User,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    apps = await list_clients(session)
    return Template(
        "staff/peers.html",
        context={
            "staff": staff,
            "peers": [PeerOut.of(peer) for peer in await list_peers(session)],
            "app_names": {app.id: app.name for app in apps},
            "active_apps": [app for app in apps if app.revoked_at is None],
            "form": form or {},
            "errors": errors or {},
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


async def _posted_name(request: Request) -> str:
    value = (await request.form()).get("name")
    return value if isinstance(value, str) else ""


@get("/cong-lien-thong", name="staff_peers", opt=ADMINS)
async def peers_page(session: Session, staff: Staff) -> Template:
    return await _page(session, staff)


@post("/cong-lien-thong", name="staff_peer_add", opt=ADMINS)
async def peer_add(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    data = await request.form()
    form = {
        name: value if isinstance(value := data.get(name), str) else ""
        for name in ("name", "url", "key", "secret", "send_contact", "client_id")
    }
    try:  # refused before anything is written
        peer = await add_peer(
            session,
            name=form["name"],
            url=form["url"],
            key=form["key"],
            secret=form["secret"],
            send_contact=bool(form["send_contact"]),
            client_id=whole_number(form["client_id"], "client_id"),
        )
    except PeerError as refused:
        kept = {name: form[name] for name in KEPT_FIELDS}
        return await _page(session, staff, form=kept, errors={refused.field: refused.translated()})
    message = gettext(N_("{name} is registered. Read its services with the button beside it."))
    flash(request, message.format(name=peer.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


@post("/cong-lien-thong/doc-lai", name="staff_peer_refresh", opt=ADMINS)
async def peer_refresh(request: Request, session: Session, staff: Staff) -> Redirect:
    try:
        peer = await peer_named(session, await _posted_name(request))
    except PeerError:
        raise NotFoundException() from None
    async with httpx.AsyncClient() as client:
        read = await refresh_services(session, peer, client=client, now=utcnow())
    if read:
        count = len(peer.services)
        message = ngettext(
            "The services of {name} are read again: {count} service.",
            "The services of {name} are read again: {count} services.",
            count,
        )
        flash(request, message.format(name=peer.name, count=count), category="success")
    else:
        message = gettext(N_("The services of {name} could not be read: {error}. The last list read is kept."))
        flash(request, message.format(name=peer.name, error=peer.services_error), category="error")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


@post("/cong-lien-thong/go-bo", name="staff_peer_remove", opt=ADMINS)
async def peer_remove(request: Request, session: Session, staff: Staff) -> Redirect:
    try:
        peer = await remove_peer(session, await _posted_name(request))
    except PeerError:
        raise NotFoundException() from None
    message = gettext(N_("{name} is removed: nothing more will be forwarded to it."))
    flash(request, message.format(name=peer.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ROUTES = [peers_page, peer_add, peer_refresh, peer_remove]
