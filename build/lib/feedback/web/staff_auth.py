"""Staff login and logout, and the dependency that gives every staff route its signed-in user.

Sessions are server-side (Redis in production, files under the data directory in embedded
mode): the cookie holds only a random id, issued anew at each login (see
:mod:`feedback.web.sessions`). A session ends after :data:`IDLE` without a request and after
:data:`ABSOLUTE` in any case. Routes declare the roles they admit in ``opt={"roles": …}``;
:func:`provide_staff` enforces it.
"""

import time
from datetime import timedelta
from urllib.parse import quote

from litestar import Request, get, post
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY, HTTP_429_TOO_MANY_REQUESTS

from feedback.accounts import LoginRefused, authenticate
from feedback.errors import InvalidInput
from feedback.i18n import N_, gettext
from feedback.models import Role, User
from feedback.twofactor.services import SecondStep, is_required, second_step
from feedback.web.deps import Session
from feedback.web.forms import refuse_control_characters
from feedback.web.sessions import begin_session

IDLE = timedelta(hours=2)
ABSOLUTE = timedelta(hours=12)
LOGIN_PATH = "/can-bo/dang-nhap"
PENDING = "pending_uid"
"""The session key of a member whose password was right and who has yet to pass the second step."""
PASSED_SECOND_STEP = "mfa"


class RoleDenied(PermissionDeniedException):
    """Signed in, but the route does not admit this role (a CSRF failure is another 403).

    It carries the user, so that the page that says so is a staff page, with their menu.
    """

    message = N_("Your role does not give access to this page.")

    def __init__(self, user: User) -> None:
        super().__init__()
        self.user = user


def _safe_next(target: str | None) -> str:
    """Only a path on this site, never another host (``//evil``) after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/can-bo"


async def provide_staff(request: Request, session: Session) -> User:
    """The signed-in, active user, admitted by the route's ``roles``; 401 or 403 otherwise."""
    data = request.session if "session" in request.scope else {}
    user_id, since = data.get("uid"), data.get("since", 0)
    if not user_id or time.time() - since > ABSOLUTE.total_seconds():
        raise NotAuthorizedException()
    user = await session.get(User, user_id)
    if user is None or not user.active:
        request.clear_session()
        raise NotAuthorizedException()
    if is_required(user) and not data.get(PASSED_SECOND_STEP):
        # Required since this session began (an admin decided so): sign in again, and enrol.
        request.clear_session()
        raise NotAuthorizedException()
    roles = request.route_handler.opt.get("roles")
    if roles is not None and user.role not in roles:
        raise RoleDenied(user)
    return user


def login_redirect(request: Request) -> Redirect:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(path=f"{LOGIN_PATH}?next={quote(here)}", status_code=HTTP_303_SEE_OTHER)


def _login_page(next_path: str, username: str = "", error: str | None = None, status: int = 200) -> Template:
    return Template(
        "staff/login.html",
        context={"next": next_path, "username": username, "error": error},
        status_code=status,
    )


@get(LOGIN_PATH, name="staff_login")
async def login_form(next: FromQuery[str | None] = None) -> Template:  # noqa: A002  (the query parameter's name)
    return _login_page(_safe_next(next))


@post(LOGIN_PATH, name="staff_login_submit")
async def login(request: Request, session: Session) -> Template | Redirect:
    form = await request.form()
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    next_path = _safe_next(str(form.get("next", "")))
    try:
        refuse_control_characters({"username": username})
        user = await authenticate(session, request.app.stores.get("login_failures"), username, password)
    except InvalidInput as invalid:
        return _login_page(next_path, username, invalid.errors[0].message, HTTP_422_UNPROCESSABLE_ENTITY)
    except LoginRefused as refused:
        if refused.locked:
            message = N_("Too many wrong passwords: this account is locked for 15 minutes.")
            return _login_page(next_path, username, gettext(message), HTTP_429_TOO_MANY_REQUESTS)
        message = N_("The username or the password is wrong.")
        return _login_page(next_path, username, gettext(message), HTTP_422_UNPROCESSABLE_ENTITY)
    step = await second_step(session, user)
    if step is SecondStep.NONE:
        begin_session(request, {"uid": user.id, "since": time.time()})
        return Redirect(path=next_path, status_code=HTTP_303_SEE_OTHER)
    # Not signed in yet: the session only remembers whose password was right, for the second step.
    begin_session(request, {PENDING: user.id, "since": time.time(), "next": next_path})
    target = "staff_second_step" if step is SecondStep.CODE else "staff_enrol"
    return Redirect(path=request.app.route_reverse(target), status_code=HTTP_303_SEE_OTHER)


@post("/can-bo/dang-xuat", name="staff_logout")
async def logout(request: Request) -> Redirect:
    request.clear_session()
    return Redirect(path=LOGIN_PATH, status_code=HTTP_303_SEE_OTHER)


HOME_BY_ROLE: dict[Role, str] = {
    Role.OFFICER: "/can-bo/hop-thu",
    Role.HEAD: "/can-bo/hop-thu",
    Role.COORDINATOR: "/can-bo/hop-thu?status=triage",
    Role.LEADER: "/can-bo/bang-dieu-khien",
    Role.ADMIN: "/can-bo/hop-thu",
}
