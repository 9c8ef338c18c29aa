"""``/can-bo/quan-tri/don-vi``: the admins' pages of the departments (see :mod:`feedback.admin.departments`)."""

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin import departments
from feedback.admin.confirm import confirmation_page, confirmed
from feedback.admin.forms import posted
from feedback.admin.refused import said
from feedback.i18n import N_, gettext
from feedback.models import Role, User
from feedback.web.deps import Session, Staff
from notify.db import utcnow
from routing.admin import AdminError, department_named
from routing.models import Department

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/quan-tri/don-vi"
REORGANISATION = "/can-bo/quan-tri/sap-xep-to-chuc"
ADD_FIELDS = ("code", "name", "name_en", "mailbox", "parent")
CHANGE_FIELDS = ("parent", "mailbox", "coordinating")


async def _list_page(
    session: AsyncSession, staff: User, *, form: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> Template:
    tree, inactive = await departments.department_tree(session)
    return Template(
        "admin/departments.html",
        context={
            "staff": staff,
            "tree": tree,
            "inactive": inactive,
            "form": form or {},
            "errors": errors or {},
            "reorganisation": REORGANISATION,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/don-vi", name="staff_admin_departments", opt=ADMINS)
async def departments_page(session: Session, staff: Staff) -> Template:
    return await _list_page(session, staff)


@post("/quan-tri/don-vi", name="staff_admin_department_add", opt=ADMINS)
async def department_add(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form = await posted(request, (*ADD_FIELDS, "confirm"))
    fields = {name: form[name] for name in ADD_FIELDS}
    values = {**fields, "mailbox": fields["mailbox"] or None, "parent": fields["parent"] or None}
    try:
        if not confirmed(form):
            preview = await departments.preview_add(session, **values, now=utcnow())
            title = gettext(N_("Add a department"))
            return confirmation_page(staff, preview, title=title, action=PAGE, fields=fields, back=PAGE)
        department = await departments.add_department(session, **values, actor_id=staff.id, now=utcnow())
    except AdminError as refused:
        return await _list_page(session, staff, form=fields, errors=said(refused))
    flash(request, gettext(N_("{name} is added.")).format(name=department.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


def _path(department: Department) -> str:
    return f"{PAGE}/{department.code}"


async def _department_page(
    session: AsyncSession,
    staff: User,
    department: Department,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    parent = await session.get(Department, department.parent_id) if department.parent_id else None
    others = await session.scalars(
        select(Department).where(Department.active, Department.id != department.id).order_by(Department.name)
    )
    blockers = [said(b)["department"] for b in await departments.deactivation_blockers(session, department)]
    return Template(
        "admin/department.html",
        context={
            "staff": staff,
            "department": department,
            "others": list(others),
            "form": form
            or {
                "parent": parent.code if parent else "",
                "mailbox": department.mailbox or "",
                "coordinating": "yes" if department.is_coordinating_office else "",
            },
            "errors": errors or {},
            "blockers": blockers,
            "reorganisation": REORGANISATION,
            "page": PAGE,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


async def _department(session: AsyncSession, code: str) -> Department:
    try:
        return await department_named(session, code)
    except AdminError:
        raise NotFoundException() from None


@get("/quan-tri/don-vi/{code:str}", name="staff_admin_department", opt=ADMINS)
async def department_page(session: Session, staff: Staff, code: FromPath[str]) -> Template:
    return await _department_page(session, staff, await _department(session, code))


@post("/quan-tri/don-vi/{code:str}", name="staff_admin_department_change", opt=ADMINS)
async def department_change(
    request: Request, session: Session, staff: Staff, code: FromPath[str]
) -> Template | Redirect:
    department = await _department(session, code)
    form = await posted(request, (*CHANGE_FIELDS, "confirm"))
    fields = {name: form[name] for name in CHANGE_FIELDS}
    values = {
        "parent": fields["parent"] or None,
        "mailbox": fields["mailbox"],
        "coordinating": bool(fields["coordinating"]),
    }
    try:
        if not confirmed(form):
            preview = await departments.preview_change(session, department.code, **values, now=utcnow())
            title = gettext(N_("Change {name}")).format(name=department.name)
            path = _path(department)
            return confirmation_page(staff, preview, title=title, action=path, fields=fields, back=path)
        await departments.change_department(session, department.code, **values, actor_id=staff.id, now=utcnow())
    except AdminError as refused:
        return await _department_page(session, staff, department, form=fields, errors=said(refused))
    flash(request, gettext(N_("{name} is changed.")).format(name=department.name), category="success")
    return Redirect(path=_path(department), status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/don-vi/{code:str}/ngung-hoat-dong", name="staff_admin_department_deactivate", opt=ADMINS)
async def department_deactivate(
    request: Request, session: Session, staff: Staff, code: FromPath[str]
) -> Template | Redirect:
    department = await _department(session, code)
    form = await posted(request, ("confirm",))
    path = f"{_path(department)}/ngung-hoat-dong"
    try:
        if not confirmed(form):
            preview = await departments.preview_deactivate(session, department.code, now=utcnow())
            title = gettext(N_("Deactivate {name}")).format(name=department.name)
            return confirmation_page(staff, preview, title=title, action=path, fields={}, back=_path(department))
        await departments.deactivate_department(session, department.code, actor_id=staff.id, now=utcnow())
    except AdminError as refused:
        return await _department_page(session, staff, department, errors=said(refused))
    flash(request, gettext(N_("{name} is deactivated.")).format(name=department.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ROUTES = [departments_page, department_add, department_page, department_change, department_deactivate]
