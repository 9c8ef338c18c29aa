"""The pages of the second factor: the code after the password, enrolment, a member's own page, an admin's reset.

The second step and enrolment are reached before the member is signed in: the session then
holds only :data:`~feedback.web.staff_auth.PENDING` (whose password was right), and the
secret being enrolled, which is written to the database only once a code from the app
proves the app has it.
"""

import time
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import (
    HTTP_303_SEE_OTHER,
    HTTP_409_CONFLICT,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_429_TOO_MANY_REQUESTS,
)
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.accounts import LoginRefused
from feedback.desk.receipts import qr_svg
from feedback.i18n import N_, gettext
from feedback.models import Role, User
from feedback.twofactor import services
from feedback.twofactor.services import CodeRefused, TwoFactorError
from feedback.web.deps import Session, Staff
from feedback.web.forms import Id
from feedback.web.sessions import begin_session
from feedback.web.staff_auth import PASSED_SECOND_STEP, PENDING, login_redirect
from notify.db import utcnow

ADMINS = {"roles": {Role.ADMIN}}
ENROL_SECRET = "enrol_secret"  # noqa: S105  (the session key, not a secret)
WRONG_CODE = N_("This code is wrong, expired or already used. Type the current code from your app, or a recovery code.")
LOCKED = N_("Too many wrong attempts: this account is locked for 15 minutes.")
ENROL_WRONG = N_("This code does not match. Check the time of your phone and type the current 6-digit code.")


async def _pending_user(request: Request, session: AsyncSession) -> User:
    """Whose password was right in this session (or who is signed in, for enrolment); 401 otherwise."""
    data = request.session if "session" in request.scope else {}
    user_id = data.get(PENDING) or data.get("uid")
    user = await session.get(User, user_id) if user_id else None
    if user is None or not user.active:
        raise NotAuthorizedException()
    return user


def _sign_in(request: Request, user: User) -> Redirect:
    data = request.session
    next_path = data.get("next") or "/can-bo"
    begin_session(request, {"uid": user.id, "since": data.get("since", time.time()), PASSED_SECOND_STEP: True})
    return Redirect(path=next_path, status_code=HTTP_303_SEE_OTHER)


def _code_page(error: str | None = None, status: int = 200) -> Template:
    return Template("staff/second_step.html", context={"error": error}, status_code=status)


@get("/can-bo/dang-nhap/ma-xac-thuc", name="staff_second_step")
async def second_step_form(request: Request, session: Session) -> Template | Redirect:
    if PENDING not in (request.session if "session" in request.scope else {}):
        return login_redirect(request)
    await _pending_user(request, session)
    return _code_page()


@post("/can-bo/dang-nhap/ma-xac-thuc", name="staff_second_step_submit")
async def second_step(request: Request, session: Session) -> Template | Redirect:
    if PENDING not in (request.session if "session" in request.scope else {}):
        return login_redirect(request)
    user = await _pending_user(request, session)
    code = str((await request.form()).get("code", ""))
    failures = request.app.stores.get("login_failures")
    try:
        await services.verify_counted(session, failures, user, code, now=utcnow())  # type: ignore[arg-type]
    except LoginRefused:
        request.clear_session()
        return _code_page(gettext(LOCKED), HTTP_429_TOO_MANY_REQUESTS)
    except CodeRefused:
        return _code_page(gettext(WRONG_CODE), HTTP_422_UNPROCESSABLE_ENTITY)
    return _sign_in(request, user)


def _enrol_page(request: Request, user: User, error: str | None = None, status: int = 200) -> Template:
    secret = request.session[ENROL_SECRET]
    uri = services.provisioning_uri(secret, user.username)
    return Template(
        "staff/enrol.html",
        context={
            "qr": qr_svg(uri, gettext("QR code to scan with your authenticator app")),
            "secret": services.grouped(secret),
            "required": services.is_required(user),
            "error": error,
        },
        status_code=status,
    )


@get("/can-bo/dang-nhap/dang-ky-xac-thuc", name="staff_enrol")
async def enrol_form(request: Request, session: Session) -> Template | Redirect:
    try:
        user = await _pending_user(request, session)
    except NotAuthorizedException:
        return login_redirect(request)
    if await services.is_enrolled(session, user.id or 0):
        return Redirect(path=request.app.route_reverse("staff_second_step"), status_code=HTTP_303_SEE_OTHER)
    if ENROL_SECRET not in request.session:
        request.session[ENROL_SECRET] = services.new_secret()  # kept until the app proves it has it
    return _enrol_page(request, user)


@post("/can-bo/dang-nhap/dang-ky-xac-thuc", name="staff_enrol_submit")
async def enrol(request: Request, session: Session) -> Template | Redirect:
    try:
        user = await _pending_user(request, session)
    except NotAuthorizedException:
        return login_redirect(request)
    if ENROL_SECRET not in request.session:
        return Redirect(path=request.app.route_reverse("staff_enrol"), status_code=HTTP_303_SEE_OTHER)
    code = str((await request.form()).get("code", ""))
    try:
        codes = await services.enrol(session, user, request.session[ENROL_SECRET], code, now=utcnow())
    except CodeRefused:
        return _enrol_page(request, user, gettext(ENROL_WRONG), HTTP_422_UNPROCESSABLE_ENTITY)
    except TwoFactorError:
        return Redirect(path=request.app.route_reverse("staff_second_step"), status_code=HTTP_303_SEE_OTHER)
    next_path = _sign_in(request, user).url
    return Template("staff/recovery_codes.html", context={"codes": codes, "next": next_path})


async def _own_page(session: AsyncSession, staff: User, error: str | None = None, status: int = 200) -> Template:
    enrolled = await services.is_enrolled(session, staff.id or 0)
    return Template(
        "staff/two_factor.html",
        context={
            "staff": staff,
            "enrolled": enrolled,
            "required": services.is_required(staff),
            "codes_left": await services.recovery_codes_left(session, staff.id or 0) if enrolled else 0,
            "error": error,
        },
        status_code=status,
    )


@get("/xac-thuc-hai-buoc", name="staff_two_factor")
async def own_page(session: Session, staff: Staff) -> Template:
    return await _own_page(session, staff)


@post("/xac-thuc-hai-buoc/tat", name="staff_two_factor_disable")
async def disable(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    code = str((await request.form()).get("code", ""))
    try:
        async with session.begin_nested():
            await services.disable(session, staff, code, now=utcnow())
    except TwoFactorError:
        message = N_("Your role requires two-step verification: it cannot be turned off.")
        return await _own_page(session, staff, gettext(message), HTTP_409_CONFLICT)
    except CodeRefused:
        return await _own_page(session, staff, gettext(WRONG_CODE), HTTP_422_UNPROCESSABLE_ENTITY)
    flash(request, gettext(N_("Two-step verification is turned off.")), category="success")
    return Redirect(path=request.app.route_reverse("staff_two_factor"), status_code=HTTP_303_SEE_OTHER)


async def _member(session: AsyncSession, user_id: int) -> User:
    member = await session.get(User, user_id)
    if member is None:
        raise NotFoundException()
    return member


def _admin_path(request: Request, user_id: int) -> str:
    return request.app.route_reverse("staff_member_two_factor", user_id=user_id)


@get("/quan-tri/tai-khoan/{user_id:int}/xac-thuc-hai-buoc", name="staff_member_two_factor", opt=ADMINS)
async def member_page(session: Session, staff: Staff, user_id: Id) -> Template:
    member = await _member(session, user_id)
    context: dict[str, Any] = {
        "staff": staff,
        "member": member,
        "enrolled": await services.is_enrolled(session, user_id),
        "required": services.is_required(member),
        "role_requires": member.role in services.REQUIRED_ROLES,
    }
    return Template("staff/member_two_factor.html", context=context)


@post("/quan-tri/tai-khoan/{user_id:int}/xac-thuc-hai-buoc/dat-lai", name="staff_member_two_factor_reset", opt=ADMINS)
async def member_reset(request: Request, session: Session, staff: Staff, user_id: Id) -> Redirect:
    member = await _member(session, user_id)
    try:
        await services.reset(session, member, actor_id=staff.id, now=utcnow())
    except TwoFactorError:
        flash(request, gettext(N_("This account has no second factor to reset.")), category="error")
    else:
        flash(
            request,
            gettext(N_("The second factor of %(name)s is reset.")) % {"name": member.full_name},
            category="success",
        )
    return Redirect(path=_admin_path(request, user_id), status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/tai-khoan/{user_id:int}/xac-thuc-hai-buoc/yeu-cau", name="staff_member_two_factor_require", opt=ADMINS)
async def member_require(request: Request, session: Session, staff: Staff, user_id: Id) -> Redirect:
    member = await _member(session, user_id)
    required = (await request.form()).get("required") == "on"
    await services.set_required(session, member, required, actor_id=staff.id, now=utcnow())
    flash(request, gettext(N_("Saved.")), category="success")
    return Redirect(path=_admin_path(request, user_id), status_code=HTTP_303_SEE_OTHER)


PAGES = [second_step_form, second_step, enrol_form, enrol]
"""Reached before the member is signed in."""
ROUTES = [own_page, disable, member_page, member_reset, member_require]
"""In the staff workspace."""
