"""What a merge, split, rename or hand-over will do, counted before anything is written.

Every plan is built the same way: the sources (the versions that end), the targets (existing
departments, or one to create), the moves of open questions (each from a source to a target,
for all its topics or some), and each source's successor, which takes its staff, saved replies,
coordination requests, sub-departments and whatever the moves leave. A hand-over is the one
that ends nothing: a department in service gives some of its topics to another (a function
transferred by a decision, e.g. religion from the Department of Home Affairs to a new
Department of Ethnic and Religious Affairs), so only those topics' open questions, rules and
defaults move. Checking happens here, once, for the pages and the command line alike
(:class:`ReorganisationError`).

Codes. The code is the identifier scripts, routing rules and API clients use, so it stays with
the live department: when a version ends, its code gets the suffix ``~YYYYMMDD`` (its last
day). A rename therefore keeps its code on the new version, and a merge into a new department
may take over a source's code; the ended version stays findable under its dated code.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, or_, select, true, union
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import AdminRefusal
from feedback.i18n import N_
from feedback.inbox import IS_OPEN
from feedback.models import Ticket
from feedback.reorganisation.counts import Counts, Flag, count
from routing.calendar import VIETNAM
from routing.models import Category, Department, RoutingRule
from routing.text import nfc

MAX_DAYS_AHEAD = 31
"""How far ahead a reorganisation may be dated: a decision is signed a few weeks before it takes effect."""
CODE_LENGTH = 32
SUFFIX_LENGTH = len("~20250301")


class ReorganisationError(AdminRefusal):
    """A reorganisation that cannot be made; nothing has been written."""


class Kind(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    HAND_OVER = "hand_over"


@dataclass(frozen=True)
class NewDepartment:
    """A department the reorganisation creates."""

    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Move:
    """Open questions of ``source_id`` going to target number ``target``: of ``categories`` only, or
    (``None``) all but the ``mapped`` ones, which other moves take."""

    source_id: int
    target: int
    categories: frozenset[int] | None = None
    mapped: frozenset[int] = frozenset()

    def condition(self, category: ColumnElement[int | None]) -> ColumnElement[bool]:
        """The rows of the source this move takes, by their topic column (a rule's may be NULL)."""
        if self.categories is not None:
            return category.in_(sorted(self.categories))
        if not self.mapped:
            return true()
        return or_(category.is_(None), category.not_in(sorted(self.mapped)))

    def takes(self, category_id: int | None) -> bool:
        """:meth:`condition`, for a topic already read."""
        if self.categories is not None:
            return category_id in self.categories
        return category_id not in self.mapped


@dataclass
class Plan:
    """A reorganisation as checked and counted; :func:`feedback.reorganisation.apply.apply` makes it."""

    kind: Kind
    on: date
    """The first day of the new organisation; the sources' last day is the day before."""
    sources: list[Department]
    targets: list[Department | NewDepartment]
    moves: list[Move]
    successor: dict[int, int]
    """Each source's successor, as a target number."""
    counts: Counts = field(default_factory=Counts)
    flags: list[Flag] = field(default_factory=list)
    topics: list[Category] = field(default_factory=list)
    """The topics a hand-over gives (the other kinds move by topic through their moves only)."""

    @property
    def ends_sources(self) -> bool:
        """Whether the sources end (every kind but a hand-over, whose source stays in service)."""
        return self.kind is not Kind.HAND_OVER

    def keeps_assignees(self, move: Move) -> bool:
        """Whether the questions of ``move`` keep their officer: only where the staff go too (the source's
        successor); elsewhere they go back to the new department's queue, unassigned."""
        return self.successor.get(move.source_id) == move.target

    def target_name(self, index: int, *, english: bool = False) -> str:
        target = self.targets[index]
        return target.name_en if english else target.name

    def target_code(self, index: int) -> str:
        return self.targets[index].code


def ended_code(code: str, last_day: date) -> str:
    """The code an ended version keeps, freeing its own for the live department (see the module)."""
    return f"{code[: CODE_LENGTH - SUFFIX_LENGTH]}~{last_day:%Y%m%d}"


async def _live(session: AsyncSession, code: str, field_name: str) -> Department:
    """The department in service coded ``code``, locked until the transaction ends (on PostgreSQL), so that
    two admins reorganising it at once cannot both end it: the second waits, then finds it ended."""
    department = await session.scalar(
        select(Department)
        .where(Department.code == code.strip().upper())
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if department is None:
        raise ReorganisationError(N_("There is no department with code {code}."), field=field_name, code=code)
    if not department.active or department.valid_to is not None:
        raise ReorganisationError(
            N_("{name} has ended or is inactive: only a department in service can be reorganised."),
            field=field_name,
            name=department.name,
        )
    return department


def _check_date(on: date, sources: Sequence[Department], now: datetime) -> None:
    today = now.astimezone(VIETNAM).date()
    if on > today + timedelta(days=MAX_DAYS_AHEAD):
        raise ReorganisationError(
            N_("The date is too far ahead: at most {days} days from today."), field="on", days=MAX_DAYS_AHEAD
        )
    for source in sources:
        if source.valid_from is not None and on <= source.valid_from:
            raise ReorganisationError(
                N_("{name} only began on {day}: the date must be after it."),
                field="on",
                name=source.name,
                day=f"{source.valid_from:%d/%m/%Y}",
            )


async def _new(session: AsyncSession, new: NewDepartment, freed: Sequence[str]) -> NewDepartment:
    code, name, name_en = new.code.strip().upper(), nfc(new.name.strip()), nfc(new.name_en.strip())
    if not code or len(code) > CODE_LENGTH - SUFFIX_LENGTH or not code.replace("_", "").replace("-", "").isalnum():
        raise ReorganisationError(
            N_("The code must be 1 to {limit} letters, digits, - or _."),
            field="code",
            limit=CODE_LENGTH - SUFFIX_LENGTH,
        )
    if not name or len(name) > 200 or len(name_en) > 200:
        raise ReorganisationError(N_("The new department needs a name of at most 200 characters."), field="name")
    if code not in freed and await session.scalar(select(Department.id).where(Department.code == code)):
        raise ReorganisationError(N_("The code {code} is already used by another department."), field="code", code=code)
    return NewDepartment(code, name, name_en or name)


async def plan_merge(
    session: AsyncSession,
    sources: Sequence[str],
    *,
    into: str | NewDepartment,
    on: date,
    now: datetime,
) -> Plan:
    """Merge the departments coded ``sources`` into an existing one (its code) or a new one."""
    codes = list(dict.fromkeys(code.strip().upper() for code in sources if code.strip()))
    if not codes:
        raise ReorganisationError(N_("Choose at least one department to merge."), field="sources")
    departments = [await _live(session, code, "sources") for code in codes]
    if isinstance(into, NewDepartment):
        target: Department | NewDepartment = await _new(session, into, codes)
    else:
        target = await _live(session, into, "into")
        if target.code in codes:
            raise ReorganisationError(
                N_("{name} cannot be merged into itself: choose another department to merge into."),
                field="into",
                name=target.name,
            )
    _check_date(on, departments, now)
    plan = Plan(
        Kind.MERGE,
        on,
        departments,
        [target],
        [Move(d.id or 0, 0) for d in departments],
        {d.id or 0: 0 for d in departments},
    )
    await count(session, plan, now)
    return plan


async def plan_rename(session: AsyncSession, source: str, *, name: str, name_en: str, on: date, now: datetime) -> Plan:
    """A new name from ``on``: a new version keeps the code, the old one ends and keeps the old name."""
    department = await _live(session, source, "source")
    new = await _new(session, NewDepartment(department.code, name, name_en), [department.code])
    if new.name == department.name and new.name_en == department.name_en:
        raise ReorganisationError(N_("The new name is the same as the current one."), field="name")
    _check_date(on, [department], now)
    plan = Plan(Kind.RENAME, on, [department], [new], [Move(department.id or 0, 0)], {department.id or 0: 0})
    await count(session, plan, now)
    return plan


async def plan_split(
    session: AsyncSession,
    source: str,
    *,
    into: Mapping[str, str],
    default: str | None,
    on: date,
    now: datetime,
) -> Plan:
    """Split ``source`` by topic: ``into`` maps topic codes to existing departments' codes; ``default``
    takes the other topics, the staff and the saved replies (else the first department named)."""
    department = await _live(session, source, "source")
    if not into:
        raise ReorganisationError(N_("Say which department takes each topic."), field="into")
    targets: list[Department | NewDepartment] = []
    index: dict[str, int] = {}
    by_category: dict[int, int] = {}
    for topic, code in into.items():
        category = await session.scalar(select(Category).where(Category.code == topic.strip()))
        if category is None:
            raise ReorganisationError(N_("There is no topic with code {code}."), field="into", code=topic)
        key = code.strip().upper()
        if key not in index:
            target = await _live(session, key, "into")
            if target.id == department.id:
                raise ReorganisationError(
                    N_("{name} cannot take its own topics in a split: choose other departments."),
                    field="into",
                    name=department.name,
                )
            index[key] = len(targets)
            targets.append(target)
        by_category[category.id or 0] = index[key]
    if default:
        key = default.strip().upper()
        if key not in index:
            target = await _live(session, key, "default")
            if target.id == department.id:
                raise ReorganisationError(
                    N_("{name} cannot take its own topics in a split: choose other departments."),
                    field="default",
                    name=department.name,
                )
            index[key] = len(targets)
            targets.append(target)
        rest: int | None = index[key]
    else:
        rest = None
    _check_date(on, [department], now)
    source_id = department.id or 0
    mapped = frozenset(by_category)
    if rest is None:
        unmapped = await _unmapped_topics(session, source_id, mapped)
        if unmapped:
            raise ReorganisationError(
                N_("These topics of {name} have no department: {topics}. Map them or choose a default department."),
                field="default",
                name=department.name,
                topics=", ".join(unmapped),
            )
    moves = [
        Move(source_id, target, frozenset(c for c, t in by_category.items() if t == target))
        for target in sorted(set(by_category.values()))
    ]
    if rest is not None:
        moves.append(Move(source_id, rest, None, mapped))
    plan = Plan(Kind.SPLIT, on, [department], targets, moves, {source_id: 0 if rest is None else rest})
    await count(session, plan, now)
    return plan


async def plan_hand_over(session: AsyncSession, source: str, *, topics: Sequence[str], to: str, now: datetime) -> Plan:
    """``source`` stays in service and gives the topics coded ``topics`` to the department coded ``to``:
    their open questions (deadlines unchanged), routing rules and topic defaults move from today."""
    department = await _live(session, source, "source")
    codes = list(dict.fromkeys(code.strip() for code in topics if code.strip()))
    if not codes:
        raise ReorganisationError(N_("Choose at least one topic to hand over."), field="topics")
    categories = {}
    for code in codes:
        category = await session.scalar(select(Category).where(Category.code == code))
        if category is None:
            raise ReorganisationError(N_("There is no topic with code {code}."), field="topics", code=code)
        categories[category.id or 0] = category
    target = await _live(session, to, "to")
    if target.id == department.id:
        raise ReorganisationError(
            N_("{name} cannot hand topics over to itself: choose another department."), field="to", name=target.name
        )
    source_id = department.id or 0
    plan = Plan(
        Kind.HAND_OVER,
        now.astimezone(VIETNAM).date(),
        [department],
        [target],
        [Move(source_id, 0, frozenset(categories))],
        {},
        topics=list(categories.values()),
    )
    await count(session, plan, now)
    if not (plan.counts.open or plan.counts.rules or plan.counts.topic_defaults):
        raise ReorganisationError(
            N_("{name} has nothing to hand over on these topics: no open question, routing rule or default."),
            field="topics",
            name=department.name,
        )
    return plan


async def _unmapped_topics(session: AsyncSession, source_id: int, mapped: frozenset[int]) -> list[str]:
    """Topics the source still answers that a split without a default would leave without a department."""
    used = union(
        select(Ticket.category_id.label("id")).where(Ticket.department_id == source_id, IS_OPEN),
        select(Category.id).where(Category.default_department_id == source_id),
        select(RoutingRule.category_id).where(RoutingRule.department_id == source_id),
    ).subquery()
    found = await session.scalars(
        select(Category.code).where(Category.id.in_(select(used.c.id)), Category.id.not_in(sorted(mapped) or [-1]))
    )
    return sorted(found)


def parse_day(text: str, field_name: str = "on") -> date:
    """A date typed as YYYY-MM-DD (the browser's date field) or DD/MM/YYYY."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007  (a calendar day, not an instant)
        except ValueError:
            continue
    raise ReorganisationError(N_("Give the date as dd/mm/yyyy."), field=field_name)
