"""``caunoi areas``: load a province's communes and wards from the shipped register, and list them."""

import click
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.areas.importing import ImportResult, import_province, province_names
from feedback.areas.listing import list_areas
from feedback.cli_admin import in_transaction


@click.group()
def areas() -> None:
    """Communes and wards (the register in force since 1/7/2025)."""


@areas.command("import")
@click.argument("province")
def areas_import(province: str) -> None:
    """Load PROVINCE's communes and wards (its code, e.g. 38, or its name, e.g. "Thanh Hóa"); safe to repeat."""
    from notify.db import utcnow

    async def work(session: AsyncSession) -> ImportResult:
        return await import_province(session, province, now=utcnow())

    result = in_transaction(work)
    click.echo(
        f"{result.province}: {result.added} added, {result.updated} updated, {result.ended} ended, "
        f"{result.unchanged} unchanged ({result.former_names} former units known)."
    )


@areas.command("list")
@click.option("--name", "query", default="", help="Only units whose name or a former name contains this.")
def areas_list(query: str) -> None:
    """Show the communes and wards: official code, code, name, former names; ended ones last."""

    async def work(session: AsyncSession):
        return await list_areas(session, query=query)

    for row in in_transaction(work):
        state = "" if row.active else f"  [ended {row.valid_to}" + (f", now {row.successor}]" if row.successor else "]")
        former = ", ".join(f.name for f in row.former_names if f.name != row.name)
        click.echo(
            f"{row.official_code or '-':<6} {row.code:<24} {row.name}{state}" + (f"  ← {former}" if former else "")
        )


@areas.command("provinces")
def areas_provinces() -> None:
    """The 34 provinces of the register, with the code ``caunoi areas import`` takes."""
    for code, name, count in province_names():
        click.echo(f"{code}  {name:<28} {count:>4} communes and wards")
