"""Reading the reference data that forms and integrations offer to choose from."""

import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from routing.attributes import AttributeSpec
from routing.calendar import WorkingCalendar
from routing.escalation import Recipient, Step
from routing.models import CalendarOverride, Category, CategoryAttribute, Department, RoutingRule, SlaPolicy
from routing.policy import Policy, PolicyKey, policy_for
from routing.rules import Rule
from routing.sla import Period, Unit


async def active_categories(session: AsyncSession) -> Sequence[Category]:
    return (
        await session.scalars(select(Category).where(Category.active).order_by(Category.position, Category.id))
    ).all()


async def extra_questions(session: AsyncSession) -> dict[str, list[CategoryAttribute]]:
    """Each active category's extra questions, in their order, by category code (none: no entry)."""
    rows = await session.execute(
        select(Category.code, CategoryAttribute)
        .join(Category, Category.id == CategoryAttribute.category_id)
        .where(Category.active)
        .order_by(CategoryAttribute.position, CategoryAttribute.code)
    )
    questions: dict[str, list[CategoryAttribute]] = {}
    for code, attribute in rows.all():
        questions.setdefault(code, []).append(attribute)
    return questions


@dataclass(frozen=True)
class RoutingData:
    """What intake needs to accept and route a question, read together and cached briefly."""

    categories: dict[str, int]
    category_defaults: dict[str, int]
    rules: tuple[Rule, ...]
    coordinating_office_id: int | None
    calendar: WorkingCalendar
    policies: dict[PolicyKey, Policy]
    attributes: dict[int, tuple[AttributeSpec, ...]]
    """Each category's extra questions, by category id (none: no entry)."""

    def policy(self, category_id: int | None, priority: str | None) -> Policy:
        return policy_for(self.policies, category_id, priority)


def policy_of(row: SlaPolicy) -> Policy:
    """The pure policy a stored row describes."""
    return Policy(
        accept=Period(row.accept_amount, Unit(row.accept_unit)),
        answer=Period(row.answer_amount, Unit(row.answer_unit)),
        transfer=Period(row.transfer_amount, Unit(row.transfer_unit)),
        max_extension=Period(row.max_extension_amount, Unit(row.max_extension_unit)),
        warning_ratio=row.warning_ratio,
        restart_on_transfer=row.restart_on_transfer,
        ladder=tuple(
            Step(int(level), Recipient(str(to)), None if days is None else int(days)) for level, to, days in row.ladder
        ),
    )


CACHE_SECONDS = 60.0
# Per database engine: every submission needs this, and admins change it a few times a year.
_cache: weakref.WeakKeyDictionary[AsyncEngine, tuple[float, RoutingData]] = weakref.WeakKeyDictionary()


async def routing_data(session: AsyncSession) -> RoutingData:
    """Codes, rules, the coordinating office and the calendar, read at most once a minute per process.

    An admin's change reaches intake within a minute; a category just created is found
    at once on a cache miss by :func:`category_id_for`.
    """
    engine = session.bind
    cached = _cache.get(engine)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    categories = (
        await session.execute(select(Category.code, Category.id, Category.default_department_id).where(Category.active))
    ).all()
    codes = {category.id: category.code for category in categories}
    rules = await session.scalars(
        select(RoutingRule).where(RoutingRule.active).order_by(RoutingRule.position, RoutingRule.id)
    )
    overrides = await session.execute(select(CalendarOverride.day, CalendarOverride.working))
    attributes: dict[int, list[AttributeSpec]] = {}
    for row in await session.scalars(select(CategoryAttribute).order_by(CategoryAttribute.position)):
        attributes.setdefault(row.category_id, []).append(AttributeSpec.of(row))
    data = RoutingData(
        categories={code: id_ for code, id_, _ in categories},
        category_defaults={code: default for code, _, default in categories if default is not None},
        rules=tuple(
            Rule(
                id=rule.id,
                department_id=rule.department_id,
                category_code=codes.get(rule.category_id) if rule.category_id else None,
                area_pattern=rule.area_pattern,
                keywords=tuple(rule.keywords),
            )
            for rule in rules
            # A rule for an inactive category can never match: leave it out.
            if rule.category_id is None or rule.category_id in codes
        ),
        coordinating_office_id=await session.scalar(
            select(Department.id).where(Department.is_coordinating_office, Department.active).order_by(Department.id)
        ),
        calendar=WorkingCalendar.vietnam(overrides=dict(overrides.all())),
        policies={(row.category_id, row.priority): policy_of(row) for row in await session.scalars(select(SlaPolicy))},
        attributes={category_id: tuple(specs) for category_id, specs in attributes.items()},
    )
    _cache[engine] = (time.monotonic(), data)
    return data


def forget_routing_data(session: AsyncSession) -> None:
    """Drop this process's cached copy after an admin change (other processes refresh within a minute)."""
    _cache.pop(session.bind, None)


async def category_id_for(session: AsyncSession, code: str) -> int | None:
    return (await routing_data(session)).categories.get(code) or await session.scalar(
        select(Category.id).where(Category.code == code, Category.active)
    )
