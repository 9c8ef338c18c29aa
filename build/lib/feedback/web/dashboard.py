"""The leadership dashboard: departments' figures over a period, and every overdue question.

Leaders, coordinators and admins see every department; a head sees their own. The figures and
their definitions live in :mod:`feedback.performance`; this module reads the filters.
"""

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.channels import LABELS
from feedback.charts import Chart, grouped_bars, horizontal_bars, rate_line
from feedback.errors import FieldError, InvalidInput
from feedback.exports import MEDIA_TYPES, Format, as_csv, as_xlsx, department_table, overdue_table, question_table
from feedback.federation.network import network
from feedback.i18n import N_, current_language, gettext
from feedback.models import Role, User
from feedback.performance import (
    SORTS,
    Overview,
    PeriodKind,
    Scope,
    Week,
    overdue_tickets,
    overview,
    period,
    received_by_channel,
    weekly,
)
from feedback.web.deps import Session, Staff
from feedback.web.forms import whole_number
from notify.db import utcnow
from routing.calendar import VIETNAM
from routing.models import Category, Department
from routing.services import routing_data

WATCHERS = {"roles": {Role.LEADER, Role.COORDINATOR, Role.ADMIN, Role.HEAD}}
PERIOD_LABELS = {
    PeriodKind.WEEK: N_("This week"),
    PeriodKind.MONTH: N_("This month"),
    PeriodKind.QUARTER: N_("This quarter"),
    PeriodKind.CUSTOM: N_("Chosen dates"),
}


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters as the page shows them back (the raw text, even when invalid)."""

    period: str = PeriodKind.MONTH
    first: str = ""
    last: str = ""
    department_id: int | None = None
    category_id: int | None = None


def _day(value: str, field: str, errors: list[FieldError]) -> date | None:
    """A date typed as dd/mm/yyyy or sent by a date input as yyyy-mm-dd."""
    if not value.strip():
        return None
    for parse in (date.fromisoformat, lambda v: date(*reversed([int(p) for p in v.split("/")]))):
        try:
            return parse(value.strip())
        except (ValueError, TypeError):
            continue
    errors.append(FieldError(field, "date_invalid"))
    return None


def read_filters(
    staff: User,
    period_kind: str | None,
    first: str | None,
    last: str | None,
    department: str | None,
    category: str | None,
) -> tuple[Filters, Scope]:
    """The filters and the scope they mean for ``staff`` (a head: their department). Raises :class:`InvalidInput`."""
    kind = period_kind if period_kind in PERIOD_LABELS else PeriodKind.MONTH
    filters = Filters(
        period=kind,
        first=first or "",
        last=last or "",
        department_id=staff.department_id if staff.role is Role.HEAD else whole_number(department, "department"),
        category_id=whole_number(category, "category"),
    )
    errors: list[FieldError] = []
    first_day, last_day = _day(filters.first, "from", errors), _day(filters.last, "to", errors)
    if errors:
        raise InvalidInput(errors)
    chosen = period(kind, today=utcnow().astimezone(VIETNAM).date(), first=first_day, last=last_day)
    return filters, Scope(chosen, filters.department_id, filters.category_id)


async def _choices(session: AsyncSession) -> dict[str, object]:
    return {
        "departments": (
            await session.scalars(select(Department).where(Department.active).order_by(Department.name))
        ).all(),
        "categories": (await session.scalars(select(Category).order_by(Category.position))).all(),
        "period_labels": PERIOD_LABELS,
    }


@get("/bang-dieu-khien", name="dashboard", opt=WATCHERS)
async def dashboard_page(
    request: Request,
    session: Session,
    staff: Staff,
    period_kind: Annotated[str | None, QueryParameter(name="period")] = None,
    first: Annotated[str | None, QueryParameter(name="from")] = None,
    last: Annotated[str | None, QueryParameter(name="to")] = None,
    department: FromQuery[str | None] = None,
    category: FromQuery[str | None] = None,
    sort: FromQuery[str] = "worst",
) -> Template:
    """Who is late, at a glance: the totals, one row per department, the worst first, then the peers."""
    context = {"staff": staff, "sort": sort if sort in SORTS else "worst", **await _choices(session)}
    try:
        filters, scope = read_filters(staff, period_kind, first, last, department, category)
    except InvalidInput as invalid:
        return Template(
            "staff/dashboard.html",
            context={**context, "filters": Filters(PeriodKind.CUSTOM, first or "", last or ""), "errors": invalid},
            status_code=422,
        )
    calendar = (await routing_data(session)).calendar
    now = utcnow()
    result = await overview(session, scope, now=now, calendar=calendar, sort=context["sort"])
    weeks = await weekly(session, scope, today=now.astimezone(VIETNAM).date())
    forwarded = await network(session, scope, now=now, calendar=calendar)
    query = {k: v for k, v in request.query_params.items() if k != "sort"}
    return Template(
        "staff/dashboard.html",
        context={
            **context,
            "filters": filters,
            "result": result,
            "query": query,
            "weeks": weeks,
            "network": forwarded,
            "channels": await received_by_channel(session, scope),
            "intake_labels": LABELS,
            "charts": _charts(result, weeks),
        },
    )


def _charts(result: Overview, weeks: list[Week]) -> dict[str, Chart]:
    labels = [f"{week.first:%d/%m}" for week in weeks]
    late = sorted((r for r in result.departments if r.figures.overdue), key=lambda r: -r.figures.overdue)
    english = current_language() == "en"
    return {
        "weekly": grouped_bars(
            labels,
            [[w.received for w in weeks], [w.answered for w in weeks]],
            [gettext("Received"), gettext("Answered")],
        ),
        "on_time": rate_line(labels, [w.on_time_rate for w in weeks], gettext("On-time rate")),
        "overdue": horizontal_bars(
            [r.name_en if english else r.name for r in late], [r.figures.overdue for r in late], gettext("Overdue now")
        ),
    }


@get("/bang-dieu-khien/qua-han", name="dashboard_overdue", opt=WATCHERS)
async def overdue_page(
    request: Request,
    session: Session,
    staff: Staff,
    department: FromQuery[str | None] = None,
    category: FromQuery[str | None] = None,
    level: FromQuery[str | None] = None,
    page: FromQuery[str | None] = None,
) -> Template:
    """Every overdue question across departments, the longest overdue first."""
    filters, _ = read_filters(staff, None, None, None, department, category)
    calendar = (await routing_data(session)).calendar
    result = await overdue_tickets(
        session,
        now=utcnow(),
        calendar=calendar,
        department_id=filters.department_id,
        category_id=filters.category_id,
        level=whole_number(level, "level", low=0),
        page=whole_number(page, "page") or 1,
    )
    query = {k: v for k, v in request.query_params.items() if k != "page"}
    return Template(
        "staff/overdue.html",
        context={
            "staff": staff,
            "filters": filters,
            "level": whole_number(level, "level", low=0),
            "result": result,
            "query": query,
            **await _choices(session),
        },
    )


EXPORTS = ("don-vi", "cau-hoi", "qua-han")
"""The department table, the questions of the period, the overdue list."""


@get("/bang-dieu-khien/xuat/{table:str}", name="dashboard_export", opt=WATCHERS)
async def export(
    session: Session,
    staff: Staff,
    table: FromPath[str],
    file_format: Annotated[str, QueryParameter(name="format")] = Format.XLSX,
    period_kind: Annotated[str | None, QueryParameter(name="period")] = None,
    first: Annotated[str | None, QueryParameter(name="from")] = None,
    last: Annotated[str | None, QueryParameter(name="to")] = None,
    department: FromQuery[str | None] = None,
    category: FromQuery[str | None] = None,
    level: FromQuery[str | None] = None,
) -> Response[bytes]:
    """A table of the dashboard as CSV or XLSX, with the page's filters."""
    if table not in EXPORTS or file_format not in MEDIA_TYPES:
        raise NotFoundException()
    _, scope = read_filters(staff, period_kind, first, last, department, category)
    now, calendar = utcnow(), (await routing_data(session)).calendar
    if table == "don-vi":
        rows = department_table(await overview(session, scope, now=now, calendar=calendar))
    elif table == "cau-hoi":
        rows = await question_table(session, scope, now=now, calendar=calendar)
    else:
        overdue = await overdue_tickets(
            session, now=now, calendar=calendar, department_id=scope.department_id,
            category_id=scope.category_id, level=whole_number(level, "level", low=0), limit=None,
        )  # fmt: skip
        rows = overdue_table(overdue)
    kind = Format(file_format)
    name = f"cau-noi-{table}-{scope.period.first:%Y%m%d}-{scope.period.last:%Y%m%d}.{kind}"
    content = as_csv(rows) if kind is Format.CSV else as_xlsx(rows)
    return Response(
        content,
        media_type=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


ROUTES = [dashboard_page, overdue_page, export]
