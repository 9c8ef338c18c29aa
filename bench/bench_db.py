"""Each benchmark's own PostgreSQL database: refuse ``test``, drop and create it, connect to it with asyncpg."""

import argparse
import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
from sqlalchemy.engine import make_url

from feedback.migrations import upgrade


def maintenance_dsn(url: str) -> tuple[str, str]:
    """The asyncpg DSN of the server's ``postgres`` database, and the name of the bench database."""
    parsed = make_url(url)
    name = parsed.database or ""
    if not name or name == "test":
        raise SystemExit(f"refusing to use database {name!r}: give the bench its own database")
    server = parsed.set(drivername="postgresql", database="postgres")
    return server.render_as_string(hide_password=False), name


async def _maintenance(url: str, statement: str) -> None:
    dsn, _ = maintenance_dsn(url)
    connection = await asyncpg.connect(dsn)  # outside a transaction: autocommit
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def recreate_database(url: str) -> None:
    drop_database(url)
    _, name = maintenance_dsn(url)
    asyncio.run(_maintenance(url, f'CREATE DATABASE "{name}"'))


def drop_database(url: str) -> None:
    _, name = maintenance_dsn(url)
    asyncio.run(_maintenance(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def keep_or_reuse(parser: argparse.ArgumentParser) -> None:
    """The options of a bench whose load takes long: keep its database, or measure a kept one again."""
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database a --keep run left (migrated to head), loading nothing",
    )


@contextmanager
def own_database(url: str, *, keep: bool, reuse: bool) -> Iterator[None]:
    """The bench's database, recreated and migrated (or, with ``reuse``, the kept one migrated to head);
    dropped afterwards unless kept or reused."""
    _, name = maintenance_dsn(url)
    if reuse:
        print(f"database {name}: reusing, migrating to head", flush=True)
    else:
        print(f"database {name}: recreating, migrating, loading", flush=True)
        recreate_database(url)
    upgrade(url)
    try:
        yield
    finally:
        if keep or reuse:
            print(f"\ndatabase kept: {url}")
        else:
            drop_database(url)


def asyncpg_dsn(url: str) -> str:
    """The SQLAlchemy URL as a DSN asyncpg takes directly (for COPY and raw statements)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def vacuum(connection: asyncpg.Connection, *tables: str) -> None:
    """``VACUUM (ANALYZE)`` the loaded tables, and check it set their visibility map, as autovacuum
    would have in a running portal: otherwise every "index-only" scan reads the table too.

    A load committed with ``synchronous_commit = off`` defeats it: until that commit reaches the
    disk, VACUUM may not mark its rows visible to all, and the pages stay unmarked.
    """
    for table in tables:
        await connection.execute(f"VACUUM (ANALYZE) {table}")
        pages, visible = await connection.fetchrow(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = $1", table
        )
        if visible < 0.9 * pages:
            raise SystemExit(f"VACUUM marked {visible} of {pages} pages of {table} all-visible: is a transaction open?")
