"""The desk's pages: "Nhập câu hỏi", the receipt, and the answers waiting to be posted.

The receipt's short code is in clear only in the request that issues it: it is kept in the
staff member's server-side session (never in an address, which browsers keep in their
history), so the receipt can be shown, reloaded and printed until the next one replaces it.
"""

from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.channels import LABELS, STAFF_ENTRY
from feedback.desk.entry import earliest_receipt, enter_question
from feedback.desk.posting import answers_to_post
from feedback.desk.receipts import qr_svg, receipt, reissue_short_code
from feedback.errors import InvalidInput, NotFound
from feedback.i18n import N_, gettext, local_datetime
from feedback.models import Role, User
from feedback.uploads import MAX_FILE_BYTES, MAX_FILES, MAX_REQUEST_BYTES
from feedback.web.deps import AppSettings, Session, Staff
from feedback.web.forms import Reference, read_form
from notify.db import utcnow
from routing.areas import area_labels
from routing.calendar import VIETNAM
from routing.services import active_categories, routing_data
from routing.text import nfc

DESK = {"roles": {Role.OFFICER, Role.HEAD, Role.COORDINATOR}}
"""Who takes questions by phone, at the counter or from the post: the departments' staff and the coordinating office."""
ENTRY_FIELDS = ("channel", "received_at", "delay_note")
"""The form's fields beyond the question's own."""
RECEIPT_KEY = "desk_receipt"
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"  # what a datetime-local input shows and sends


def receipt_path(reference: str) -> str:
    return f"/can-bo/phieu-tiep-nhan/{reference}"


async def _entry_page(
    session: AsyncSession, staff: User, *, form: dict[str, Any] | None = None, errors: InvalidInput | None = None
) -> Template:
    now = utcnow()
    calendar = (await routing_data(session)).calendar
    earliest = earliest_receipt(calendar, now.astimezone(VIETNAM).date())
    return Template(
        "staff/desk_entry.html",
        context={
            "staff": staff,
            "channels": [(channel, LABELS[channel]) for channel in STAFF_ENTRY],
            "categories": await active_categories(session),
            "area_labels": await area_labels(session),
            "form": form or {"received_at": local_datetime(now, LOCAL_MINUTE)},
            "errors": errors.messages if errors else {},
            "latest": local_datetime(now, LOCAL_MINUTE),
            "earliest": f"{earliest.isoformat()}T00:00",
            "max_files": MAX_FILES,
            "max_mb": MAX_FILE_BYTES // 2**20,
        },
        status_code=errors.status if errors else 200,
    )


@get("/nhap-cau-hoi", name="desk_entry", opt=DESK)
async def entry_page(session: Session, staff: Staff) -> Template:
    return await _entry_page(session, staff)


@post("/nhap-cau-hoi", name="desk_entry_submit", opt=DESK, request_max_body_size=MAX_REQUEST_BYTES)
async def entry_submit(request: Request, session: Session, staff: Staff, settings: AppSettings) -> Template | Redirect:
    fields, files = await read_form(request)
    form = await request.form()
    extra = {name: nfc(value) if isinstance(value := form.get(name), str) else "" for name in ENTRY_FIELDS}
    try:
        async with session.begin_nested():  # a refusal undoes everything, and the page still renders
            submitted = await enter_question(
                session,
                {**fields, "channel": extra["channel"]},
                files,
                received=extra["received_at"],
                delay_note=extra["delay_note"],
                staff=staff,
                upload_dir=settings.uploads,
                now=utcnow(),
            )
    except InvalidInput as refused:
        return await _entry_page(session, staff, form={**fields, **extra}, errors=refused)
    request.session[RECEIPT_KEY] = {"reference": submitted.reference, "code": submitted.short_code}
    return Redirect(path=receipt_path(submitted.reference), status_code=HTTP_303_SEE_OTHER)


@get("/phieu-tiep-nhan/{reference:str}", name="desk_receipt", opt=DESK)
async def receipt_page(
    request: Request, session: Session, staff: Staff, settings: AppSettings, reference: Reference
) -> Template:
    """The receipt to print or read out; with the short link and its QR code while its code is in the session."""
    kept = request.session.get(RECEIPT_KEY) or {}
    code = kept.get("code") if kept.get("reference") == reference else None
    try:
        shown = await receipt(session, reference, staff, short_code=code, base_url=settings.base_url)
    except NotFound:
        raise NotFoundException() from None
    label = gettext(N_("QR code of the tracking link {link}")).format(link=shown.short_link)
    return Template(
        "staff/receipt.html",
        context={
            "staff": staff,
            "r": shown,
            "short_code": code,
            "qr": qr_svg(shown.short_link, label) if shown.short_link else None,
            "channel_labels": LABELS,
        },
    )


@post("/phieu-tiep-nhan/{reference:str}/ma-moi", name="desk_receipt_reissue", opt=DESK)
async def receipt_reissue(request: Request, session: Session, staff: Staff, reference: Reference) -> Redirect:
    """A new short code, to print the receipt again with its link and QR code."""
    try:
        code = await reissue_short_code(session, reference, staff, now=utcnow())
    except NotFound:
        raise NotFoundException() from None
    request.session[RECEIPT_KEY] = {"reference": reference, "code": code}
    return Redirect(path=receipt_path(reference), status_code=HTTP_303_SEE_OTHER)


@get("/cho-gui-buu-dien", name="desk_to_post", opt=DESK)
async def to_post_page(session: Session, staff: Staff) -> Template:
    """Answers approved for citizens reachable by post only, not yet recorded as sent."""
    return Template("staff/to_post.html", context={"staff": staff, "tickets": await answers_to_post(session, staff)})


ROUTES = [entry_page, entry_submit, receipt_page, receipt_reissue, to_post_page]
