"""``/can-bo/quan-tri/linh-vuc``: the admins' pages of the topics (see :mod:`feedback.admin.topics`)."""

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin import topics
from feedback.admin.confirm import confirmation_page, confirmed
from feedback.admin.forms import posted
from feedback.admin.refused import said
from feedback.i18n import N_, gettext
from feedback.models import Role, User
from feedback.web.deps import Session, Staff
from notify.db import utcnow
from routing.admin import AdminError
from routing.models import Category, Department

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/quan-tri/linh-vuc"
ADD_FIELDS = ("code", "name", "name_en", "group", "group_en", "department")
CHANGE_FIELDS = ("name", "name_en", "group", "group_en", "position", "department", "active")


async def _departments(session: AsyncSession) -> list[Department]:
    return list(await session.scalars(select(Department).where(Department.active).order_by(Department.name)))


async def _list_page(
    session: AsyncSession, staff: User, *, form: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> Template:
    return Template(
        "admin/topics.html",
        context={
            "staff": staff,
            "groups": await topics.topic_groups(session, now=utcnow()),
            "departments": await _departments(session),
            "form": form or {},
            "errors": errors or {},
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/linh-vuc", name="staff_admin_topics", opt=ADMINS)
async def topics_page(session: Session, staff: Staff) -> Template:
    return await _list_page(session, staff)


@post("/quan-tri/linh-vuc", name="staff_admin_topic_add", opt=ADMINS)
async def topic_add(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form = await posted(request, (*ADD_FIELDS, "confirm"))
    fields = {name: form[name] for name in ADD_FIELDS}
    values = {**fields, "department": fields["department"] or None}
    try:
        if not confirmed(form):
            preview = await topics.preview_add(session, **values, now=utcnow())
            title = gettext(N_("Add a topic"))
            return confirmation_page(staff, preview, title=title, action=PAGE, fields=fields, back=PAGE)
        topic = await topics.add_topic(session, **values, actor_id=staff.id, now=utcnow())
    except AdminError as refused:
        return await _list_page(session, staff, form=fields, errors=said(refused))
    flash(request, gettext(N_("The topic {name} is added.")).format(name=topic.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


async def _topic(session: AsyncSession, code: str) -> Category:
    try:
        return await topics.topic_named(session, code)
    except AdminError:
        raise NotFoundException() from None


async def _topic_page(
    session: AsyncSession,
    staff: User,
    topic: Category,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    department = await session.get(Department, topic.default_department_id) if topic.default_department_id else None
    current = {
        "name": topic.name,
        "name_en": topic.name_en,
        "group": topic.group,
        "group_en": topic.group_en,
        "position": str(topic.position),
        "department": department.code if department else "",
        "active": "yes" if topic.active else "",
    }
    return Template(
        "admin/topic.html",
        context={
            "staff": staff,
            "topic": topic,
            "departments": await _departments(session),
            "form": form or current,
            "errors": errors or {},
            "page": PAGE,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/linh-vuc/{code:str}", name="staff_admin_topic", opt=ADMINS)
async def topic_page(session: Session, staff: Staff, code: FromPath[str]) -> Template:
    return await _topic_page(session, staff, await _topic(session, code))


def _position(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise AdminError(N_("write the position as a whole number, e.g. 10"), field="position") from None


@post("/quan-tri/linh-vuc/{code:str}", name="staff_admin_topic_change", opt=ADMINS)
async def topic_change(request: Request, session: Session, staff: Staff, code: FromPath[str]) -> Template | Redirect:
    topic = await _topic(session, code)
    form = await posted(request, (*CHANGE_FIELDS, "confirm"))
    fields = {name: form[name] for name in CHANGE_FIELDS}
    path = f"{PAGE}/{topic.code}"
    try:
        changes = {
            "name": fields["name"],
            "name_en": fields["name_en"],
            "group": fields["group"],
            "group_en": fields["group_en"],
            "position": _position(fields["position"]),
            "department": fields["department"] or None,
            "clear_department": not fields["department"],
            "active": fields["active"] == "yes",
        }
        if not confirmed(form):
            preview = await topics.preview_change(session, topic.code, **changes, now=utcnow())
            title = gettext(N_("Change the topic {name}")).format(name=topic.name)
            return confirmation_page(staff, preview, title=title, action=path, fields=fields, back=path)
        await topics.change_topic(session, topic.code, **changes, actor_id=staff.id, now=utcnow())
    except AdminError as refused:
        return await _topic_page(session, staff, topic, form=fields, errors=said(refused))
    flash(request, gettext(N_("The topic {name} is changed.")).format(name=topic.name), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ROUTES = [topics_page, topic_add, topic_page, topic_change]
