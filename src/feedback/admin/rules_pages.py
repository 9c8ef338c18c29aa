"""``/can-bo/quan-tri/quy-tac-phan-luong``: the routing rules in order, their counts, the "try it" box, and changes.

Every change is checked by :mod:`routing.admin` (as ``caunoi rules`` is), previewed with
:mod:`feedback.admin.confirm`, then made and audited by :mod:`feedback.admin.rules`.
"""

import re
from collections.abc import Mapping
from typing import Any

from litestar import Request, get, post
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin import rules
from feedback.admin.confirm import Preview, confirmation_page, confirmed
from feedback.admin.refused import field_errors
from feedback.i18n import gettext, ngettext
from feedback.models import Role, User
from feedback.web.deps import Session, Staff
from feedback.web.forms import whole_number
from notify.db import utcnow
from routing import admin
from routing.areas import active_areas
from routing.services import active_categories

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/quan-tri/quy-tac-phan-luong"
RULE_FIELDS = ("department", "category", "area", "keywords", "before")
TRY_FIELDS = ("title", "question", "category", "area")
MAX_TRY_TEXT = 10_000


def _form(data: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, str]:
    return {name: value if isinstance(value := data.get(name), str) else "" for name in names}


def _keywords(text: str) -> list[str]:
    """One keyword or phrase per comma or line."""
    return [keyword for keyword in re.split(r"[,\n]", text) if keyword.strip()]


def _describe(row: rules.RuleRow) -> str:
    """A rule's conditions in a sentence, for previews and messages."""
    parts = []
    if row.category:
        parts.append(gettext("topic “{name}”").format(name=row.category_name))
    if row.area:
        parts.append(gettext("commune or ward {pattern}").format(pattern=row.area))
    if row.keywords:
        parts.append(gettext("words “{words}”").format(words="”, “".join(row.keywords)))
    return gettext("Rule {place} ({conditions}) → {department}").format(
        place=row.place, conditions="; ".join(parts), department=row.department_name
    )


async def _page(
    session: AsyncSession,
    staff: User,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    trial: rules.Trial | None = None,
    tried: dict[str, str] | None = None,
) -> Template:
    return Template(
        "admin/rules.html",
        context={
            "staff": staff,
            "rules": await rules.rule_rows(session),
            "counts": await rules.routed_counts(session, now=utcnow()),
            "departments": await rules.active_departments(session),
            "categories": await active_categories(session),
            "areas": await active_areas(session),
            "form": form or {},
            "errors": errors or {},
            "trial": trial,
            "tried": tried or {},
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/quy-tac-phan-luong", name="staff_admin_rules", opt=ADMINS)
async def rules_page(session: Session, staff: Staff) -> Template:
    return await _page(session, staff)


@post("/quan-tri/quy-tac-phan-luong/thu", name="staff_admin_rules_try", opt=ADMINS)
async def rules_try(request: Request, session: Session, staff: Staff) -> Template:
    """Read-only: where a question would go now. Nothing is written, so nothing is confirmed or audited."""
    tried = _form(await request.form(), TRY_FIELDS)
    trial = await rules.try_question(
        session,
        title=tried["title"][:MAX_TRY_TEXT],
        body=tried["question"][:MAX_TRY_TEXT],
        category=tried["category"] or None,
        area=tried["area"] or None,
    )
    return await _page(session, staff, trial=trial, tried=tried)


@post("/quan-tri/quy-tac-phan-luong/them", name="staff_admin_rule_add", opt=ADMINS)
async def rule_add(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    data = await request.form()
    form = _form(data, RULE_FIELDS)
    before = whole_number(form["before"], "before")
    keywords = _keywords(form["keywords"])
    fields = {"department": form["department"], "category": form["category"] or None, "area": form["area"]}
    try:
        if not confirmed(data):
            rule = await admin.check_rule(session, **fields, keywords=keywords, before=before)
            place = (await rules.rule_row(session, before)).place if before is not None else None
            preview = await rules.preview_rule(session, rule, place=place, now=utcnow())
            summary = gettext("A rule sending matching questions to {department} will be added.").format(
                department=preview.department_name
            )
            return confirmation_page(
                staff,
                Preview(summary, _effects(preview), _warnings(preview)),
                title=gettext("Add a routing rule"),
                action=f"{PAGE}/them",
                fields=form,
                back=PAGE,
            )
        row = await rules.add_rule(session, **fields, keywords=keywords, before=before, actor_id=staff.id, now=utcnow())
    except admin.AdminError as refused:
        return await _page(session, staff, form=form, errors=field_errors(refused, RULE_FIELDS))
    flash(request, gettext("Added: {rule}.").format(rule=_describe(row)), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


def _effects(preview: rules.RulePreview) -> list[str]:
    effects = [
        ngettext(
            "Of the last 90 days' questions, %(num)d would have matched this rule.",
            "Of the last 90 days' questions, %(num)d would have matched this rule.",
            preview.matched,
        )
        % {"num": preview.matched},
        ngettext(
            "At this place it would have routed %(num)d of them (the others match a rule tried before it).",
            "At this place it would have routed %(num)d of them (the others match a rule tried before it).",
            preview.won,
        )
        % {"num": preview.won},
    ]
    if preview.comes_before:
        before = "; ".join(_describe(row) for row in preview.comes_before)
        effects.append(gettext("It comes before: {rules}.").format(rules=before))
    else:
        effects.append(gettext("It comes after every other rule."))
    return effects


def _warnings(preview: rules.RulePreview) -> list[str]:
    if not preview.capped:
        return []
    note = gettext("Only the newest {count} questions of the last 90 days were read; the counts cover those.")
    return [note.format(count=preview.examined)]


async def _rule(request: Request) -> tuple[dict[str, str], int]:
    data = await request.form()
    form = _form(data, ("rule", "place", "active", "confirm"))
    return form, whole_number(form["rule"], "rule") or 0


@post("/quan-tri/quy-tac-phan-luong/go-bo", name="staff_admin_rule_remove", opt=ADMINS)
async def rule_remove(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form, rule_id = await _rule(request)
    try:
        if not confirmed(form):
            row = await rules.rule_row(session, rule_id)
            routed = (await rules.routed_counts(session, now=utcnow())).by_rule.get(rule_id, 0)
            effect = ngettext(
                "It routed %(num)d question in the last 90 days. Such questions will go to the next rule"
                " that matches, else to their topic's department, else to triage.",
                "It routed %(num)d questions in the last 90 days. Such questions will go to the next rule"
                " that matches, else to their topic's department, else to triage.",
                routed,
            ) % {"num": routed}
            note = gettext("Questions already routed stay where they are.")
            return confirmation_page(
                staff,
                Preview(gettext("{rule} will be removed.").format(rule=_describe(row)), [effect, note]),
                title=gettext("Remove a routing rule"),
                action=f"{PAGE}/go-bo",
                fields={"rule": str(rule_id)},
                back=PAGE,
            )
        row = await rules.remove_rule(session, rule_id, actor_id=staff.id, now=utcnow())
    except admin.AdminError as refused:
        return await _page(session, staff, errors=field_errors(refused))
    flash(request, gettext("Removed: {rule}.").format(rule=_describe(row)), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/quy-tac-phan-luong/di-chuyen", name="staff_admin_rule_move", opt=ADMINS)
async def rule_move(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form, rule_id = await _rule(request)
    place = whole_number(form["place"], "place", low=0, high=admin.MAX_POSITION) or 0
    try:
        if not confirmed(form):
            stored = await admin.check_move(session, rule_id, place=place)
            row = await rules.rule_row(session, rule_id)
            preview = await rules.preview_rule(session, stored, place=place, now=utcnow(), exclude=rule_id)
            summary = gettext("{rule} will move to place {place}.").format(rule=_describe(row), place=place)
            return confirmation_page(
                staff,
                Preview(summary, _effects(preview), _warnings(preview)),
                title=gettext("Move a routing rule"),
                action=f"{PAGE}/di-chuyen",
                fields={"rule": str(rule_id), "place": str(place)},
                back=PAGE,
            )
        row = await rules.move_rule(session, rule_id, place=place, actor_id=staff.id, now=utcnow())
    except admin.AdminError as refused:
        return await _page(session, staff, errors=field_errors(refused))
    flash(request, gettext("Moved: {rule}.").format(rule=_describe(row)), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


@post("/quan-tri/quy-tac-phan-luong/trang-thai", name="staff_admin_rule_active", opt=ADMINS)
async def rule_active(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    form, rule_id = await _rule(request)
    active = form["active"] == "yes"
    try:
        if not confirmed(form):
            await admin.check_rule_active(session, rule_id, active=active)
            row = await rules.rule_row(session, rule_id)
            if active:
                summary = gettext("{rule} will be tried again, at its place.")
            else:
                summary = gettext("{rule} will no longer be tried; it keeps its place and can be reactivated.")
            return confirmation_page(
                staff,
                Preview(
                    summary.format(rule=_describe(row)), [gettext("Questions already routed stay where they are.")]
                ),
                title=gettext("Reactivate a routing rule") if active else gettext("Deactivate a routing rule"),
                action=f"{PAGE}/trang-thai",
                fields={"rule": str(rule_id), "active": form["active"]},
                back=PAGE,
            )
        row = await rules.set_rule_active(session, rule_id, active=active, actor_id=staff.id, now=utcnow())
    except admin.AdminError as refused:
        return await _page(session, staff, errors=field_errors(refused))
    message = gettext("Reactivated: {rule}.") if active else gettext("Deactivated: {rule}.")
    flash(request, message.format(rule=_describe(row)), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ROUTES = [rules_page, rules_try, rule_add, rule_remove, rule_move, rule_active]
