"""``/can-bo/quan-tri/thoi-han``: the SLA policies and escalation ladders, in words, and a form to set or remove one.

The form is turned into the command line's notation (``10wd``, ``0:assignee:warning,…``) and
checked by :mod:`routing.admin`, as ``caunoi policy set`` is; the change is previewed with
:mod:`feedback.admin.confirm`, then made and audited by :mod:`feedback.admin.policies`.
"""

from collections.abc import Mapping

from litestar import Request, get, post
from litestar.params import FromQuery
from litestar.plugins.flash import flash
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_422_UNPROCESSABLE_ENTITY
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.admin import policies
from feedback.admin.confirm import Preview, confirmation_page, confirmed
from feedback.admin.refused import field_errors
from feedback.i18n import gettext, ngettext
from feedback.models import Priority, Role, User
from feedback.web.deps import Session, Staff
from notify.db import utcnow
from routing import admin
from routing.policy import Policy
from routing.services import active_categories

ADMINS = {"roles": {Role.ADMIN}}
PAGE = "/can-bo/quan-tri/thoi-han"
LADDER_ROWS = 6
"""Rows of the ladder in the form: enough for the default's four steps and two more."""
FIELDS = (
    "category",
    "priority",
    *(f"{name}_{part}" for name in admin.PERIODS for part in ("amount", "unit")),
    "warning",
    "restart",
    *(f"step{i}_{part}" for i in range(LADDER_ROWS) for part in ("level", "recipient", "days")),
)
ERROR_FIELDS = ("category", "priority", *admin.PERIODS, "warning_ratio", "ladder")


def _posted(data: Mapping[str, object]) -> dict[str, str]:
    return {name: value if isinstance(value := data.get(name), str) else "" for name in FIELDS}


def _prefilled(category: str | None, priority: str | None, policy: Policy) -> dict[str, str]:
    """The form's fields for ``policy``, the command line's units as the unit selects' values."""
    form = {"category": category or "", "priority": priority or ""}
    for name in admin.PERIODS:
        period = getattr(policy, name)
        form[f"{name}_amount"] = str(period.amount)
        form[f"{name}_unit"] = policies.UNIT_CODES[period.unit]
    form["warning"] = f"{policy.warning_ratio * 100:g}"
    form["restart"] = "yes" if policy.restart_on_transfer else ""
    for index, step in enumerate(policy.ladder[:LADDER_ROWS]):
        form[f"step{index}_level"] = str(step.level)
        form[f"step{index}_recipient"] = step.recipient.value
        form[f"step{index}_days"] = "" if step.working_days_overdue is None else str(step.working_days_overdue)
    return form


def _scope_words(category_name: str | None, priority: str | None) -> str:
    topic = gettext("topic “{name}”").format(name=category_name) if category_name else gettext("every topic")
    if not priority:
        return gettext("{topic}, every priority").format(topic=topic)
    label = gettext(policies.PRIORITIES.get(Priority(priority), priority))
    return gettext("{topic}, priority {priority}").format(topic=topic, priority=label)


async def _page(
    session: AsyncSession,
    staff: User,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    rows = await policies.policy_rows(session)
    return Template(
        "admin/policies.html",
        context={
            "staff": staff,
            "policies": rows,
            "categories": await active_categories(session),
            "priorities": policies.PRIORITIES,
            "recipients": policies.RECIPIENTS,
            "period_words": policies.period_words,
            "step_words": policies.step_words,
            "form": form or _prefilled(None, None, rows[0].policy),
            "errors": errors or {},
            "rows": LADDER_ROWS,
        },
        status_code=HTTP_422_UNPROCESSABLE_ENTITY if errors else 200,
    )


@get("/quan-tri/thoi-han", name="staff_admin_policies", opt=ADMINS)
async def policies_page(
    session: Session, staff: Staff, category: FromQuery[str | None] = None, priority: FromQuery[str | None] = None
) -> Template:
    """With ``category`` and/or ``priority``, the form starts from that scope's policy (or the default's)."""
    rows = await policies.policy_rows(session)
    known = {(p.category, p.priority): p.policy for p in rows}
    policy = known.get((category or None, priority or None), rows[0].policy)
    return await _page(session, staff, form=_prefilled(category, priority, policy))


async def _category_name(session: AsyncSession, code: str | None) -> str | None:
    return await policies.category_name(session, code) if code else None


@post("/quan-tri/thoi-han", name="staff_admin_policy_set", opt=ADMINS)
async def policy_set(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    data = await request.form()
    form = _posted(data)
    category, priority = form["category"] or None, form["priority"] or None
    try:
        values = policies.form_values(form, LADDER_ROWS)
        if not confirmed(data):
            policy = await policies.check_policy(session, category=category, priority=priority, **values)
            scope = _scope_words(await _category_name(session, category), priority)
            running = await policies.running_questions(session, category=category, priority=priority)
            summary = gettext("The policy for {scope} will be: answer within {answer}, accept within {accept}.")
            return confirmation_page(
                staff,
                Preview(
                    summary.format(
                        scope=scope,
                        answer=policies.period_words(policy.answer),
                        accept=policies.period_words(policy.accept),
                    ),
                    _effects(running),
                ),
                title=gettext("Set a deadline policy"),
                action=PAGE,
                fields=form,
                back=PAGE,
            )
        await policies.set_policy(
            session, category=category, priority=priority, actor_id=staff.id, now=utcnow(), **values
        )
    except admin.AdminError as refused:
        return await _page(session, staff, form=form, errors=field_errors(refused, ERROR_FIELDS))
    scope = _scope_words(await _category_name(session, category), priority)
    flash(request, gettext("The policy for {scope} is saved.").format(scope=scope), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


def _effects(running: int) -> list[str]:
    return [
        gettext(
            "The new deadlines apply to questions received from now on, and to questions routed or transferred from now on."
        ),
        ngettext(
            "%(num)d running question of this scope keeps its current deadlines: a policy change never recomputes a running clock.",
            "%(num)d running questions of this scope keep their current deadlines: a policy change never recomputes a running clock.",
            running,
        )
        % {"num": running},
        gettext(
            "The warning point and the escalation ladder are read when each question is checked: from their next check, the running questions' warnings and escalations follow the new ones."
        ),
    ]


@post("/quan-tri/thoi-han/go-bo", name="staff_admin_policy_remove", opt=ADMINS)
async def policy_remove(request: Request, session: Session, staff: Staff) -> Template | Redirect:
    data = await request.form()
    form = {name: value if isinstance(value := data.get(name), str) else "" for name in ("category", "priority")}
    category, priority = form["category"] or None, form["priority"] or None
    try:
        if not confirmed(data):
            await admin.check_remove_policy(session, category=category, priority=priority)
            scope = _scope_words(await _category_name(session, category), priority)
            running = await policies.running_questions(session, category=category, priority=priority)
            effect = ngettext(
                "%(num)d running question of this scope keeps its current deadlines; from now on its questions take the next less specific policy.",
                "%(num)d running questions of this scope keep their current deadlines; from now on its questions take the next less specific policy.",
                running,
            ) % {"num": running}
            return confirmation_page(
                staff,
                Preview(gettext("The policy for {scope} will be removed.").format(scope=scope), [effect]),
                title=gettext("Remove a deadline policy"),
                action=f"{PAGE}/go-bo",
                fields=form,
                back=PAGE,
            )
        await policies.remove_policy(session, category=category, priority=priority, actor_id=staff.id, now=utcnow())
    except admin.AdminError as refused:
        return await _page(session, staff, errors=field_errors(refused))
    scope = _scope_words(await _category_name(session, category), priority)
    flash(request, gettext("The policy for {scope} is removed.").format(scope=scope), category="success")
    return Redirect(path=PAGE, status_code=HTTP_303_SEE_OTHER)


ROUTES = [policies_page, policy_set, policy_remove]
