"""The admins' read-only page of communes and wards: filter by name, with kind, official code and former names."""

from litestar import get
from litestar.params import FromQuery
from litestar.response import Template

from feedback.areas.listing import list_areas
from feedback.i18n import N_
from feedback.models import Role
from feedback.web.deps import Session, Staff
from routing.models import AreaKind

ADMINS = {"roles": {Role.ADMIN}}

KIND_LABELS = {
    AreaKind.COMMUNE: N_("Commune"),
    AreaKind.WARD: N_("Ward"),
    AreaKind.SPECIAL_ZONE: N_("Special zone"),
}


@get("/quan-tri/dia-ban", name="staff_areas", opt=ADMINS)
async def areas_page(session: Session, staff: Staff, q: FromQuery[str | None] = None) -> Template:
    query = (q or "").strip()[:120]
    rows = await list_areas(session, query=query)
    return Template(
        "admin/areas.html",
        context={
            "staff": staff,
            "rows": rows,
            "query": query,
            "kinds": KIND_LABELS,
            "current": sum(1 for row in rows if row.active),
        },
    )


ROUTES = [areas_page]
