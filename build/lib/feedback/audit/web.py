"""The admins' read-only page of the audit trail, newest first, and its CSV export."""

from litestar import Response, get
from litestar.params import FromQuery
from litestar.response import Template

from feedback.audit.services import LABELS, audit_page, audit_table
from feedback.exports import MEDIA_TYPES, Format, as_csv
from feedback.models import Role
from feedback.web.deps import Session, Staff
from feedback.web.forms import whole_number
from notify.db import utcnow

ADMINS = {"roles": {Role.ADMIN}}


@get("/quan-tri/nhat-ky", name="staff_audit", opt=ADMINS)
async def audit_list(session: Session, staff: Staff, page: FromQuery[str | None] = None) -> Template:
    number = whole_number(page, "page") or 1
    entries, pages = await audit_page(session, number)
    return Template(
        "staff/audit.html",
        context={"staff": staff, "entries": entries, "page": min(number, pages), "pages": pages, "labels": LABELS},
    )


@get("/quan-tri/nhat-ky.csv", name="staff_audit_csv", opt=ADMINS)
async def audit_export(session: Session, staff: Staff) -> Response[bytes]:
    name = f"cau-noi-nhat-ky-{utcnow():%Y%m%d}.csv"
    return Response(
        as_csv(await audit_table(session)),
        media_type=MEDIA_TYPES[Format.CSV],
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


ROUTES = [audit_list, audit_export]
