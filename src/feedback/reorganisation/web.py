"""``/can-bo/quan-tri/sap-xep-to-chuc``: admins merge, split or rename departments, preview, confirm.

Each form is checked by the plan functions the command line uses, previewed with
:func:`feedback.admin.confirm.confirmation_page`, and only made once confirmed.
"""

from datetime import datetime

from litestar import Request, get, post
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin.confirm import confirmation_page, confirmed
from feedback.i18n import N_, current_language, gettext
from feedback.models import Role, User
from feedback.reorganisation.apply import apply
from feedback.reorganisation.plans import (
    NewDepartment,
    Plan,
    ReorganisationError,
    history,
    parse_day,
    plan_merge,
    plan_rename,
    plan_split,
)
from feedback.reorganisation.preview import preview
from feedback.web.deps import Session, Staff
from notify.db import utcnow
from routing.calendar import VIETNAM
from routing.models import Category, Department

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/quan-tri/sap-xep-to-chuc"
TOPIC = "topic:"
"""The split form's field of each topic: ``topic:<code>`` = the code of the department that takes it."""

TITLES = {
    "merge": N_("Merge departments"),
    "split": N_("Split a department by topic"),
    "rename": N_("Rename a department"),
}
DONE = {
    "merge": N_("Merged: {moved} open questions now with {targets}."),
    "split": N_("Split: {moved} open questions now with {targets}."),
    "rename": N_("Renamed: {moved} open questions now with {targets}."),
}


async def _page(
    session: AsyncSession,
    staff: User,
    *,
    form: str = "",
    values: dict[str, str] | None = None,
    error: ReorganisationError | None = None,
) -> Template:
    departments = list(await session.scalars(select(Department).where(Department.active).order_by(Department.name)))
    topics = list(
        await session.scalars(select(Category).where(Category.active).order_by(Category.position, Category.name))
    )
    return Template(
        "admin/reorganisation.html",
        context={
            "staff": staff,
            "departments": departments,
            "topics": topics,
            "past": await history(session),
            "form": form,
            "values": values or {},
            "errors": {error.field or "form": error.translated()} if error else {},
            "today": utcnow().astimezone(VIETNAM).date().isoformat(),
            "english": current_language() == "en",
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if error else 200,
    )


@get("/quan-tri/sap-xep-to-chuc", name="staff_reorganisation", opt=ADMINS)
async def reorganisation_page(session: Session, staff: Staff) -> Template:
    return await _page(session, staff)


async def _merge(session: AsyncSession, form: dict[str, str], now: datetime, sources: list[str]) -> Plan:
    into: str | NewDepartment = form.get("into") or NewDepartment(
        form.get("code", ""), form.get("name", ""), form.get("name_en", "")
    )
    return await plan_merge(session, sources, into=into, on=parse_day(form.get("on", "")), now=now)


async def _split(session: AsyncSession, form: dict[str, str], now: datetime) -> Plan:
    into = {name.removeprefix(TOPIC): code for name, code in form.items() if name.startswith(TOPIC) and code}
    return await plan_split(
        session,
        form.get("source", ""),
        into=into,
        default=form.get("default") or None,
        on=parse_day(form.get("on", "")),
        now=now,
    )


async def _rename(session: AsyncSession, form: dict[str, str], now: datetime) -> Plan:
    return await plan_rename(
        session,
        form.get("source", ""),
        name=form.get("name", ""),
        name_en=form.get("name_en", ""),
        on=parse_day(form.get("on", "")),
        now=now,
    )


async def _handle(request: Request, session: AsyncSession, staff: User, kind: str) -> Template | Redirect:
    data = await request.form()
    form = {name: value for name, value in data.items() if isinstance(value, str) and name != "_csrf_token"}
    sources = [value for value in data.getall("sources") if isinstance(value, str)] if kind == "merge" else []
    now = utcnow()
    try:
        if kind == "merge":
            plan = await _merge(session, form, now, sources)
        elif kind == "split":
            plan = await _split(session, form, now)
        else:
            plan = await _rename(session, form, now)
    except ReorganisationError as refused:
        return await _page(session, staff, form=kind, values=form | {"sources": ",".join(sources)}, error=refused)
    action = f"{PAGE}/{ACTIONS[kind]}"
    if not confirmed(form):
        fields: dict[str, str | list[str]] = {**form, "sources": sources} if sources else dict(form)
        return confirmation_page(
            staff, preview(plan), title=gettext(TITLES[kind]), action=action, fields=fields, back=PAGE
        )
    done = await apply(session, plan, actor_id=staff.id, now=now)
    english = current_language() == "en"
    targets = ", ".join(t.name_en if english else t.name for t in done.targets)
    flash(request, gettext(DONE[kind]).format(moved=done.moved, targets=targets), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ACTIONS = {"merge": "sap-nhap", "split": "chia-tach", "rename": "doi-ten"}


@post("/quan-tri/sap-xep-to-chuc/sap-nhap", name="staff_reorganisation_merge", opt=ADMINS)
async def merge(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, "merge")


@post("/quan-tri/sap-xep-to-chuc/chia-tach", name="staff_reorganisation_split", opt=ADMINS)
async def split(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, "split")


@post("/quan-tri/sap-xep-to-chuc/doi-ten", name="staff_reorganisation_rename", opt=ADMINS)
async def rename(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, "rename")


ROUTES = [reorganisation_page, merge, split, rename]
