"""``caunoi rules | policy | calendar | sla | department | category``: what admins change or check from the shell.

Routing rules, SLA policies and calendar overrides change a few times a year, so the command
line is their admin interface (the README says so). Every command checks its input through
:mod:`routing.admin` and changes nothing when it refuses.
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

import click
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.accounts import AccountError
from feedback.admin import policies as admin_policies
from feedback.admin import rules as admin_rules
from feedback.calendar import recount
from feedback.federation.peers import PeerError
from feedback.models import Priority, User
from feedback.open311.keys import ClientAppError
from feedback.reorganisation.cli import COMMANDS as REORGANISATION_COMMANDS
from feedback.settings import get_settings
from notify.db import utcnow
from routing import admin
from routing.calendar import VIETNAM
from routing.models import AttributeType, Category, Department

T = TypeVar("T")


def in_transaction(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one transaction on the configured database; a refusal becomes a one-line error."""
    from notify.db import Database

    async def go() -> T:
        database = Database(get_settings().database_url)
        try:
            async with database.transaction() as session:
                return await work(session)
        finally:
            await database.dispose()

    try:
        return asyncio.run(go())
    except (admin.AdminError, AccountError, ClientAppError, PeerError) as exc:
        raise click.ClickException(str(exc)) from None


# Routing rules ---------------------------------------------------------------------------------


@click.group()
def rules() -> None:
    """Routing rules, tried in order; the first that matches names the department."""


@rules.command("list")
def rules_list() -> None:
    """Show the rules in the order they are tried."""
    for rule, department, category in in_transaction(admin.list_rules):
        conditions = [f"category={category}"] if category else []
        conditions += [f"area={rule.area_pattern}"] if rule.area_pattern else []
        conditions += [f"keywords={'+'.join(rule.keywords)}"] if rule.keywords else []
        state = "" if rule.active else "  (inactive)"
        click.echo(f"#{rule.id:<4} pos {rule.position:<5} {' '.join(conditions)} -> {department}{state}")


@rules.command("add")
@click.option("--department", required=True, help="Code of the department the questions go to, e.g. SXD.")
@click.option("--category", help="Only questions of this category (its code).")
@click.option("--area", help="Only questions from this commune/ward code, or a prefix ending in '*'.")
@click.option("--keyword", "keywords", multiple=True, help="A word or phrase that must appear (repeatable).")
@click.option("--position", type=int, help="Where the rule goes in the order (default: last).")
@click.option("--before", type=int, help="The id of the rule it goes in front of (the rules are renumbered).")
def rules_add(
    department: str,
    category: str | None,
    area: str | None,
    keywords: tuple[str, ...],
    position: int | None,
    before: int | None,
) -> None:
    """Add a rule (recorded in the audit trail)."""

    async def add(session: AsyncSession) -> int:
        rule = await admin_rules.add_rule(
            session,
            department=department,
            category=category,
            area=area,
            keywords=keywords,
            position=position,
            before=before,
            actor_id=None,
            now=utcnow(),
        )
        return rule.id

    click.echo(f"added rule #{in_transaction(add)}")


@rules.command("remove")
@click.argument("rule_id", type=int)
def rules_remove(rule_id: int) -> None:
    """Remove rule RULE_ID (recorded in the audit trail)."""
    in_transaction(lambda session: admin_rules.remove_rule(session, rule_id, actor_id=None, now=utcnow()))
    click.echo(f"removed rule #{rule_id}")


@rules.command("move")
@click.argument("rule_id", type=int)
@click.option("--to", "place", type=int, required=True, help="Its place in the order, 1 for the rule tried first.")
def rules_move(rule_id: int, place: int) -> None:
    """Move rule RULE_ID to another place in the order (recorded in the audit trail)."""
    in_transaction(lambda session: admin_rules.move_rule(session, rule_id, place=place, actor_id=None, now=utcnow()))
    click.echo(f"rule #{rule_id} is now tried at place {place}")


@rules.command("deactivate")
@click.argument("rule_id", type=int)
def rules_deactivate(rule_id: int) -> None:
    """Stop trying rule RULE_ID, keeping its place (recorded in the audit trail)."""
    in_transaction(
        lambda session: admin_rules.set_rule_active(session, rule_id, active=False, actor_id=None, now=utcnow())
    )
    click.echo(f"deactivated rule #{rule_id}")


@rules.command("activate")
@click.argument("rule_id", type=int)
def rules_activate(rule_id: int) -> None:
    """Try rule RULE_ID again, at its place (recorded in the audit trail)."""
    in_transaction(
        lambda session: admin_rules.set_rule_active(session, rule_id, active=True, actor_id=None, now=utcnow())
    )
    click.echo(f"activated rule #{rule_id}")


# SLA policies ----------------------------------------------------------------------------------

_PERIOD_HELP = "10wd (working days), 8wh (working hours) or 15cd (calendar days)"


@click.group()
def policy() -> None:
    """SLA policies: deadlines and escalation ladder per category and priority."""


@policy.command("list")
def policy_list() -> None:
    """Show every policy; a question takes the most specific one that fits."""
    policies = in_transaction(admin.list_policies)
    if not policies:
        click.echo("no policy set: every question uses the default")
    for row, category, rules in policies:
        click.echo(f"category={category or '*'} priority={row.priority or '*'}: {admin.describe_policy(rules)}")


@policy.command("set")
@click.option("--category", help="Category code (default: every category).")
@click.option("--priority", type=click.Choice([p.value for p in Priority]), help="Priority (default: every one).")
@click.option("--accept", help=f"Time to accept: {_PERIOD_HELP}.")
@click.option("--answer", help=f"Time to answer: {_PERIOD_HELP}.")
@click.option("--transfer", help=f"Time to forward a question outside the remit: {_PERIOD_HELP}.")
@click.option("--warning", "warning_ratio", type=float, help="Warning point, a fraction of the window, e.g. 0.75.")
@click.option("--max-extension", help=f"Longest extension a head may grant: {_PERIOD_HELP}.")
@click.option("--restart/--no-restart", "restart_on_transfer", default=None, help="Restart on an early transfer.")
@click.option("--ladder", help="Steps LEVEL:RECIPIENT:DAYS, e.g. 0:assignee:warning,1:head:0,2:coordinating_office:2")
def policy_set(category: str | None, priority: str | None, **values: object) -> None:
    """Create or change the policy for a category and/or priority (unset values are kept)."""

    async def set_(session: AsyncSession) -> str:
        policy = await admin_policies.set_policy(
            session, category=category, priority=priority, actor_id=None, now=utcnow(), **values
        )
        return admin.describe_policy(policy)

    click.echo(f"category={category or '*'} priority={priority or '*'}: {in_transaction(set_)}")


@policy.command("remove")
@click.option("--category")
@click.option("--priority", type=click.Choice([p.value for p in Priority]))
def policy_remove(category: str | None, priority: str | None) -> None:
    """Remove a policy (its questions fall back to a less specific one); the default stays."""
    in_transaction(
        lambda session: admin_policies.remove_policy(
            session, category=category, priority=priority, actor_id=None, now=utcnow()
        )
    )
    click.echo("removed")


# Calendar overrides ----------------------------------------------------------------------------


@click.group()
def calendar() -> None:
    """Swapped days: Saturdays worked and extra days off, which win over the holiday list."""


@calendar.command("list")
@click.option("--year", type=int, help="Only this year.")
def calendar_list(year: int | None) -> None:
    """Show the overrides."""
    for override in in_transaction(lambda session: admin.list_overrides(session, year)):
        kind = "worked " if override.working else "day off"
        click.echo(f"{override.day:%a %d/%m/%Y}  {kind}  {override.reason}")


def _moved(result: recount.Recount) -> str:
    clocks = ", ".join(f"{kind}: {n}" for kind, n in sorted(result.clocks.items()))
    return f"{result.tickets} open question(s) recounted" + (f" ({clocks})" if clocks else "")


@calendar.command("add")
@click.argument("first", type=click.DateTime(["%Y-%m-%d"]))
@click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), help="Last day of a range (inclusive).")
@click.option("--working/--day-off", required=True, help="A day worked, or a day off.")
@click.option("--reason", required=True, help="Why, e.g. the decision that swaps the days.")
def calendar_add(first: datetime, last: datetime | None, working: bool, reason: str) -> None:
    """Mark FIRST (to --to) as worked or as a day off; the running deadlines it moves are recounted."""
    result = in_transaction(
        lambda session: recount.add_override(
            session,
            first=first.date(),
            last=last.date() if last else None,
            working=working,
            reason=reason,
            actor_id=None,
            now=utcnow(),
        )
    )
    days = ((last or first) - first).days + 1
    click.echo(f"added {days} override(s); {_moved(result)}")


@calendar.command("remove")
@click.argument("day", type=click.DateTime(["%Y-%m-%d"]))
def calendar_remove(day: datetime) -> None:
    """Remove the override on DAY; the running deadlines it moved are recounted."""
    result = in_transaction(
        lambda session: recount.remove_override(session, day=day.date(), actor_id=None, now=utcnow())
    )
    click.echo(f"removed the override on {day:%Y-%m-%d}; {_moved(result)}")


# SLA preview -----------------------------------------------------------------------------------


@click.group()
def sla() -> None:
    """Deadlines and escalations."""


def _instant(text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r}: write it as 2027-02-20 09:00 (Vietnamese time)") from None
    return instant if instant.tzinfo else instant.replace(tzinfo=VIETNAM)


@sla.command("preview")
@click.option("--at", "at", required=True, help='Instant to look at, e.g. "2027-02-20 09:00" (Vietnamese time).')
def sla_preview(at: str) -> None:
    """List every warning and escalation that will have fired by AT, changing nothing."""
    from feedback.escalations import preview

    instant = _instant(at)

    async def look(session: AsyncSession) -> list[str]:
        departments = dict((await session.execute(select(Department.id, Department.code))).all())
        users = dict((await session.execute(select(User.id, User.username))).all())

        def who(recipient: str) -> str:
            kind, _, ident = recipient.partition(":")
            names = {"head": "head of", "department": "inbox of", "user": "officer"}
            if kind == "role":
                return "leadership"
            code = users.get(int(ident)) if kind == "user" else departments.get(int(ident))
            return f"{names.get(kind, kind)} {code}"

        return [
            f"{p.at.astimezone(VIETNAM):%d/%m/%Y %H:%M}  {p.reference}  {departments.get(p.department_id, '-'):<8}"
            f" {p.clock:<8} {'warning' if p.warning else f'level {p.level}':<8} -> {who(p.recipient)}"
            for p in await preview(session, at=instant)
        ]

    lines = in_transaction(look)
    click.echo(f"{len(lines)} step(s) due by {instant.astimezone(VIETNAM):%d/%m/%Y %H:%M} (Vietnamese time)")
    for line in lines:
        click.echo(line)


# Departments and categories --------------------------------------------------------------------


@click.group()
def department() -> None:
    """Departments (sở, ban, ngành) that answer questions."""


@department.command("list")
def department_list() -> None:
    async def rows(session: AsyncSession) -> list[Department]:
        return list(await session.scalars(select(Department).order_by(Department.code)))

    for d in in_transaction(rows):
        flags = " (coordinating office)" if d.is_coordinating_office else ""
        flags += "" if d.active else " (inactive)"
        click.echo(f"{d.code:<10} {d.name}{flags}")


@department.command("add")
@click.option("--code", required=True)
@click.option("--name", required=True, help="Vietnamese name, e.g. Sở Khoa học và Công nghệ.")
@click.option("--name-en", default="", help="English name.")
@click.option("--mailbox", help="The department's shared email address.")
@click.option("--parent", help="Code of the department it belongs to (default: the top level).")
def department_add(code: str, name: str, name_en: str, mailbox: str | None, parent: str | None) -> None:
    """Add a department (recorded in the audit trail)."""
    from feedback.admin.departments import add_department

    in_transaction(
        lambda s: add_department(
            s, code=code, name=name, name_en=name_en, mailbox=mailbox, parent=parent, actor_id=None, now=utcnow()
        )
    )
    click.echo(f"added department {code.upper()}")


@department.command("set")
@click.argument("code")
@click.option("--parent", help="Code of the department it belongs to.")
@click.option("--top-level", is_flag=True, help="It belongs to no other department.")
@click.option("--mailbox", help="The shared email address ('' for none).")
@click.option("--coordinating", is_flag=True, help="Make it the coordinating office (the former one stops being it).")
def department_set(code: str, parent: str | None, top_level: bool, mailbox: str | None, coordinating: bool) -> None:
    """Change CODE's parent, mailbox or make it the coordinating office (recorded in the audit trail)."""
    from feedback.admin.departments import change_department
    from routing.admin import department_named

    async def change(session: AsyncSession) -> None:
        current = await department_named(session, code)
        above = parent if parent or top_level else await _parent_code(session, current.parent_id)
        await change_department(
            session,
            code,
            parent=above,
            mailbox=current.mailbox or "" if mailbox is None else mailbox,
            coordinating=coordinating,
            actor_id=None,
            now=utcnow(),
        )

    in_transaction(change)
    click.echo(f"updated department {code.upper()}")


async def _parent_code(session: AsyncSession, parent_id: int | None) -> str | None:
    return await session.scalar(select(Department.code).where(Department.id == parent_id)) if parent_id else None


@department.command("deactivate")
@click.argument("code")
def department_deactivate(code: str) -> None:
    """Stop routing to CODE; refused while it has open questions, active staff, or rules or topics naming it."""
    from feedback.admin.departments import deactivate_department

    in_transaction(lambda s: deactivate_department(s, code, actor_id=None, now=utcnow()))
    click.echo(f"deactivated {code}")


for _command in REORGANISATION_COMMANDS:  # merge, split, rename, hand-over
    department.add_command(_command)


@click.group()
def category() -> None:
    """Question categories, their default departments and their extra questions."""


@category.command("list")
def category_list() -> None:
    async def rows(session: AsyncSession) -> list[tuple[Category, str | None]]:
        query = select(Category, Department.code).outerjoin(Department, Department.id == Category.default_department_id)
        return list((await session.execute(query.order_by(Category.position))).all())

    for c, default in in_transaction(rows):
        click.echo(f"{c.code:<24} -> {default or 'triage':<8} {c.name}{'' if c.active else ' (inactive)'}")


@category.command("add")
@click.option("--code", required=True)
@click.option("--name", required=True)
@click.option("--name-en", default="")
@click.option("--group", required=True, help="The group it is listed under on the form.")
@click.option("--group-en", default="")
@click.option("--department", help="Default department code (none: the triage queue).")
def category_add(code: str, name: str, name_en: str, group: str, group_en: str, department: str | None) -> None:
    """Add a category (recorded in the audit trail)."""
    from feedback.admin.topics import add_topic

    in_transaction(
        lambda s: add_topic(
            s,
            code=code,
            name=name,
            name_en=name_en,
            group=group,
            group_en=group_en,
            department=department,
            actor_id=None,
            now=utcnow(),
        )
    )
    click.echo(f"added category {code}")


@category.command("set")
@click.argument("code")
@click.option("--name", help="New Vietnamese name.")
@click.option("--name-en", help="New English name.")
@click.option("--group", help="New group (Vietnamese).")
@click.option("--group-en", help="New group (English).")
@click.option("--position", type=int, help="Where it is listed (smaller first).")
@click.option("--department", help="New default department code.")
@click.option("--no-department", is_flag=True, help="No default: questions go to the triage queue.")
@click.option("--active/--inactive", default=None, help="Offer it on the form or not.")
def category_set(code: str, no_department: bool, **changes: str | int | bool | None) -> None:
    """Change a category (recorded in the audit trail); its open questions keep their department."""
    from feedback.admin.topics import change_topic

    in_transaction(
        lambda s: change_topic(s, code, clear_department=no_department, actor_id=None, now=utcnow(), **changes)  # type: ignore[arg-type]
    )
    click.echo(f"updated category {code}")


@category.group()
def attribute() -> None:
    """Extra questions a category asks (e.g. the land parcel number): apps ask them, staff see the answers."""


@attribute.command("add")
@click.argument("category_code")
@click.option("--code", required=True, help="The question's code, e.g. so-thua (apps send attribute[so-thua]).")
@click.option("--description", required=True, help="The question in Vietnamese, e.g. Số thửa đất.")
@click.option("--description-en", default="", help="The question in English (default: the Vietnamese).")
@click.option("--datatype", type=click.Choice([t.value for t in AttributeType]), required=True)
@click.option("--required", is_flag=True, help="A question without this answer is refused.")
@click.option("--help-text", default="", help="What to write, e.g. as printed on the land-use certificate.")
@click.option("--value", "values", multiple=True, help="For the list types: KEY=Tên[=English name] (repeatable).")
@click.option("--position", type=int, help="Where it goes among the category's questions (default: last).")
def attribute_add(
    category_code: str,
    code: str,
    description: str,
    description_en: str,
    datatype: str,
    required: bool,
    help_text: str,
    values: tuple[str, ...],
    position: int | None,
) -> None:
    """Add an extra question to the category CATEGORY_CODE."""

    async def add(session: AsyncSession) -> str:
        row = await admin.add_attribute(
            session,
            category_code,
            code=code,
            description=description,
            description_en=description_en,
            datatype=datatype,
            required=required,
            help_text=help_text,
            values=values,
            position=position,
        )
        return row.code

    click.echo(f"category {category_code} now asks {in_transaction(add)}")


@attribute.command("list")
@click.argument("category_code", required=False)
def attribute_list(category_code: str | None) -> None:
    """Show the extra questions of CATEGORY_CODE (default: of every category), in the order asked."""
    rows = in_transaction(lambda session: admin.list_attributes(session, category_code))
    if not rows:
        click.echo("no extra question")
    for row, code in rows:
        need = "required" if row.required else "optional"
        click.echo(f"{code:<20} {row.code:<16} {row.datatype:<15} {need:<8} {row.description} / {row.description_en}")
        for value in row.values:
            click.echo(f"{'':<37} {value['key']} = {value['name']} / {value['name_en']}")


@attribute.command("remove")
@click.argument("category_code")
@click.argument("code")
def attribute_remove(category_code: str, code: str) -> None:
    """Stop asking CODE in CATEGORY_CODE (questions already filed keep their answers)."""
    in_transaction(lambda session: admin.remove_attribute(session, category_code, code))
    click.echo(f"category {category_code} no longer asks {code}")


COMMANDS = (rules, policy, calendar, sla, department, category)
