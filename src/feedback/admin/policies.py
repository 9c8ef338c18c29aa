"""SLA policies and escalation ladders as admins manage them: each change audited, in words, with what it affects.

The checks and the storing are :mod:`routing.admin`'s (``caunoi policy`` uses the same);
these functions add the audit entry and the preview. A policy change never recomputes a
running clock: intake, routing from triage and a transfer compute deadlines from the policy
of the moment and store them on the question. The escalation scan, however, reads the warning
point and the ladder of the current policy at each check (:mod:`feedback.escalations`).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.audit.services import record
from feedback.i18n import N_, gettext, ngettext
from feedback.lifecycle import OPEN_STATUSES
from feedback.models import Priority, Ticket
from routing import admin
from routing.escalation import Recipient, Step, format_ladder
from routing.models import Category, SlaPolicy
from routing.policy import DEFAULT_POLICY, Policy, policy_for
from routing.services import policy_of
from routing.sla import Period, Unit

UNIT_CODES = {Unit.WORKING_DAYS: "wd", Unit.WORKING_HOURS: "wh", Unit.CALENDAR_DAYS: "cd"}

RECIPIENTS = {
    Recipient.ASSIGNEE: N_("the officer in charge (or the department's inbox)"),
    Recipient.HEAD: N_("the head of the department"),
    Recipient.COORDINATING_OFFICE: N_("the coordinating office"),
    Recipient.LEADERSHIP: N_("the leadership"),
}
PRIORITIES = {Priority.NORMAL: N_("normal"), Priority.HIGH: N_("high"), Priority.URGENT: N_("urgent")}


def period_words(period: Period) -> str:
    """``15 ngày làm việc``, ``8 giờ làm việc``, ``15 ngày`` (calendar days)."""
    n = period.amount
    if period.unit is Unit.WORKING_DAYS:
        return ngettext("%(num)d working day", "%(num)d working days", n) % {"num": n}
    if period.unit is Unit.WORKING_HOURS:
        return ngettext("%(num)d working hour", "%(num)d working hours", n) % {"num": n}
    return ngettext("%(num)d day", "%(num)d days", n) % {"num": n}


def step_words(step: Step) -> str:
    """When a step of the ladder comes, in words."""
    if step.working_days_overdue is None:
        return gettext("at the warning point, before the deadline")
    if step.working_days_overdue == 0:
        return gettext("when the deadline passes")
    days = step.working_days_overdue
    return ngettext("%(num)d working day overdue", "%(num)d working days overdue", days) % {"num": days}


@dataclass(frozen=True)
class PolicyRow:
    category: str | None
    category_name: str | None
    priority: str | None
    policy: Policy
    stored: bool
    """False for the built-in default shown while no default is stored."""

    @property
    def is_default(self) -> bool:
        return self.category is None and self.priority is None


async def policy_rows(session: AsyncSession) -> list[PolicyRow]:
    """The default first (the built-in one when none is stored), then the others as stored."""
    rows = await session.execute(
        select(SlaPolicy, Category.code, Category.name)
        .outerjoin(Category, Category.id == SlaPolicy.category_id)
        .order_by(SlaPolicy.id)
    )
    policies = [PolicyRow(code, name, row.priority, policy_of(row), True) for row, code, name in rows]
    if not any(p.is_default for p in policies):
        policies.append(PolicyRow(None, None, None, DEFAULT_POLICY, False))
    return sorted(policies, key=lambda p: not p.is_default)


def snapshot(category: str | None, priority: str | None, policy: Policy) -> dict[str, Any]:
    """What the audit trail keeps of a policy: plain JSON, in the command line's notation."""
    return {
        "category": category,
        "priority": priority,
        "accept": str(policy.accept),
        "answer": str(policy.answer),
        "transfer": str(policy.transfer),
        "max_extension": str(policy.max_extension),
        "warning_ratio": policy.warning_ratio,
        "restart_on_transfer": policy.restart_on_transfer,
        "ladder": format_ladder(policy.ladder),
    }


def _target(category: str | None, priority: str | None) -> str:
    return f"policy:category={category or '*'}/priority={priority or '*'}"


async def _stored(session: AsyncSession, category: str | None, priority: str | None) -> dict[str, Any] | None:
    row = await admin.policy_row(session, category=category, priority=priority)
    return snapshot(category, priority, policy_of(row)) if row else None


async def category_name(session: AsyncSession, code: str) -> str | None:
    return await session.scalar(select(Category.name).where(Category.code == code))


def _check_priority(priority: str | None) -> None:
    # Routing stores any priority it is given; the priorities a question can have are the tickets'.
    if priority and priority not in set(Priority):
        raise admin.AdminError(N_("no priority {priority!r}"), field="priority", priority=priority)


async def check_policy(session: AsyncSession, *, category: str | None, priority: str | None, **values: Any) -> Policy:
    """:func:`routing.admin.check_policy`, for a priority a question can have."""
    _check_priority(priority)
    return await admin.check_policy(session, category=category, priority=priority, **values)


async def set_policy(
    session: AsyncSession,
    *,
    category: str | None,
    priority: str | None,
    actor_id: int | None,
    now: datetime,
    **values: Any,
) -> Policy:
    """:func:`routing.admin.set_policy`, recorded in the audit trail."""
    _check_priority(priority)
    before = await _stored(session, category, priority)
    policy = policy_of(await admin.set_policy(session, category=category, priority=priority, **values))
    after = snapshot(category, priority, policy)
    await record(session, actor_id, "policy:set", _target(category, priority), before, after, now)
    return policy


async def remove_policy(
    session: AsyncSession, *, category: str | None, priority: str | None, actor_id: int | None, now: datetime
) -> None:
    """:func:`routing.admin.remove_policy`, recorded in the audit trail."""
    before = await _stored(session, category, priority)
    await admin.remove_policy(session, category=category, priority=priority)
    await record(session, actor_id, "policy:removed", _target(category, priority), before, None, now)


async def running_questions(session: AsyncSession, *, category: str | None, priority: str | None) -> int:
    """Open questions whose deadlines this scope's policy sets (no more specific policy covers them).

    Grouped by topic and priority in one query; which policy wins for each group is
    :func:`routing.policy.policy_for`'s, as for the questions themselves.
    """
    category_id = await session.scalar(select(Category.id).where(Category.code == category)) if category else None
    stored = (await session.execute(select(SlaPolicy.category_id, SlaPolicy.priority))).all()
    # Every scope gets its own object, so that which one policy_for picks is known by identity.
    policies = {key: Policy() for key in [*stored, (category_id, priority)]}
    ours = policies[category_id, priority]
    groups = await session.execute(
        select(Ticket.category_id, Ticket.priority, func.count())
        .where(Ticket.status.in_(list(OPEN_STATUSES)))
        .group_by(Ticket.category_id, Ticket.priority)
    )
    return sum(count for cat, prio, count in groups if policy_for(policies, cat, prio) is ours)


def form_values(form: Mapping[str, str], steps: int) -> dict[str, Any]:
    """A policy form's fields as :func:`routing.admin.set_policy` takes them (the command line's notation).

    Each period is a number and a unit; the warning point a percentage; the ladder ``steps``
    rows of level, recipient (empty: no step) and working days overdue (empty: the warning).
    Nothing is judged here: what is wrong is refused by :func:`routing.admin.check_policy`,
    beside the field it concerns.
    """
    values: dict[str, Any] = {}
    for name in admin.PERIODS:
        amount = form.get(f"{name}_amount", "").strip()
        values[name] = f"{amount}{form.get(f'{name}_unit', '')}"
    warning = form.get("warning", "").strip().replace(",", ".")
    try:
        values["warning_ratio"] = float(warning) / 100
    except ValueError:
        raise admin.AdminError(
            N_("the warning point must be a percentage of the window, e.g. 75"), field="warning_ratio"
        ) from None
    values["restart_on_transfer"] = bool(form.get("restart"))
    rows = []
    for index in range(steps):
        recipient = form.get(f"step{index}_recipient", "")
        if recipient:
            days = form.get(f"step{index}_days", "").strip() or "warning"
            rows.append(f"{form.get(f'step{index}_level', '').strip()}:{recipient}:{days}")
    values["ladder"] = ",".join(rows) or " "
    return values
