"""The working-calendar page: a year of days, the year's overrides, and adding or withdrawing one.

Every change is checked by :mod:`routing.admin` (the rules the CLI uses), previewed with the
number of running questions it will recount (:mod:`feedback.calendar.recount`) and made only
once confirmed (:mod:`feedback.admin.confirm`).
"""

from datetime import date
from typing import Any

from litestar import Request, get, post
from litestar.params import FromQuery
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin.confirm import Preview, confirmation_page, confirmed
from feedback.admin.refused import said
from feedback.calendar import recount
from feedback.calendar.year import KIND_LABELS, DayKind, year_view
from feedback.i18n import N_, current_language, gettext, local_datetime, ngettext
from feedback.models import Role, User
from feedback.staff_view import CLOCK_LABELS
from feedback.web.deps import Session, Staff
from feedback.web.forms import whole_number
from notify.db import utcnow
from routing import admin
from routing.calendar import VIETNAM, YEARS
from routing.services import routing_data

CALENDAR_STAFF = {"roles": {Role.ADMIN, Role.COORDINATOR}}
PAGE = "/can-bo/quan-tri/lich-lam-viec"
FIELDS = ("first", "last", "kind", "reason")
DAY_OFF, WORKING = "off", "working"

# What the form itself refuses, beside its field (the calendar's rules refuse with routing.admin.AdminError).
DATE_MISSING = N_("Give the first day.")
DATE_INVALID = N_("Write the date as dd/mm/yyyy, e.g. 30/12/2026.")
KIND_INVALID = N_("Choose a day off or a working day.")


def _date(text: str) -> date:
    """A day typed as ``30/12/2026`` or sent by a date field as ``2026-12-30``, in the portal's years."""
    text = text.strip()
    try:
        if "/" in text:
            day_, month, year = (int(part) for part in text.split("/"))
            day = date(year, month, day_)
        else:
            day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("date_invalid") from None
    if day.year not in YEARS:
        raise ValueError("date_invalid")
    return day


async def _page(
    session: AsyncSession,
    staff: User,
    year: int,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    overrides = await admin.list_overrides(session, year)
    calendar = (await routing_data(session)).calendar
    return Template(
        "admin/calendar.html",
        context={
            "staff": staff,
            "year": year,
            "years": YEARS,
            "months": year_view(calendar, year, overrides, current_language()),
            "overrides": overrides,
            "kinds": [(kind, gettext(KIND_LABELS[kind])) for kind in DayKind],
            "form": form or {"kind": DAY_OFF},
            "errors": errors or {},
            "max_days": admin.MAX_OVERRIDE_DAYS,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


def _this_year() -> int:
    return utcnow().astimezone(VIETNAM).year


@get("/quan-tri/lich-lam-viec", name="staff_calendar", opt=CALENDAR_STAFF)
async def calendar_page(session: Session, staff: Staff, year: FromQuery[str | None] = None) -> Template:
    chosen = whole_number(year, "year", low=YEARS.start, high=YEARS.stop - 1) or _this_year()
    return await _page(session, staff, chosen)


def _effects(result: recount.Recount) -> list[str]:
    effects = [
        ngettext(
            "{n} running question will have its deadline recounted.",
            "{n} running questions will have their deadlines recounted.",
            result.tickets,
        ).format(n=result.tickets)
    ]
    effects += [f"{gettext(CLOCK_LABELS[kind])}: {n}" for kind, n in sorted(result.clocks.items())]
    effects += [
        gettext("{reference}: {clock} {before} → {after}").format(
            reference=e.reference,
            clock=gettext(CLOCK_LABELS[e.clock]).lower(),
            before=local_datetime(e.before),
            after=local_datetime(e.after),
        )
        for e in result.examples
    ]
    return effects


async def _form(request: Request) -> dict[str, str]:
    data = await request.form()
    return {name: value if isinstance(value := data.get(name), str) else "" for name in (*FIELDS, "confirm", "day")}


def _parsed(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The form's dates and kind, or the errors beside the fields."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"reason": form["reason"]}
    for name in ("first", "last"):
        if not form[name].strip():
            values[name] = None
            if name == "first":
                errors[name] = gettext(DATE_MISSING)
            continue
        try:
            values[name] = _date(form[name])
        except ValueError:
            errors[name] = gettext(DATE_INVALID)
    if form["kind"] not in (DAY_OFF, WORKING):
        errors["kind"] = gettext(KIND_INVALID)
    values["working"] = form["kind"] == WORKING
    return values, errors


@post("/quan-tri/lich-lam-viec", name="staff_calendar_add", opt=CALENDAR_STAFF)
async def calendar_add(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form = await _form(request)
    values, errors = _parsed(form)
    year = values.get("first").year if isinstance(values.get("first"), date) else _this_year()
    kept = {name: form[name] for name in FIELDS}
    if errors:
        return await _page(session, staff, year, form=kept, errors=errors)
    now = utcnow()
    try:
        if not confirmed(form):
            result = await recount.preview_add(session, **values, now=now)
            return _confirm_add(staff, values, kept, result)
        result = await recount.add_override(session, **values, actor_id=staff.id, now=now)
    except admin.AdminError as refused:
        return await _page(session, staff, year, form=kept, errors=said(refused))
    message = ngettext(
        "The calendar is changed; {n} running question had its deadline recounted.",
        "The calendar is changed; {n} running questions had their deadlines recounted.",
        result.tickets,
    )
    flash(request, message.format(n=result.tickets), category="success")
    return Redirect(path=f"{PAGE}?year={year}", status_code=HTTP_303_SEE_OTHER)


def _confirm_add(staff: User, values: dict[str, Any], kept: dict[str, str], result: recount.Recount) -> Template:
    first, last = values["first"], values["last"] or values["first"]
    days = f"{first:%d/%m/%Y}" if first == last else f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
    summary = (
        gettext("Mark {days} as a working day: {reason}")
        if values["working"]
        else gettext("Mark {days} as a day off: {reason}")
    )
    return confirmation_page(
        staff,
        Preview(summary.format(days=days, reason=values["reason"].strip()), _effects(result)),
        title=gettext("Change the working calendar"),
        action=f"{PAGE}",
        fields=kept,
        back=f"{PAGE}?year={first.year}",
    )


@post("/quan-tri/lich-lam-viec/go-bo", name="staff_calendar_remove", opt=CALENDAR_STAFF)
async def calendar_remove(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form = await _form(request)
    try:
        day = _date(form["day"])
    except ValueError:
        return await _page(session, staff, _this_year(), errors={"first": gettext(DATE_INVALID)})
    now = utcnow()
    try:
        if not confirmed(form):
            override = await admin.override_on(session, day)
            result = await recount.preview_remove(session, day=day, now=now)
            summary = (
                gettext("Remove the change on {day}, a Saturday or Sunday worked: it becomes a day off again.")
                if override.working
                else gettext("Remove the change on {day}, an extra day off: it becomes a working day again.")
            ).format(day=f"{day:%d/%m/%Y}")
            return confirmation_page(
                staff,
                Preview(summary, _effects(result)),
                title=gettext("Change the working calendar"),
                action=f"{PAGE}/go-bo",
                fields={"day": day.isoformat()},
                back=f"{PAGE}?year={day.year}",
            )
        result = await recount.remove_override(session, day=day, actor_id=staff.id, now=now)
    except admin.AdminError as refused:
        return await _page(session, staff, day.year, errors=said(refused))
    message = ngettext(
        "The change is removed; {n} running question had its deadline recounted.",
        "The change is removed; {n} running questions had their deadlines recounted.",
        result.tickets,
    )
    flash(request, message.format(n=result.tickets), category="success")
    return Redirect(path=f"{PAGE}?year={day.year}", status_code=HTTP_303_SEE_OTHER)


ROUTES = [calendar_page, calendar_add, calendar_remove]
