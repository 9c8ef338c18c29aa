"""What admins change: routing rules, SLA policies, calendar overrides, categories and their extra questions.

Each is checked before it is stored.

Every function refuses bad input with :class:`AdminError` (a sentence an admin can act on)
before writing anything; the caller owns the transaction.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from routing.attributes import DefinitionError, define
from routing.calendar import WorkingCalendar
from routing.escalation import format_ladder, parse_ladder
from routing.models import CalendarOverride, Category, CategoryAttribute, Department, RoutingRule, SlaPolicy
from routing.policy import DEFAULT_POLICY, Policy
from routing.rules import RoutingError, Rule
from routing.services import forget_routing_data, policy_of
from routing.sla import Period, SlaError
from routing.text import nfc

# A swap of days is a few days long (Tết is the longest, about nine); more is a typing mistake.
MAX_OVERRIDE_DAYS = 31
MAX_POSITION = 1_000_000


class AdminError(ValueError):
    pass


async def _department_id(session: AsyncSession, code: str) -> int:
    department_id = await session.scalar(select(Department.id).where(Department.code == code, Department.active))
    if department_id is None:
        raise AdminError(f"no active department with code {code!r}")
    return department_id


async def _category_id(session: AsyncSession, code: str) -> int:
    category_id = await session.scalar(select(Category.id).where(Category.code == code))
    if category_id is None:
        raise AdminError(f"no category with code {code!r}")
    return category_id


# Routing rules ---------------------------------------------------------------------------------


async def list_rules(session: AsyncSession) -> Sequence[tuple[RoutingRule, str, str | None]]:
    """Every rule in the order tried, with its department's and category's codes."""
    rows = await session.execute(
        select(RoutingRule, Department.code, Category.code)
        .join(Department, Department.id == RoutingRule.department_id)
        .outerjoin(Category, Category.id == RoutingRule.category_id)
        .order_by(RoutingRule.position, RoutingRule.id)
    )
    return [(rule, department, category) for rule, department, category in rows]


async def add_rule(
    session: AsyncSession,
    *,
    department: str,
    category: str | None = None,
    area: str | None = None,
    keywords: Sequence[str] = (),
    position: int | None = None,
) -> RoutingRule:
    """A rule sending matching questions to ``department``; last in order unless ``position`` says."""
    keywords = [nfc(k).strip() for k in keywords]
    if category is None and area is None and not keywords:
        raise AdminError("a rule needs at least one condition: a category, an area or keywords")
    department_id = await _department_id(session, department)
    category_id = await _category_id(session, category) if category else None
    try:
        Rule(id=0, department_id=department_id, category_code=category, area_pattern=area, keywords=tuple(keywords))
    except RoutingError as exc:
        raise AdminError(str(exc)) from None
    if position is None:
        position = (await session.scalar(select(func.max(RoutingRule.position))) or 0) + 10
    elif position < 0:
        raise AdminError("the position must be 0 or more")
    rule = RoutingRule(
        position=position, department_id=department_id, category_id=category_id, area_pattern=area, keywords=keywords
    )
    session.add(rule)
    await session.flush()
    forget_routing_data(session)
    return rule


async def remove_rule(session: AsyncSession, rule_id: int) -> None:
    if (await session.execute(delete(RoutingRule).where(RoutingRule.id == rule_id))).rowcount != 1:
        raise AdminError(f"no routing rule with id {rule_id}")
    forget_routing_data(session)


# SLA policies ----------------------------------------------------------------------------------


async def list_policies(session: AsyncSession) -> Sequence[tuple[SlaPolicy, str | None, Policy]]:
    rows = await session.execute(
        select(SlaPolicy, Category.code)
        .outerjoin(Category, Category.id == SlaPolicy.category_id)
        .order_by(SlaPolicy.id)
    )
    return [(row, category, policy_of(row)) for row, category in rows]


async def set_policy(
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
) -> SlaPolicy:
    """Create or change the policy for ``category`` and ``priority`` (None: any); unset values keep theirs.

    Periods are written ``10wd``, ``8wh`` or ``15cd``; the ladder as :func:`~routing.escalation.parse_ladder`.
    """
    category_id = await _category_id(session, category) if category else None
    scope = SlaPolicy.scope_of(category_id, priority)
    row = await session.scalar(select(SlaPolicy).where(SlaPolicy.scope == scope))
    base = policy_of(row) if row else DEFAULT_POLICY
    try:
        policy = Policy(
            accept=Period.parse(accept) if accept else base.accept,
            answer=Period.parse(answer) if answer else base.answer,
            transfer=Period.parse(transfer) if transfer else base.transfer,
            warning_ratio=base.warning_ratio if warning_ratio is None else warning_ratio,
            max_extension=Period.parse(max_extension) if max_extension else base.max_extension,
            restart_on_transfer=base.restart_on_transfer if restart_on_transfer is None else restart_on_transfer,
            ladder=parse_ladder(ladder) if ladder else base.ladder,
        )
    except SlaError as exc:
        raise AdminError(str(exc)) from None
    row = row or SlaPolicy(scope=scope, category_id=category_id, priority=priority)
    for name in ("accept", "answer", "transfer", "max_extension"):
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


async def remove_policy(session: AsyncSession, *, category: str | None, priority: str | None) -> None:
    category_id = await _category_id(session, category) if category else None
    scope = SlaPolicy.scope_of(category_id, priority)
    if (await session.execute(delete(SlaPolicy).where(SlaPolicy.scope == scope))).rowcount != 1:
        raise AdminError("no policy for that category and priority")
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


async def add_overrides(
    session: AsyncSession, *, first: date, last: date | None = None, working: bool, reason: str
) -> list[CalendarOverride]:
    """Mark ``first``..``last`` (inclusive) as worked or as days off.

    Refused when the range overlaps an existing override (change that one first), is longer than
    a month, has no reason, or would change nothing (a weekday marked as worked, a Sunday off):
    such an override is almost always a mistyped date.
    """
    last = last or first
    reason = nfc(reason).strip()
    if last < first:
        raise AdminError("the last day comes before the first")
    if (last - first).days >= MAX_OVERRIDE_DAYS:
        raise AdminError(f"an override covers at most {MAX_OVERRIDE_DAYS} days")
    if not reason:
        raise AdminError("give the reason (e.g. the decision that swaps the days)")
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    taken = list(await session.scalars(select(CalendarOverride.day).where(CalendarOverride.day.between(first, last))))
    if taken:
        raise AdminError(f"already overridden: {', '.join(d.isoformat() for d in sorted(taken))}")
    plain = WorkingCalendar.vietnam()
    if unchanged := [d for d in days if plain.is_working_day(d) == working]:
        state = "a working day" if working else "a day off"
        raise AdminError(f"already {state} without an override: {', '.join(d.isoformat() for d in unchanged)}")
    overrides = [CalendarOverride(day=day, working=working, reason=reason) for day in days]
    session.add_all(overrides)
    await session.flush()
    forget_routing_data(session)
    return overrides


async def remove_override(session: AsyncSession, day: date) -> None:
    if (await session.execute(delete(CalendarOverride).where(CalendarOverride.day == day))).rowcount != 1:
        raise AdminError(f"no override on {day.isoformat()}")
    forget_routing_data(session)


# Departments and categories --------------------------------------------------------------------


async def add_department(
    session: AsyncSession, *, code: str, name: str, name_en: str, mailbox: str | None
) -> Department:
    code = code.strip().upper()
    if not code or not nfc(name).strip():
        raise AdminError("a department needs a code and a name")
    if await session.scalar(select(Department.id).where(Department.code == code)):
        raise AdminError(f"the code {code!r} is taken")
    department = Department(
        code=code, name=nfc(name).strip(), name_en=name_en.strip() or nfc(name).strip(), mailbox=mailbox
    )
    session.add(department)
    await session.flush()
    return department


async def set_department_active(session: AsyncSession, code: str, *, active: bool) -> None:
    department = await session.scalar(select(Department).where(Department.code == code))
    if department is None:
        raise AdminError(f"no department with code {code!r}")
    if not active and department.is_coordinating_office:
        raise AdminError("the coordinating office cannot be deactivated: it receives the triage queue")
    department.active = active
    forget_routing_data(session)


async def add_category(
    session: AsyncSession, *, code: str, name: str, name_en: str, group: str, group_en: str, department: str | None
) -> Category:
    code = code.strip().lower()
    if not code or not nfc(name).strip() or not nfc(group).strip():
        raise AdminError("a category needs a code, a name and a group")
    if await session.scalar(select(Category.id).where(Category.code == code)):
        raise AdminError(f"the code {code!r} is taken")
    position = (await session.scalar(select(func.max(Category.position))) or 0) + 10
    category = Category(
        code=code,
        name=nfc(name).strip(),
        name_en=name_en.strip() or nfc(name).strip(),
        group=nfc(group).strip(),
        group_en=group_en.strip() or nfc(group).strip(),
        position=position,
        default_department_id=await _department_id(session, department) if department else None,
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
) -> Category:
    """Change a category's default department (or clear it: its questions go to triage), or (de)activate it."""
    category = await session.scalar(select(Category).where(Category.code == code))
    if category is None:
        raise AdminError(f"no category with code {code!r}")
    if department:
        category.default_department_id = await _department_id(session, department)
    elif clear_department:
        category.default_department_id = None
    if active is not None:
        category.active = active
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
