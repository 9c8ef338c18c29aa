"""``/can-bo/quan-tri/sap-xep-to-chuc``: admins merge, split, rename departments or hand topics over; preview, confirm.

Each form is checked by the plan functions the command line uses, previewed with
:func:`feedback.admin.confirm.confirmation_page`, and only made once confirmed.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
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
from feedback.reorganisation.history import history
from feedback.reorganisation.plans import (
    Kind,
    NewDepartment,
    Plan,
    ReorganisationError,
    parse_day,
    plan_hand_over,
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
    Kind.MERGE: N_("Merge departments"),
    Kind.SPLIT: N_("Split a department by topic"),
    Kind.RENAME: N_("Rename a department"),
    Kind.HAND_OVER: N_("Hand topics over to another department"),
}
DONE = {
    Kind.MERGE: N_("Merged: {moved} open questions now with {targets}."),
    Kind.SPLIT: N_("Split: {moved} open questions now with {targets}."),
    Kind.RENAME: N_("Renamed: {moved} open questions now with {targets}."),
    Kind.HAND_OVER: N_("Handed over: {moved} open questions now with {targets}."),
}
TICKED = ("sources", "topics")
"""The forms' lists of boxes: the departments a merge ends, the topics a hand-over gives."""


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


@dataclass(frozen=True)
class Posted:
    """A reorganisation form as posted: its single fields, and the boxes ticked (:data:`TICKED`)."""

    fields: dict[str, str]
    ticked: dict[str, list[str]]

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


async def _merge(session: AsyncSession, posted: Posted, now: datetime) -> Plan:
    into = posted.get("into") or NewDepartment(posted.get("code"), posted.get("name"), posted.get("name_en"))
    return await plan_merge(session, posted.ticked["sources"], into=into, on=parse_day(posted.get("on")), now=now)


async def _split(session: AsyncSession, posted: Posted, now: datetime) -> Plan:
    into = {name.removeprefix(TOPIC): code for name, code in posted.fields.items() if name.startswith(TOPIC) and code}
    default = posted.get("default") or None
    return await plan_split(
        session, posted.get("source"), into=into, default=default, on=parse_day(posted.get("on")), now=now
    )


async def _rename(session: AsyncSession, posted: Posted, now: datetime) -> Plan:
    return await plan_rename(
        session,
        posted.get("source"),
        name=posted.get("name"),
        name_en=posted.get("name_en"),
        on=parse_day(posted.get("on")),
        now=now,
    )


async def _hand_over(session: AsyncSession, posted: Posted, now: datetime) -> Plan:
    return await plan_hand_over(
        session, posted.get("source"), topics=posted.ticked["topics"], to=posted.get("to"), now=now
    )


PLANNERS: dict[Kind, Callable[[AsyncSession, Posted, datetime], Awaitable[Plan]]] = {
    Kind.MERGE: _merge,
    Kind.SPLIT: _split,
    Kind.RENAME: _rename,
    Kind.HAND_OVER: _hand_over,
}
PATHS = {
    Kind.MERGE: f"{PAGE}/sap-nhap",
    Kind.SPLIT: f"{PAGE}/chia-tach",
    Kind.RENAME: f"{PAGE}/doi-ten",
    Kind.HAND_OVER: f"{PAGE}/chuyen-giao",
}


async def _handle(request: Request, session: AsyncSession, staff: User, kind: Kind) -> Template | Redirect:
    """Check the form with the shared plans; preview it until confirmed; then make it, flash and list."""
    data = await request.form()
    ticked = {name: [value for value in data.getall(name, []) if isinstance(value, str)] for name in TICKED}
    posted = Posted({k: v for k, v in data.items() if isinstance(v, str) and k not in ("_csrf_token", *TICKED)}, ticked)
    now = utcnow()
    try:
        plan = await PLANNERS[kind](session, posted, now)
    except ReorganisationError as refused:
        values = posted.fields | {name: ",".join(values) for name, values in ticked.items()}
        return await _page(session, staff, form=kind.value, values=values, error=refused)
    if not confirmed(posted.fields):
        fields: dict[str, str | list[str]] = {**posted.fields, **ticked}
        title = gettext(TITLES[kind])
        return confirmation_page(staff, preview(plan), title=title, action=PATHS[kind], fields=fields, back=PAGE)
    done = await apply(session, plan, actor_id=staff.id, now=now)
    english = current_language() == "en"
    targets = ", ".join(t.name_en if english else t.name for t in done.targets)
    flash(request, gettext(DONE[kind]).format(moved=done.moved, targets=targets), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/sap-xep-to-chuc/sap-nhap", name="staff_reorganisation_merge", opt=ADMINS)
async def merge(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, Kind.MERGE)


@post("/quan-tri/sap-xep-to-chuc/chia-tach", name="staff_reorganisation_split", opt=ADMINS)
async def split(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, Kind.SPLIT)


@post("/quan-tri/sap-xep-to-chuc/doi-ten", name="staff_reorganisation_rename", opt=ADMINS)
async def rename(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, Kind.RENAME)


@post("/quan-tri/sap-xep-to-chuc/chuyen-giao", name="staff_reorganisation_hand_over", opt=ADMINS)
async def hand_over(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    return await _handle(request, session, staff, Kind.HAND_OVER)


ROUTES = [reorganisation_page, merge, split, rename, hand_over]
