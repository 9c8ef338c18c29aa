"""Admins' page of the apps that file questions over Open311: register one (its key shown once), revoke one.

The new key is rendered into the response to the form that registered the app, and nowhere
else: not in a flash message (kept in the session store), not in a redirect, not in a log. The
response is marked ``no-store`` so that no cache keeps it either.
"""

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.i18n import N_, gettext
from feedback.models import Role, User
from feedback.open311.keys import ClientAppError, add_client, list_clients, revoke_client
from feedback.open311.models import ClientApp
from feedback.open311.web import PREFIX
from feedback.settings import Settings
from feedback.web.deps import AppSettings, Session, Staff
from feedback.web.forms import Id

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/ung-dung-ket-noi"


async def _page(
    session: AsyncSession,
    staff: User,
    settings: Settings,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    created: tuple[ClientApp, str] | None = None,
) -> Template:
    return Template(
        "staff/client_apps.html",
        context={
            "staff": staff,
            "clients": await list_clients(session),
            "endpoint": f"{settings.base_url}{PREFIX}",
            "form": form or {},
            "errors": errors or {},
            "created": created,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
        headers={"Cache-Control": "no-store"} if created else None,
    )


@get("/ung-dung-ket-noi", name="staff_client_apps", opt=ADMINS)
async def client_apps_page(session: Session, staff: Staff, settings: AppSettings) -> Template:
    return await _page(session, staff, settings)


@post("/ung-dung-ket-noi", name="staff_client_app_add", opt=ADMINS)
async def client_app_add(request: Request, session: Session, staff: Staff, settings: AppSettings) -> Template:
    data = await request.form()
    form = {name: value if isinstance(value := data.get(name), str) else "" for name in ("name", "contact")}
    try:  # refused before anything is written
        created = await add_client(session, form["name"], form["contact"])
    except ClientAppError as refused:
        return await _page(session, staff, settings, form=form, errors={refused.field: refused.translated()})
    return await _page(session, staff, settings, created=created)


@post("/ung-dung-ket-noi/{client_id:int}/thu-hoi", name="staff_client_app_revoke", opt=ADMINS)
async def client_app_revoke(request: Request, session: Session, staff: Staff, client_id: Id) -> Redirect:
    try:
        client = await revoke_client(session, client_id)
    except ClientAppError:
        raise NotFoundException() from None
    message = gettext(N_("The key of {name} is revoked: the app can no longer send or read questions with it."))
    flash(request, message.format(name=client.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ROUTES = [client_apps_page, client_app_add, client_app_revoke]
