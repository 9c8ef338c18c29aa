"""``/can-bo/quan-tri/tai-khoan``: staff accounts, for admins (every account) and heads (their own
officers), see :mod:`feedback.admin.accounts`."""

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin import accounts
from feedback.admin.confirm import confirmation_page, confirmed
from feedback.admin.forms import posted
from feedback.admin.refused import said
from feedback.i18n import N_, gettext
from feedback.models import Role, User
from feedback.web.deps import Session, Staff
from notify.db import utcnow
from routing.errors import Refusal
from routing.models import Department

MANAGERS = {"roles": accounts.MANAGERS}
ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/quan-tri/tai-khoan"
CREATE_FIELDS = ("username", "full_name", "email", "role", "department", "password")
KEPT_FIELDS = ("username", "full_name", "email", "role", "department")
"""What a refused form keeps of what was typed: not the password."""


def _choices(staff: User) -> dict[str, object]:
    roles = (
        list(accounts.ROLE_NAMES.items())
        if staff.role is Role.ADMIN
        else [(Role.OFFICER, accounts.ROLE_NAMES[Role.OFFICER])]
    )
    return {"roles": roles, "role_names": accounts.ROLE_NAMES}


async def _departments(session: AsyncSession, staff: User) -> list[Department]:
    query = select(Department).where(Department.active).order_by(Department.name)
    if staff.role is not Role.ADMIN:
        query = query.where(Department.id == staff.department_id)
    return list(await session.scalars(query))


async def _list_page(
    session: AsyncSession, staff: User, *, form: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> Template:
    departments = await _departments(session, staff)
    default = {
        "role": Role.OFFICER.value,
        "department": departments[0].code if staff.role is Role.HEAD and departments else "",
    }
    return Template(
        "admin/accounts.html",
        context={
            "staff": staff,
            "rows": await accounts.list_accounts(session, staff),
            "departments": departments,
            "form": form or default,
            "errors": errors or {},
            **_choices(staff),
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/tai-khoan", name="staff_admin_accounts", opt=MANAGERS)
async def accounts_page(session: Session, staff: Staff) -> Template:
    return await _list_page(session, staff)


@post("/quan-tri/tai-khoan", name="staff_admin_account_create", opt=MANAGERS)
async def account_create(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form = await posted(request, (*CREATE_FIELDS, "confirm"))
    fields = {name: form[name] for name in CREATE_FIELDS}
    values = {**fields, "email": fields["email"] or None, "department": fields["department"] or None}
    try:
        if not confirmed(form):
            preview = await accounts.preview_create(session, viewer=staff, **values, now=utcnow())
            title = gettext(N_("Create an account"))
            return confirmation_page(staff, preview, title=title, action=PAGE, fields=fields, back=PAGE)
        user = await accounts.create_account(session, viewer=staff, **values, actor_id=staff.id, now=utcnow())
    except Refusal as refused:
        kept = {name: fields[name] for name in KEPT_FIELDS}
        return await _list_page(session, staff, form=kept, errors=said(refused))
    flash(request, gettext(N_("The account {username} is created.")).format(username=user.username), category="success")
    return Redirect(path=_path(user), status_code=HTTP_303_SEE_OTHER)


def _path(user: User) -> str:
    return f"{PAGE}/{user.id}"


async def _account_page(
    session: AsyncSession,
    staff: User,
    member: User,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    department = await session.get(Department, member.department_id) if member.department_id else None
    return Template(
        "admin/account.html",
        context={
            "staff": staff,
            "member": member,
            "department": department,
            "departments": await _departments(session, staff),
            "form": form or {"role": member.role.value, "department": department.code if department else ""},
            "errors": errors or {},
            "page": PAGE,
            **_choices(staff),
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/tai-khoan/{user_id:int}", name="staff_admin_account", opt=MANAGERS)
async def account_page(session: Session, staff: Staff, user_id: FromPath[int]) -> Template:
    return await _account_page(session, staff, await accounts.managed_account(session, staff, user_id))


@post("/quan-tri/tai-khoan/{user_id:int}/vai-tro", name="staff_admin_account_role", opt=ADMINS)
async def account_role(request: Request, session: Session, staff: Staff, user_id: FromPath[int]) -> Template | Redirect:
    member = await accounts.managed_account(session, staff, user_id)
    form = await posted(request, ("role", "department", "confirm"))
    fields = {"role": form["role"], "department": form["department"]}
    values = {"role": form["role"], "department": form["department"] or None}
    path = f"{_path(member)}/vai-tro"
    try:
        if not confirmed(form):
            preview = await accounts.preview_role(session, member, viewer=staff, **values, now=utcnow())
            title = gettext(N_("Role and department of {name}")).format(name=member.full_name)
            return confirmation_page(staff, preview, title=title, action=path, fields=fields, back=_path(member))
        await accounts.change_role(session, member, viewer=staff, **values, actor_id=staff.id, now=utcnow())
    except Refusal as refused:
        return await _account_page(session, staff, member, form=fields, errors=said(refused))
    flash(request, gettext(N_("Saved.")), category="success")
    return Redirect(path=_path(member), status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/tai-khoan/{user_id:int}/trang-thai", name="staff_admin_account_active", opt=MANAGERS)
async def account_active(
    request: Request, session: Session, staff: Staff, user_id: FromPath[int]
) -> Template | Redirect:
    member = await accounts.managed_account(session, staff, user_id)
    form = await posted(request, ("active", "confirm"))
    active = form["active"] == "yes"
    path = f"{_path(member)}/trang-thai"
    try:
        if not confirmed(form):
            preview = await accounts.preview_active(session, member, active, actor_id=staff.id or 0, now=utcnow())
            title = gettext(N_("Reactivate {name}") if active else N_("Deactivate {name}")).format(
                name=member.full_name
            )
            fields = {"active": form["active"]}
            return confirmation_page(staff, preview, title=title, action=path, fields=fields, back=_path(member))
        await accounts.set_account_active(session, member, active, actor_id=staff.id, now=utcnow())
    except Refusal as refused:
        return await _account_page(session, staff, member, errors=said(refused))
    message = N_("The account of {name} is reactivated.") if active else N_("The account of {name} is deactivated.")
    flash(request, gettext(message).format(name=member.full_name), category="success")
    return Redirect(path=_path(member), status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/tai-khoan/{user_id:int}/mat-khau", name="staff_admin_account_password", opt=MANAGERS)
async def account_password(request: Request, session: Session, staff: Staff, user_id: FromPath[int]) -> Template:
    member = await accounts.managed_account(session, staff, user_id)
    form = await posted(request, ("choice", "password", "confirm"))
    typed = form["password"] if form["choice"] == "typed" else None
    path = f"{_path(member)}/mat-khau"
    try:
        if not confirmed(form):
            preview = await accounts.preview_reset(session, member, typed, actor_id=staff.id or 0, now=utcnow())
            title = gettext(N_("New password for {name}")).format(name=member.full_name)
            fields = {"choice": form["choice"], "password": typed or ""}
            return confirmation_page(staff, preview, title=title, action=path, fields=fields, back=_path(member))
        password = typed if typed is not None else accounts.generated_password()
        await accounts.reset_password(session, member, password, actor_id=staff.id, now=utcnow())
    except Refusal as refused:
        return await _account_page(session, staff, member, errors=said(refused))
    return Template(
        "admin/new_password.html",
        context={"staff": staff, "member": member, "password": password, "back": _path(member)},
        headers={"Cache-Control": "no-store"},
    )


ROUTES = [accounts_page, account_create, account_page, account_role, account_active, account_password]
