"""The staff workspace: the inbox, the ticket page and its actions, attachments for staff only.

Handlers only read the form and pick the service; what an action does, and when it is
refused, lives in :mod:`feedback.handling` and :mod:`feedback.answering`. Every action form
carries the ticket's version: a form loaded before someone else's change, or sent twice, is
refused (409) and the page explains it, keeping what was typed.
"""

from typing import Any

from litestar import Request, Router, get, post
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.plugins.flash import flash
from litestar.response import File, Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback import answering, channels, coordination, handling, publication
from feedback.admin import accounts_pages as account_pages
from feedback.admin import departments_pages as department_pages
from feedback.admin import hub as admin_hub
from feedback.admin import policies_pages, rules_pages
from feedback.admin import topics_pages as topic_pages
from feedback.areas import pages as areas_admin
from feedback.audit import web as audit
from feedback.calendar import web as calendar_admin
from feedback.changes import check_version, locked_ticket
from feedback.desk import posting
from feedback.desk import web as desk
from feedback.errors import FieldError, InvalidInput, NotFound
from feedback.federation import admin as peers_admin
from feedback.federation import forwarding, receiving
from feedback.i18n import N_, gettext, local_datetime
from feedback.inbox import DUE_FILTERS, STATUS_FILTERS, InboxFilter, inbox
from feedback.models import Attachment, Role, Subtask, Ticket, User
from feedback.outbox import CHANNEL_LABELS, OUTBOX_LABELS, outbox
from feedback.permissions import (
    DEPARTMENT_BOUND,
    ROLE_ACTIONS,
    StaffAction,
    allowed_actions,
    out_of_hand,
    sight,
)
from feedback.reorganisation import web as reorganisation
from feedback.saved_replies import add_saved_reply, remove_saved_reply, saved_replies
from feedback.staff_view import CLOCK_LABELS, done_message, staff_ticket
from feedback.tickets import STATUS_LABELS
from feedback.twofactor import web as twofactor
from feedback.uploads import MAX_REQUEST_BYTES, check_files
from feedback.web import client_apps, dashboard
from feedback.web.deps import AppSettings, Session, Staff
from feedback.web.files import attachment_response
from feedback.web.forms import Id, Reference, files_of, refuse_control_characters, whole_number
from feedback.web.staff_auth import HOME_BY_ROLE, provide_staff
from notify.db import utcnow
from notify.delivery import retry
from routing.models import Category, Department

# The actions whose form may carry files for the answer.
ANSWER_ACTIONS = frozenset({StaffAction.DRAFT, StaffAction.SUBMIT})

# The fields of each action's form. A refused action's form comes back open with what was typed
# in them and each message beside its field; a refusal of no field of the form (a stale form, a
# status that no longer allows it) is said at the top of the page.
ACTION_FIELDS: dict[StaffAction, tuple[str, ...]] = {
    StaffAction.ACCEPT: (),
    StaffAction.ASSIGN: ("assignee",),
    StaffAction.NOTE: ("note",),
    StaffAction.REQUEST_INFO: ("message",),
    StaffAction.DRAFT: ("answer", "files"),
    StaffAction.SUBMIT: ("answer", "files"),
    StaffAction.APPROVE: (),
    StaffAction.RETURN: ("comment",),
    StaffAction.EXTEND: ("period", "reason"),
    StaffAction.TRANSFER: ("department", "reason"),
    StaffAction.SEND_TO_TRIAGE: ("reason",),
    StaffAction.ROUTE: ("department",),
    StaffAction.REJECT: ("reason", "explanation", "duplicate_of"),
    StaffAction.REQUEST_INPUT: ("departments", "request"),
    StaffAction.REDACT: ("public_title", "public_body"),
    StaffAction.UNPUBLISH: ("reason",),
    StaffAction.LINK_DUPLICATE: ("duplicate_of",),
    StaffAction.FORWARD: ("service", "reason"),
    StaffAction.CANCEL_FORWARD: (),
    StaffAction.SEND_BACK: ("reason",),
    StaffAction.RECORD_POSTED: ("posted_on",),
}


@get("/", name="staff_home")
async def staff_home(staff: Staff) -> Redirect:
    return Redirect(path=HOME_BY_ROLE[staff.role], status_code=HTTP_303_SEE_OTHER)


@get("/hop-thu", name="staff_inbox")
async def inbox_page(
    request: Request,
    session: Session,
    staff: Staff,
    status: FromQuery[str] = "open",
    assignee: FromQuery[str | None] = None,
    category: FromQuery[str | None] = None,
    department: FromQuery[str | None] = None,
    due: FromQuery[str | None] = None,
    page: FromQuery[str | None] = None,
) -> Template:
    wanted = InboxFilter(
        status=status if status in STATUS_FILTERS else "open",
        assignee=assignee if assignee in ("me", "none") else None,
        category_id=whole_number(category, "category"),
        department_id=None if staff.role in DEPARTMENT_BOUND else whole_number(department, "department"),
        due=due if due in DUE_FILTERS else None,
        page=whole_number(page, "page") or 1,
    )
    now = utcnow()
    result = await inbox(session, staff, wanted, now=now)
    query = {k: v for k, v in request.query_params.items() if k != "page"}
    return Template(
        "staff/inbox.html",
        context={
            "staff": staff,
            "result": result,
            "wanted": wanted,
            "query": query,
            "status_labels": STATUS_LABELS,
            "intake_labels": channels.LABELS,
            "categories": (await session.scalars(select(Category).order_by(Category.position))).all(),
            "departments": (await session.scalars(select(Department).order_by(Department.name))).all(),
            "department_bound": staff.role in DEPARTMENT_BOUND,
            "subtasks": await coordination.subtasks(session, now=now, department_id=staff.department_id)
            if staff.department_id
            else [],
        },
    )


async def _ticket_page(
    session: AsyncSession,
    staff: User,
    reference: str,
    *,
    form: dict[str, str] | None = None,
    refused: tuple[StaffAction, InvalidInput] | None = None,
    saved_reply: int | None = None,
) -> Template:
    view = await staff_ticket(session, reference, staff, now=utcnow())
    chosen = next((r for r in view.saved_replies if r.id == saved_reply), None)
    if chosen is not None and form is None:
        form = {"answer": chosen.body}
    action, errors = refused or (None, None)
    messages = errors.messages if errors else {}
    # Messages go beside their fields when the refused action's form is on the page; a form the
    # question's state no longer offers is not drawn, so its messages go to the top instead.
    beside = ACTION_FIELDS[action] if action in view.actions else ()
    return Template(
        "staff/ticket.html",
        context={
            "staff": staff,
            "v": view,
            "A": StaffAction,
            "status_labels": STATUS_LABELS,
            "clock_labels": CLOCK_LABELS,
            "intake_labels": channels.LABELS,
            "today": local_datetime(utcnow(), "%Y-%m-%d"),
            "form": form or {},
            "refused": action,
            "errors": {field: message for field, message in messages.items() if field in beside},
            "page_errors": {field: message for field, message in messages.items() if field not in beside},
        },
        status_code=errors.status if errors else 200,
    )


@get("/cau-hoi/{reference:str}", name="staff_ticket")
async def ticket_page(
    session: Session,
    staff: Staff,
    reference: Reference,
    mau: FromQuery[str | None] = None,
) -> Template:
    """``mau`` starts the answer from one of the department's saved replies."""
    return await _ticket_page(session, staff, reference, saved_reply=whole_number(mau, "mau"))


async def _department_id(session: AsyncSession, code: str) -> int:
    """The department's id, or 0 (none) for a code that names none: the service refuses it with the other fields."""
    return await session.scalar(select(Department.id).where(Department.code == code)) or 0


async def _perform(  # noqa: PLR0912  (one branch per action reads best as one table)
    session: AsyncSession, action: StaffAction, ticket: Ticket, user: User, form: dict[str, str]
) -> None:
    """Call the service behind ``action`` with what the form holds."""
    by = {"actor_id": user.id, "now": utcnow()}
    match action:
        case StaffAction.ACCEPT:
            await handling.accept(session, ticket.id, **by)
        case StaffAction.ASSIGN:
            await answering.assign(
                session, ticket.id, assignee_id=whole_number(form["assignee"], "assignee") or 0, **by
            )
        case StaffAction.NOTE:
            await answering.add_note(session, ticket.id, text=form["note"], **by)
        case StaffAction.REQUEST_INFO:
            await handling.request_information(session, ticket.id, message=form["message"], **by)
        case StaffAction.DRAFT:
            await answering.save_draft(session, ticket.id, text=form["answer"], **by)
        case StaffAction.SUBMIT:
            await answering.submit_answer(session, ticket.id, text=form["answer"], **by)
        case StaffAction.APPROVE:
            await answering.approve_answer(session, ticket.id, **by)
        case StaffAction.RETURN:
            await answering.return_answer(session, ticket.id, comment=form["comment"], **by)
        case StaffAction.EXTEND:
            await handling.extend(session, ticket.id, period=form["period"], reason=form["reason"], **by)
        case StaffAction.TRANSFER:
            department_id = await _department_id(session, form["department"])
            await handling.transfer(session, ticket.id, department_id=department_id, reason=form["reason"], **by)
        case StaffAction.SEND_TO_TRIAGE:
            await handling.send_to_triage(session, ticket.id, reason=form["reason"], **by)
        case StaffAction.ROUTE:
            department_id = await _department_id(session, form["department"])
            await handling.route_from_triage(session, ticket.id, department_id=department_id, **by)
        case StaffAction.REJECT:
            await handling.reject(
                session,
                ticket.id,
                reason=form["reason"],
                explanation=form["explanation"],
                duplicate_of=form["duplicate_of"] or None,
                **by,
            )
        case StaffAction.REQUEST_INPUT:
            codes = [c for c in form["departments"].split(",") if c]
            ids = list(await session.scalars(select(Department.id).where(Department.code.in_(codes))))
            await coordination.request_input(session, ticket.id, department_ids=ids, request=form["request"], **by)
        case StaffAction.REDACT:
            await publication.redact(session, ticket.id, title=form["public_title"], body=form["public_body"], **by)
        case StaffAction.LINK_DUPLICATE:
            await answering.link_duplicate(session, ticket.id, original=form["duplicate_of"], **by)
        case StaffAction.UNPUBLISH:
            await publication.unpublish(session, ticket.id, reason=form["reason"], **by)
        case StaffAction.FORWARD:
            # One list of every peer's services, each option "peer id:service code".
            peer, _, service = form["service"].partition(":")
            await forwarding.forward(
                session,
                ticket.id,
                peer_id=whole_number(peer, "service"),
                service_code=service,
                reason=form["reason"],
                **by,
            )
        case StaffAction.CANCEL_FORWARD:
            await forwarding.cancel(session, ticket.id, **by)
        case StaffAction.SEND_BACK:
            await receiving.send_back(session, ticket.id, reason=form["reason"], **by)
        case StaffAction.RECORD_POSTED:
            await posting.record_posted(session, ticket.id, sent_on=form["posted_on"], **by)


@post("/cau-hoi/{reference:str}/{action:str}", name="staff_action", request_max_body_size=MAX_REQUEST_BYTES)
async def act(
    request: Request,
    session: Session,
    staff: Staff,
    settings: AppSettings,
    reference: Reference,
    action: FromPath[str],
) -> Template | Redirect:
    ticket_id = await session.scalar(select(Ticket.id).where(Ticket.reference == reference))
    if ticket_id is None or action not in StaffAction.__members__.values():
        raise NotFoundException()
    wanted = StaffAction(action)
    form_data = await request.form()
    # Text fields only ("departments" is a list of boxes ticked, joined by commas); files are read apart.
    form = {
        name: ",".join(str(value) for value in form_data.getall(name, []))
        for name in ACTION_FIELDS[wanted]
        if name != "files"
    }
    try:
        async with session.begin_nested():  # a refusal undoes only the action, and the page still renders
            refuse_control_characters(form)
            ticket = await locked_ticket(session, ticket_id)
            seen = await sight(session, staff)
            if not seen.sees(ticket):
                raise NotFoundException()
            if wanted not in ROLE_ACTIONS[staff.role]:
                raise InvalidInput([FieldError("action", "not_permitted")], status=403)
            # A form loaded before a colleague's change says so, rather than that the action is not allowed now.
            check_version(ticket, str(form_data.get("version", "")))
            if wanted not in allowed_actions(staff, ticket, seen):
                raise InvalidInput([FieldError("action", "not_permitted")], status=403)
            files = check_files(await files_of(form_data)) if wanted in ANSWER_ACTIONS else []
            await _perform(session, wanted, ticket, staff, form)
            if files:
                await answering.attach_to_answer(session, ticket, files, upload_dir=settings.uploads, now=utcnow())
            done = await done_message(session, wanted, ticket)
    except InvalidInput as refusal:
        return await _ticket_page(session, staff, reference, form=form, refused=(wanted, refusal))
    flash(request, done, category="success")
    # A question now out of the user's hands (transferred, sent back, rejected) is no page of theirs any more.
    after = HOME_BY_ROLE[staff.role] if out_of_hand(ticket, seen) else f"/can-bo/cau-hoi/{reference}"
    return Redirect(path=after, status_code=HTTP_303_SEE_OTHER)


async def _subtask_page(session: AsyncSession, staff: User, subtask_id: int, **context: Any) -> Template:
    subtask = await session.get(Subtask, subtask_id)
    if subtask is None or (staff.role in DEPARTMENT_BOUND and subtask.department_id != staff.department_id):
        raise NotFoundException()
    errors = context.pop("errors", None)
    return Template(
        "staff/subtask.html",
        context={
            "staff": staff,
            "st": subtask,
            "ticket": await session.get_one(Ticket, subtask.ticket_id),
            "can_reply": subtask.replied_at is None and subtask.department_id == staff.department_id,
            "errors": errors.messages if errors else {},
            **context,
        },
        status_code=errors.status if errors else 200,
    )


@get("/phoi-hop/{subtask_id:int}", name="staff_subtask")
async def subtask_page(session: Session, staff: Staff, subtask_id: Id) -> Template:
    """A request for input from another department: the question, the request, the reply form."""
    return await _subtask_page(session, staff, subtask_id)


@post("/phoi-hop/{subtask_id:int}", name="staff_subtask_reply")
async def subtask_reply(request: Request, session: Session, staff: Staff, subtask_id: Id) -> Template | Redirect:
    text = str((await request.form()).get("reply", ""))
    try:
        async with session.begin_nested():
            refuse_control_characters({"reply": text})
            await coordination.reply(session, subtask_id, text=text, user=staff, now=utcnow())
    except NotFound:
        raise NotFoundException() from None
    except InvalidInput as refused:
        return await _subtask_page(session, staff, subtask_id, errors=refused, reply=text)
    return Redirect(path=f"/can-bo/phoi-hop/{subtask_id}", status_code=HTTP_303_SEE_OTHER)


HEADS = {"roles": {Role.HEAD}}


@get("/mau-tra-loi", name="staff_saved_replies")
async def saved_replies_page(session: Session, staff: Staff) -> Template:
    """The department's saved replies; heads add and remove them."""
    if staff.department_id is None:
        raise NotFoundException()
    return Template(
        "staff/saved_replies.html",
        context={
            "staff": staff,
            "replies": await saved_replies(session, staff.department_id),
            "errors": {},
            "form": {},
        },
    )


@post("/mau-tra-loi", name="staff_saved_reply_add", opt=HEADS)
async def saved_reply_add(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form = await request.form()
    title, body = str(form.get("title", "")), str(form.get("body", ""))
    try:
        async with session.begin_nested():
            refuse_control_characters({"title": title, "body": body})
            await add_saved_reply(session, staff.department_id or 0, title=title, body=body)
    except InvalidInput as refused:
        return Template(
            "staff/saved_replies.html",
            context={
                "staff": staff,
                "replies": await saved_replies(session, staff.department_id or 0),
                "errors": refused.messages,
                "form": {"title": title, "body": body},
            },
            status_code=refused.status,
        )
    return Redirect(path="/can-bo/mau-tra-loi", status_code=HTTP_303_SEE_OTHER)


@post("/mau-tra-loi/{reply_id:int}/xoa", name="staff_saved_reply_remove", opt=HEADS)
async def saved_reply_remove(session: Session, staff: Staff, reply_id: Id) -> Redirect:
    try:
        await remove_saved_reply(session, staff.department_id or 0, reply_id)
    except NotFound:
        raise NotFoundException() from None
    return Redirect(path="/can-bo/mau-tra-loi", status_code=HTTP_303_SEE_OTHER)


OUTBOX_KEEPERS = {"roles": {Role.ADMIN, Role.COORDINATOR}}


@get("/thong-bao", name="staff_outbox", opt=OUTBOX_KEEPERS)
async def outbox_page(
    session: Session,
    staff: Staff,
    status: FromQuery[str] = "failed",
    page: FromQuery[int] = 1,
    q: FromQuery[str] = "",
) -> Template:
    """Every message the portal sends: failed ones with the reason and a way to send them again.

    ``q`` finds messages by the question's reference, the recipient's name or address.
    """
    return Template(
        "staff/outbox.html",
        context={
            "staff": staff,
            "outbox": await outbox(session, status=status, page=page, query=q),
            "labels": OUTBOX_LABELS,
            "channels": CHANNEL_LABELS,
        },
    )


@post("/thong-bao/{delivery_id:int}/gui-lai", name="staff_outbox_retry", opt=OUTBOX_KEEPERS)
async def outbox_retry(request: Request, session: Session, staff: Staff, delivery_id: Id) -> Redirect:
    if await retry(session, delivery_id, now=utcnow()):
        flash(request, gettext(N_("The message will be sent again in a moment.")), category="success")
    return Redirect(path="/can-bo/thong-bao", status_code=HTTP_303_SEE_OTHER)


@get("/tep/{attachment_id:int}", name="staff_file")
async def attachment_file(session: Session, staff: Staff, settings: AppSettings, attachment_id: Id) -> File:
    """An attachment, for staff who may see its ticket only (never public, never cached)."""
    attachment = await session.get(Attachment, attachment_id)
    ticket = await session.get(Ticket, attachment.ticket_id) if attachment else None
    if attachment is None or ticket is None or not (await sight(session, staff)).sees(ticket):
        raise NotFoundException()
    return attachment_response(settings, attachment)


staff_router = Router(
    path="/can-bo",
    route_handlers=[
        staff_home,
        inbox_page,
        ticket_page,
        act,
        subtask_page,
        subtask_reply,
        saved_replies_page,
        saved_reply_add,
        saved_reply_remove,
        attachment_file,
        outbox_page,
        outbox_retry,
        *dashboard.ROUTES,
        *client_apps.ROUTES,
        *peers_admin.ROUTES,
        *desk.ROUTES,
        *twofactor.ROUTES,
        *audit.ROUTES,
        *admin_hub.ROUTES,
        *rules_pages.ROUTES,
        *policies_pages.ROUTES,
        *calendar_admin.ROUTES,
        *reorganisation.ROUTES,
        *areas_admin.ROUTES,
        *department_pages.ROUTES,
        *account_pages.ROUTES,
        *topic_pages.ROUTES,
    ],
    dependencies={"staff": Provide(provide_staff)},
    include_in_schema=False,
)
