"""``caunoi department merge | split | rename | hand-over``: the same plans and the same checks as the admin page.

With ``--dry-run`` the plan is printed and nothing is written; otherwise it is made in one
transaction and recorded in the audit trail as done from the command line (no actor).
"""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, datetime

import click
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.i18n import speaking
from feedback.reorganisation.apply import apply
from feedback.reorganisation.plans import (
    Kind,
    NewDepartment,
    Plan,
    ReorganisationError,
    plan_hand_over,
    plan_merge,
    plan_rename,
    plan_split,
)
from feedback.reorganisation.preview import preview
from feedback.settings import get_settings
from notify.db import utcnow
from routing.calendar import VIETNAM

DATE = click.DateTime(["%Y-%m-%d"])
ON_HELP = "First day of the new organisation, YYYY-MM-DD (default: today)."
DONE = {
    Kind.MERGE: "Merged into",
    Kind.SPLIT: "Split between",
    Kind.RENAME: "Renamed as",
    Kind.HAND_OVER: "Handed over to",
}


class _DryRun(Exception):
    """Raised inside the transaction so that a dry run writes nothing, whatever the planning touched."""


def _run(make_plan: Callable[[AsyncSession, datetime], Awaitable[Plan]], dry_run: bool) -> None:
    from notify.db import Database

    async def go() -> None:
        database = Database(get_settings().database_url)
        now = utcnow()
        try:
            async with database.transaction() as session:
                plan = await make_plan(session, now)
                _print(plan)
                if dry_run:
                    raise _DryRun
                done = await apply(session, plan, actor_id=None, now=now)
                codes = ", ".join(t.code for t in done.targets)
                click.echo(f"{DONE[plan.kind]} {codes}: {done.moved} open questions moved.")
        except _DryRun:
            click.echo("Dry run: nothing changed.")
        finally:
            await database.dispose()

    try:
        asyncio.run(go())
    except ReorganisationError as exc:
        raise click.ClickException(str(exc)) from None


def _print(plan: Plan) -> None:
    with speaking("en"):
        shown = preview(plan)
    click.echo(shown.summary)
    for effect in shown.effects:
        click.echo(f"  {effect}")
    for warning in shown.warnings:
        click.echo(f"  CHECK: {warning}")


def _day(value: datetime | None) -> date:
    return value.date() if value else utcnow().astimezone(VIETNAM).date()


@click.command("merge")
@click.argument("sources", nargs=-1, required=True)
@click.option("--into", help="Code of the existing department that takes them over.")
@click.option("--into-new", help="Code of a new department that takes them over (with --name).")
@click.option("--name", help="Vietnamese name of the new department.")
@click.option("--name-en", default="", help="English name of the new department.")
@click.option("--on", type=DATE, help=ON_HELP)
@click.option("--dry-run", is_flag=True, help="Print what would move; change nothing.")
def merge(
    sources: tuple[str, ...],
    into: str | None,
    into_new: str | None,
    name: str | None,
    name_en: str,
    on: datetime | None,
    dry_run: bool,
) -> None:
    """Merge the departments SOURCES into another: open questions, staff, replies, rules and topics move."""
    if bool(into) == bool(into_new):
        raise click.UsageError("give either --into CODE or --into-new CODE --name NAME")
    target: str | NewDepartment = into or NewDepartment(into_new or "", name or "", name_en)
    _run(lambda s, now: plan_merge(s, sources, into=target, on=_day(on), now=now), dry_run)


@click.command("split")
@click.argument("source")
@click.option(
    "--topic", "topics", multiple=True, required=True, help="TOPIC=DEPARTMENT: who takes a topic (repeatable)."
)
@click.option("--default", help="Department that takes the other topics, the staff and the saved replies.")
@click.option("--on", type=DATE, help=ON_HELP)
@click.option("--dry-run", is_flag=True, help="Print what would move; change nothing.")
def split(source: str, topics: tuple[str, ...], default: str | None, on: datetime | None, dry_run: bool) -> None:
    """Split SOURCE between departments by topic."""
    mapping = dict(topic.split("=", 1) for topic in topics if "=" in topic)
    if len(mapping) != len(topics):
        raise click.UsageError("each --topic is TOPIC=DEPARTMENT")
    _run(lambda s, now: plan_split(s, source, into=mapping, default=default, on=_day(on), now=now), dry_run)


@click.command("rename")
@click.argument("source")
@click.option("--name", required=True, help="The new Vietnamese name.")
@click.option("--name-en", default="", help="The new English name.")
@click.option("--on", type=DATE, help=ON_HELP)
@click.option("--dry-run", is_flag=True, help="Print what would move; change nothing.")
def rename(source: str, name: str, name_en: str, on: datetime | None, dry_run: bool) -> None:
    """Rename SOURCE from a date: a new version keeps the code; questions answered before keep the old name."""
    _run(lambda s, now: plan_rename(s, source, name=name, name_en=name_en, on=_day(on), now=now), dry_run)


@click.command("hand-over")
@click.argument("source")
@click.option("--topic", "topics", multiple=True, required=True, help="Code of a topic handed over (repeatable).")
@click.option("--to", "to", required=True, help="Code of the department that takes them.")
@click.option("--dry-run", is_flag=True, help="Print what would move; change nothing.")
def hand_over(source: str, topics: tuple[str, ...], to: str, dry_run: bool) -> None:
    """SOURCE stays in service and hands topics over: their open questions, rules and defaults move today."""
    _run(lambda s, now: plan_hand_over(s, source, topics=topics, to=to, now=now), dry_run)


COMMANDS = (merge, split, rename, hand_over)
