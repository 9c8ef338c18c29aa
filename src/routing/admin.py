"""What admins change: routing rules, SLA policies, calendar overrides, categories and their extra questions.

Each is checked before it is stored.

Every function refuses bad input with :class:`AdminError` (a sentence an admin can act on)
before writing anything; the caller owns the transaction.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from routing.attributes import DefinitionError, define
from routing.calendar import WorkingCalendar
from routing.errors import N_, Refusal
from routing.escalation import format_ladder, parse_ladder
from routing.models import CalendarOverride, Category, CategoryAttribute, Department, RoutingRule, SlaPolicy
from routing.policy import DEFAULT_POLICY, Policy
from routing.rules import RoutingError, Rule
from routing.services import forget_routing_data, policy_of
from routing.sla import Period, SlaError
from routing.text import fold, nfc, plain_text_problem

# A swap of days is a few days long (Tết is the longest, about nine); more is a typing mistake.
MAX_OVERRIDE_DAYS = 31
MAX_POSITION = 1_000_000
T = TypeVar("T")
MAX_REASON = 200  # CalendarOverride.reason


class AdminError(Refusal):
    """A change an admin asked for that cannot be made; nothing was written."""


async def _department_id(session: AsyncSession, code: str, field: str = "department") -> int:
    department_id = await session.scalar(select(Department.id).where(Department.code == code, Department.active))
    if department_id is None:
        raise AdminError(N_("no active department with code {code!r}"), field=field, code=code)
    return department_id


async def _category_id(session: AsyncSession, code: str, field: str = "category") -> int:
    category_id = await session.scalar(select(Category.id).where(Category.code == code))
    if category_id is None:
        raise AdminError(N_("no category with code {code!r}"), field=field, code=code)
    return category_id


# Routing rules ---------------------------------------------------------------------------------

RULE_SPACING = 10
"""Positions are renumbered 10, 20, 30… whenever a rule is put between two others."""


async def list_rules(session: AsyncSession) -> Sequence[tuple[RoutingRule, str, str | None]]:
    """Every rule in the order tried, with its department's and category's codes."""
    rows = await session.execute(
        select(RoutingRule, Department.code, Category.code)
        .join(Department, Department.id == RoutingRule.department_id)
        .outerjoin(Category, Category.id == RoutingRule.category_id)
        .order_by(RoutingRule.position, RoutingRule.id)
    )
    return [(rule, department, category) for rule, department, category in rows]


async def check_rule(
    session: AsyncSession,
    *,
    department: str,
    category: str | None = None,
    area: str | None = None,
    keywords: Sequence[str] = (),
    before: int | None = None,
) -> RoutingRule:
    """The rule these conditions make, checked but not stored (the preview matches it against past questions).

    ``before`` is the id of the rule it is to go in front of.
    """
    if before is not None and await session.get(RoutingRule, before) is None:
        raise AdminError(N_("no routing rule with id {rule_id}"), field="before", rule_id=before)
    keywords = [nfc(k).strip() for k in keywords]
    area = (area or "").strip() or None
    category = (category or "").strip() or None
    if category is None and area is None and not keywords:
        raise AdminError(N_("a rule needs at least one condition: a category, an area or keywords"), field="keywords")
    department_id = await _department_id(session, department.strip())
    category_id = await _category_id(session, category) if category else None
    try:
        Rule(id=0, department_id=department_id, area_pattern=area)
    except RoutingError:
        raise AdminError(
            N_("an area pattern may end with '*' but not contain one: {area!r}"), field="area", area=area
        ) from None
    if any(not fold(keyword) for keyword in keywords):
        raise AdminError(N_("a keyword may not be empty"), field="keywords")
    return RoutingRule(
        position=0, department_id=department_id, category_id=category_id, area_pattern=area, keywords=keywords
    )


async def _ordered_rules(session: AsyncSession) -> list[RoutingRule]:
    return list(await session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)))


def _renumber(rules: Sequence[RoutingRule]) -> None:
    for index, rule in enumerate(rules):
        rule.position = (index + 1) * RULE_SPACING


async def add_rule(
    session: AsyncSession,
    *,
    department: str,
    category: str | None = None,
    area: str | None = None,
    keywords: Sequence[str] = (),
    position: int | None = None,
    before: int | None = None,
) -> RoutingRule:
    """A rule sending matching questions to ``department``.

    Last in order, unless ``position`` gives its position or ``before`` the id of the rule it
    goes in front of (the rules are then renumbered).
    """
    rule = await check_rule(
        session, department=department, category=category, area=area, keywords=keywords, before=before
    )
    if before is not None:
        rules = await _ordered_rules(session)
        rules.insert([r.id for r in rules].index(before), rule)
        _renumber(rules)
    elif position is None:
        rule.position = (await session.scalar(select(func.max(RoutingRule.position))) or 0) + RULE_SPACING
    elif not 0 <= position <= MAX_POSITION:
        raise AdminError(N_("the position must be from 0 to {limit}"), field="position", limit=MAX_POSITION)
    else:
        rule.position = position
    session.add(rule)
    await session.flush()
    forget_routing_data(session)
    return rule


async def get_rule(session: AsyncSession, rule_id: int) -> RoutingRule:
    rule = await session.get(RoutingRule, rule_id)
    if rule is None:
        raise AdminError(N_("no routing rule with id {rule_id}"), field="rule", rule_id=rule_id)
    return rule


async def remove_rule(session: AsyncSession, rule_id: int) -> None:
    if (await session.execute(delete(RoutingRule).where(RoutingRule.id == rule_id))).rowcount != 1:
        raise AdminError(N_("no routing rule with id {rule_id}"), field="rule", rule_id=rule_id)
    forget_routing_data(session)


async def check_move(session: AsyncSession, rule_id: int, *, place: int) -> RoutingRule:
    """The rule to move, refused when there is none or ``place`` (1: tried first) is not one of the order's."""
    rule = await get_rule(session, rule_id)
    count = await session.scalar(select(func.count()).select_from(RoutingRule)) or 0
    if not 1 <= place <= count:
        raise AdminError(N_("the place must be from 1 to {count}"), field="place", count=count)
    return rule


async def move_rule(session: AsyncSession, rule_id: int, *, place: int) -> tuple[int, int]:
    """Put rule ``rule_id`` at ``place`` (1: tried first) and renumber; its place before and after."""
    await check_move(session, rule_id, place=place)
    rules = await _ordered_rules(session)
    old = [r.id for r in rules].index(rule_id)
    rules.insert(place - 1, rules.pop(old))
    _renumber(rules)
    await session.flush()
    forget_routing_data(session)
    return old + 1, place


async def check_rule_active(session: AsyncSession, rule_id: int, *, active: bool) -> RoutingRule:
    """The rule to (de)activate; refused when there is none or it is so already."""
    rule = await get_rule(session, rule_id)
    if rule.active == active:
        message = N_("rule #{rule_id} is already active") if active else N_("rule #{rule_id} is already inactive")
        raise AdminError(message, field="rule", rule_id=rule_id)
    return rule


async def set_rule_active(session: AsyncSession, rule_id: int, *, active: bool) -> RoutingRule:
    """Stop trying a rule, or try it again, keeping its place."""
    rule = await check_rule_active(session, rule_id, active=active)
    rule.active = active
    await session.flush()
    forget_routing_data(session)
    return rule


# SLA policies ----------------------------------------------------------------------------------

PERIODS = ("accept", "answer", "transfer", "max_extension")


async def list_policies(session: AsyncSession) -> Sequence[tuple[SlaPolicy, str | None, Policy]]:
    rows = await session.execute(
        select(SlaPolicy, Category.code)
        .outerjoin(Category, Category.id == SlaPolicy.category_id)
        .order_by(SlaPolicy.id)
    )
    return [(row, category, policy_of(row)) for row, category in rows]


def _checked(field: str, parse: Callable[[str], T], text: str) -> T:
    try:
        return parse(text)
    except SlaError as exc:
        raise AdminError(exc.message, field=field, **exc.values) from None


async def policy_row(session: AsyncSession, *, category: str | None, priority: str | None) -> SlaPolicy | None:
    """The stored policy of exactly this scope, if there is one."""
    category_id = await _category_id(session, category) if category else None
    return await session.scalar(select(SlaPolicy).where(SlaPolicy.scope == SlaPolicy.scope_of(category_id, priority)))


async def check_policy(
    session: AsyncSession,
    *,
    category: str | None,
    priority: str | None,
    accept: str | None = None,
    answer: str | None = None,
    transfer: str | None = None,
    warning_ratio: float | None = None,
    max_extension: str | None = None,
    restart_on_transfer: bool | None = None,
    ladder: str | None = None,
) -> Policy:
    """The policy :func:`set_policy` would store, checked, storing nothing."""
    row = await policy_row(session, category=category, priority=priority)
    base = policy_of(row) if row else DEFAULT_POLICY
    texts = {"accept": accept, "answer": answer, "transfer": transfer, "max_extension": max_extension}
    periods = {
        name: _checked(name, Period.parse, text) if text else getattr(base, name) for name, text in texts.items()
    }
    try:
        return Policy(
            **periods,
            warning_ratio=base.warning_ratio if warning_ratio is None else warning_ratio,
            restart_on_transfer=base.restart_on_transfer if restart_on_transfer is None else restart_on_transfer,
            ladder=_checked("ladder", parse_ladder, ladder) if ladder else base.ladder,
        )
    except SlaError as exc:
        raise AdminError(exc.message, field=exc.field, **exc.values) from None


async def set_policy(session: AsyncSession, *, category: str | None, priority: str | None, **values: Any) -> SlaPolicy:
    """Create or change the policy for ``category`` and ``priority`` (None: any); unset values keep theirs.

    Periods are written ``10wd``, ``8wh`` or ``15cd``; the ladder as :func:`~routing.escalation.parse_ladder`.
    """
    policy = await check_policy(session, category=category, priority=priority, **values)
    category_id = await _category_id(session, category) if category else None
    scope = SlaPolicy.scope_of(category_id, priority)
    row = await session.scalar(select(SlaPolicy).where(SlaPolicy.scope == scope))
    row = row or SlaPolicy(scope=scope, category_id=category_id, priority=priority)
    for name in PERIODS:
        period: Period = getattr(policy, name)
        setattr(row, f"{name}_amount", period.amount)
        setattr(row, f"{name}_unit", period.unit.value)
    row.warning_ratio = policy.warning_ratio
    row.restart_on_transfer = policy.restart_on_transfer
    row.ladder = [[s.level, s.recipient.value, s.working_days_overdue] for s in policy.ladder]
    session.add(row)
    await session.flush()
    forget_routing_data(session)
    return row


async def check_remove_policy(session: AsyncSession, *, category: str | None, priority: str | None) -> SlaPolicy:
    """The policy :func:`remove_policy` would remove; refused for the default (change it instead) or none."""
    if not category and not priority:
        raise AdminError(N_("the default policy cannot be removed: change it instead"), field="scope")
    row = await policy_row(session, category=category, priority=priority)
    if row is None:
        raise AdminError(N_("no policy for that category and priority"), field="scope")
    return row


async def remove_policy(session: AsyncSession, *, category: str | None, priority: str | None) -> None:
    """Remove a policy; its questions take the next less specific one."""
    await session.delete(await check_remove_policy(session, category=category, priority=priority))
    await session.flush()
    forget_routing_data(session)


def describe_policy(policy: Policy) -> str:
    return (
        f"accept {policy.accept}, answer {policy.answer}, transfer {policy.transfer},"
        f" warning at {policy.warning_ratio:.0%}, extension up to {policy.max_extension},"
        f" {'restart' if policy.restart_on_transfer else 'keep'} the clock on an early transfer,"
        f" ladder {format_ladder(policy.ladder)}"
    )


# Calendar overrides ----------------------------------------------------------------------------


async def list_overrides(session: AsyncSession, year: int | None = None) -> Sequence[CalendarOverride]:
    query = select(CalendarOverride).order_by(CalendarOverride.day)
    if year is not None:
        query = query.where(CalendarOverride.day.between(date(year, 1, 1), date(year, 12, 31)))
    return (await session.scalars(query)).all()


async def check_overrides(
    session: AsyncSession, *, first: date, last: date | None = None, working: bool, reason: str
) -> list[date]:
    """The days ``first``..``last`` (inclusive) would mark, or :class:`AdminError`; writes nothing.

    Refused when the range overlaps an existing override (change that one first), is longer than
    a month, has no reason, or would change nothing (a weekday marked as worked, a Sunday off):
    such an override is almost always a mistyped date.
    """
    last = last or first
    if last < first:
        raise AdminError(N_("The last day comes before the first."), field="last")
    if (last - first).days >= MAX_OVERRIDE_DAYS:
        raise AdminError(
            N_("An override covers at most {limit} days: add a longer change in several parts."),
            field="last",
            limit=MAX_OVERRIDE_DAYS,
        )
    if not nfc(reason).strip():
        raise AdminError(N_("Give the reason, e.g. the decision that swaps the days."), field="reason")
    if len(nfc(reason).strip()) > MAX_REASON:
        raise AdminError(
            N_("The reason is too long: at most {reason_limit} characters."), field="reason", reason_limit=MAX_REASON
        )
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    taken = sorted(await session.scalars(select(CalendarOverride.day).where(CalendarOverride.day.between(first, last))))
    if taken:
        raise AdminError(N_("Already changed: {days}. Remove that change first."), field="first", days=_listed(taken))
    plain = WorkingCalendar.vietnam()
    if unchanged := [d for d in days if plain.is_working_day(d) == working]:
        message = (
            N_("Already a working day without a change: {days}.")
            if working
            else N_("Already a day off without a change: {days}.")
        )
        raise AdminError(message, field="kind", days=_listed(unchanged))
    return days


def _listed(days: Sequence[date]) -> str:
    return ", ".join(f"{d:%d/%m/%Y}" for d in days)


async def add_overrides(
    session: AsyncSession, *, first: date, last: date | None = None, working: bool, reason: str
) -> list[CalendarOverride]:
    """Mark ``first``..``last`` (inclusive) as worked or as days off, once :func:`check_overrides` accepts them."""
    days = await check_overrides(session, first=first, last=last, working=working, reason=reason)
    reason = nfc(reason).strip()
    overrides = [CalendarOverride(day=day, working=working, reason=reason) for day in days]
    session.add_all(overrides)
    await session.flush()
    forget_routing_data(session)
    return overrides


async def override_on(session: AsyncSession, day: date) -> CalendarOverride:
    """The override on ``day``, or :class:`AdminError`."""
    override = await session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
    if override is None:
        raise AdminError(N_("There is no change on {days}."), field="first", days=_listed([day]))
    return override


async def remove_override(session: AsyncSession, day: date) -> None:
    if (await session.execute(delete(CalendarOverride).where(CalendarOverride.day == day))).rowcount != 1:
        raise AdminError(N_("There is no change on {days}."), field="first", days=_listed([day]))
    forget_routing_data(session)


# Departments and categories --------------------------------------------------------------------

DEPARTMENT_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,31}")
CATEGORY_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,47}")
NAME_LIMIT = 200
GROUP_LIMIT = 120

# Each field's own words for what plain_text_problem finds.
_TEXT_PROBLEMS = {
    "missing": N_("this field is required"),
    "too_long": N_("too long: at most {limit} characters"),
    "control_character": N_("write plain text, without HTML or control characters"),
    "markup": N_("write plain text, without HTML or control characters"),
}


def _text(value: str | None, field: str, limit: int, *, required: bool = True) -> str:
    text, problem = plain_text_problem(value or "", limit, required=required)
    if problem:
        raise AdminError(_TEXT_PROBLEMS[problem], field=field, limit=limit)
    return text


def _mailbox(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise AdminError(N_("not an email address, e.g. tiepnhan@stc.gov.vn"), field="mailbox") from None


async def department_named(session: AsyncSession, code: str, *, field: str = "department") -> Department:
    """The department ``code`` (active or not); refused naming ``field`` if there is none."""
    department = await session.scalar(select(Department).where(Department.code == code.strip().upper()))
    if department is None:
        raise AdminError(N_("no department with code '{code}'"), field=field, code=code)
    return department


async def active_department(session: AsyncSession, code: str, field: str) -> Department:
    department = await session.scalar(
        select(Department).where(Department.code == code.strip().upper(), Department.active)
    )
    if department is None:
        raise AdminError(N_("no active department with code '{code}'"), field=field, code=code)
    return department


async def _check_parent(session: AsyncSession, department: Department | None, parent: Department) -> None:
    """Refuse a parent that is the department itself or below it: the tree would become a loop."""
    if department is None:
        return
    parents = dict((await session.execute(select(Department.id, Department.parent_id))).all())
    ancestor: int | None = parent.id
    while ancestor is not None:
        if ancestor == department.id:
            raise AdminError(N_("a department cannot be placed under itself or one of its own units"), field="parent")
        ancestor = parents.get(ancestor)


async def add_department(
    session: AsyncSession, *, code: str, name: str, name_en: str, mailbox: str | None, parent: str | None = None
) -> Department:
    """A new active department, under ``parent`` (a code) if given."""
    code = code.strip().upper()
    if not code:
        raise AdminError(N_("a department needs a code"), field="code")
    if not DEPARTMENT_CODE.fullmatch(code):
        raise AdminError(N_("a code is letters, digits, - and _, at most 32, e.g. SKHCN"), field="code")
    name = _text(name, "name", NAME_LIMIT)
    name_en = _text(name_en, "name_en", NAME_LIMIT, required=False) or name
    mailbox = _mailbox(mailbox)
    parent_id = (await active_department(session, parent, "parent")).id if parent else None
    if await session.scalar(select(Department.id).where(Department.code == code)):
        raise AdminError(N_("the code '{code}' is taken"), field="code", code=code)
    department = Department(code=code, name=name, name_en=name_en, mailbox=mailbox, parent_id=parent_id)
    session.add(department)
    await session.flush()
    forget_routing_data(session)
    return department


async def change_department(
    session: AsyncSession,
    code: str,
    *,
    parent: str | None = None,
    top_level: bool = False,
    mailbox: str | None = None,
    coordinating: bool = False,
) -> Department:
    """Move a department under ``parent`` (or to the ``top_level``), set its mailbox (``""``: none), or
    make it the coordinating office, which the former one stops being (there is exactly one)."""
    department = await department_named(session, code)
    if parent:
        new_parent = await active_department(session, parent, "parent")
        await _check_parent(session, department, new_parent)
        department.parent_id = new_parent.id
    elif top_level:
        department.parent_id = None
    if mailbox is not None:
        department.mailbox = _mailbox(mailbox)
    if coordinating and not department.is_coordinating_office:
        if not department.active:
            raise AdminError(N_("an inactive department cannot be the coordinating office"), field="coordinating")
        former = await session.scalars(select(Department).where(Department.is_coordinating_office))
        for office in former:
            office.is_coordinating_office = False
        await session.flush()
        department.is_coordinating_office = True
    await session.flush()
    forget_routing_data(session)
    return department


async def department_ties(session: AsyncSession, department: Department) -> list[AdminError]:
    """What routing still sends to ``department``: each must move before it is deactivated."""
    ties: list[AdminError] = []
    if department.is_coordinating_office:
        ties.append(
            AdminError(
                N_(
                    "the coordinating office cannot be deactivated: it receives the triage queue;"
                    " make another department the coordinating office first"
                ),
                field="department",
            )
        )
    rules = await session.scalar(
        select(func.count()).where(RoutingRule.department_id == department.id, RoutingRule.active)
    )
    if rules:
        ties.append(
            AdminError(
                N_("{count} routing rule(s) send questions to it: change them first"), field="department", count=rules
            )
        )
    topics = list(await session.scalars(select(Category.name).where(Category.default_department_id == department.id)))
    if topics:
        ties.append(
            AdminError(
                N_("it answers these topics by default: give them another department first: {topics}"),
                field="department",
                topics=", ".join(topics),
            )
        )
    return ties


async def set_department_active(session: AsyncSession, code: str, *, active: bool) -> Department:
    """(De)activate a department; deactivation is refused while routing still sends questions to it."""
    department = await department_named(session, code)
    if not active and (ties := await department_ties(session, department)):
        raise ties[0]
    department.active = active
    await session.flush()
    forget_routing_data(session)
    return department


async def add_category(
    session: AsyncSession, *, code: str, name: str, name_en: str, group: str, group_en: str, department: str | None
) -> Category:
    code = code.strip().lower()
    if not code:
        raise AdminError(N_("a topic needs a code"), field="code")
    if not CATEGORY_CODE.fullmatch(code):
        raise AdminError(N_("a code is small letters, digits, - and _, at most 48, e.g. dat-dai"), field="code")
    name = _text(name, "name", NAME_LIMIT)
    name_en = _text(name_en, "name_en", NAME_LIMIT, required=False) or name
    group = _text(group, "group", GROUP_LIMIT)
    group_en = _text(group_en, "group_en", GROUP_LIMIT, required=False) or group
    default = (await active_department(session, department, "department")).id if department else None
    if await session.scalar(select(Category.id).where(Category.code == code)):
        raise AdminError(N_("the code '{code}' is taken"), field="code", code=code)
    position = (await session.scalar(select(func.max(Category.position))) or 0) + 10
    category = Category(
        code=code,
        name=name,
        name_en=name_en,
        group=group,
        group_en=group_en,
        position=position,
        default_department_id=default,
    )
    session.add(category)
    await session.flush()
    forget_routing_data(session)
    return category


async def update_category(
    session: AsyncSession,
    code: str,
    *,
    department: str | None = None,
    clear_department: bool = False,
    active: bool | None = None,
    name: str | None = None,
    name_en: str | None = None,
    group: str | None = None,
    group_en: str | None = None,
    position: int | None = None,
) -> Category:
    """Change a category's names, group, position, default department (or clear it: its questions go
    to triage), or (de)activate it; what is not given is kept. Questions already filed keep their
    department: only new ones follow."""
    category = await session.scalar(select(Category).where(Category.code == code.strip().lower()))
    if category is None:
        raise AdminError(N_("no topic with code '{code}'"), field="code", code=code)
    if name is not None:
        category.name = _text(name, "name", NAME_LIMIT)
    if name_en is not None:
        category.name_en = _text(name_en, "name_en", NAME_LIMIT, required=False) or category.name
    if group is not None:
        category.group = _text(group, "group", GROUP_LIMIT)
    if group_en is not None:
        category.group_en = _text(group_en, "group_en", GROUP_LIMIT, required=False) or category.group
    if position is not None:
        if not 0 <= position <= MAX_POSITION:
            raise AdminError(N_("the position must be from 0 to {limit}"), field="position", limit=MAX_POSITION)
        category.position = position
    if department:
        category.default_department_id = (await active_department(session, department, "department")).id
    elif clear_department:
        category.default_department_id = None
    if active is not None:
        category.active = active
    await session.flush()
    forget_routing_data(session)
    return category


# Categories' extra questions -------------------------------------------------------------------


async def list_attributes(
    session: AsyncSession, category: str | None = None
) -> Sequence[tuple[CategoryAttribute, str]]:
    """The extra questions of ``category`` (None: of every category) in the order asked, with their category's code."""
    query = select(CategoryAttribute, Category.code).join(Category, Category.id == CategoryAttribute.category_id)
    if category is not None:
        query = query.where(CategoryAttribute.category_id == await _category_id(session, category))
    rows = await session.execute(
        query.order_by(Category.position, Category.id, CategoryAttribute.position, CategoryAttribute.code)
    )
    return [(row, code) for row, code in rows]


async def add_attribute(
    session: AsyncSession,
    category: str,
    *,
    code: str,
    description: str,
    description_en: str = "",
    datatype: str,
    required: bool = False,
    help_text: str = "",
    values: Sequence[str] = (),
    position: int | None = None,
) -> CategoryAttribute:
    """An extra question ``category`` asks (an Open311 service attribute), last unless ``position`` says.

    What may be defined is :func:`routing.attributes.define`'s to say. Questions already filed
    are not touched: a new required question binds the questions filed from now on.
    """
    category_id = await _category_id(session, category)
    try:
        definition = define(
            code=code,
            description=description,
            description_en=description_en,
            datatype=datatype,
            help_text=help_text,
            values=values,
        )
    except DefinitionError as exc:
        raise AdminError(str(exc)) from None
    if position is not None and not 0 <= position <= MAX_POSITION:
        raise AdminError(f"the position must be from 0 to {MAX_POSITION}")
    asked = select(CategoryAttribute.id).where(
        CategoryAttribute.category_id == category_id, CategoryAttribute.code == definition.code
    )
    if await session.scalar(asked):
        raise AdminError(f"the category {category!r} already asks {definition.code!r}")
    if position is None:
        last = select(func.max(CategoryAttribute.position)).where(CategoryAttribute.category_id == category_id)
        position = (await session.scalar(last) or 0) + 10
    attribute = CategoryAttribute(
        category_id=category_id,
        code=definition.code,
        position=position,
        description=definition.description,
        description_en=definition.description_en,
        datatype=definition.datatype,
        datatype_description=definition.help_text,
        required=required,
        values=definition.values,
    )
    session.add(attribute)
    await session.flush()
    forget_routing_data(session)
    return attribute


async def remove_attribute(session: AsyncSession, category: str, code: str) -> None:
    """Stop asking the question; questions already filed keep their answers (staff see them under its code)."""
    category_id = await _category_id(session, category)
    removed = await session.execute(
        delete(CategoryAttribute).where(CategoryAttribute.category_id == category_id, CategoryAttribute.code == code)
    )
    if removed.rowcount != 1:
        raise AdminError(f"the category {category!r} asks no question {code!r}")
    forget_routing_data(session)
