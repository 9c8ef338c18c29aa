"""The database half of a backup: ``pg_dump``/``pg_restore`` on PostgreSQL, the online backup API on SQLite.

Each dump also reads, from the very snapshot it writes, the schema revision and the row counts
that go into the manifest, so the manifest never describes a different moment than the dump.
"""

import asyncio
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from feedback.backup.errors import BackupError
from notify.db import create_engine

COUNTED = ("ticket", "attachment", "ticket_event", "staff_user", "notification", "delivery")
"""The main tables whose row counts the manifest records (and a restore checks)."""

DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


@dataclass(frozen=True)
class Snapshot:
    """What the manifest says about the dumped database."""

    revision: str | None
    counts: dict[str, int]
    attachment_paths: list[str]


def dialect_of(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


def sqlite_path(database_url: str) -> Path:
    path = make_url(database_url).database
    if not path or path == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(path)


def _libpq_env(database_url: str) -> dict[str, str]:
    """The ``PG*`` variables that point ``pg_dump``/``pg_restore`` at the URL's database (no password on argv)."""
    url = make_url(database_url)
    env = dict(os.environ)
    for name, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value is not None:
            env[name] = str(value)
    return env


def _pg_tool(name: str, server_version_num: int) -> str:
    """``pg_dump``/``pg_restore`` of the server's major version (Debian installs each under its own directory)."""
    major = server_version_num // 10000
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL {major} client (postgresql-client-{major})")
    return found


async def _server_version(connection: AsyncConnection) -> int:
    return int(await connection.scalar(sa.text("SHOW server_version_num")))


async def _describe(connection: AsyncConnection) -> Snapshot:
    tables = set(await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names()))
    revision = None
    if "alembic_version" in tables:
        revision = await connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    counts = {
        name: int(await connection.scalar(sa.select(sa.func.count()).select_from(sa.table(name))))
        for name in COUNTED
        if name in tables
    }
    paths = []
    if "attachment" in tables:
        paths = list(await connection.scalars(sa.text("SELECT path FROM attachment ORDER BY id")))
    return Snapshot(revision, counts, paths)


async def _run(argv: list[str], env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await process.communicate()
    if process.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {stderr.decode(errors='replace').strip()}")


async def dump(database_url: str, target: Path) -> Snapshot:
    """Write the database to ``target`` and describe the snapshot written."""
    if dialect_of(database_url) == "sqlite":
        return await asyncio.to_thread(_dump_sqlite, sqlite_path(database_url), target)
    engine = create_engine(database_url, pool_size=1)
    try:
        repeatable = engine.execution_options(isolation_level="REPEATABLE READ")
        async with repeatable.connect() as connection, connection.begin():
            # pg_dump reads the snapshot this transaction exports, so the counts below and the
            # dump are the same moment; the transaction stays open until pg_dump is done.
            snapshot_id = await connection.scalar(sa.text("SELECT pg_export_snapshot()"))
            described = await _describe(connection)
            tool = _pg_tool("pg_dump", await _server_version(connection))
            await _run(
                [tool, "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"],
                _libpq_env(database_url),
            )
        return described
    finally:
        await engine.dispose()


def _dump_sqlite(source: Path, target: Path) -> Snapshot:
    if not source.is_file():
        raise BackupError(f"no SQLite database at {source}")
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    return asyncio.run(_describe_sqlite(target))


async def _describe_sqlite(path: Path) -> Snapshot:
    engine = create_engine(f"sqlite+aiosqlite:///{path}", pool_size=1)
    try:
        async with engine.connect() as connection:
            return await _describe(connection)
    finally:
        await engine.dispose()


async def is_empty(database_url: str) -> bool:
    """True when the database holds no table at all (a new, never migrated database)."""
    if dialect_of(database_url) == "sqlite" and not sqlite_path(database_url).exists():
        return True
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            return not await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names())
    finally:
        await engine.dispose()


async def load(database_url: str, source: Path) -> None:
    """Restore the dump ``source`` into the (empty) database; on failure the database is left as it was."""
    if dialect_of(database_url) == "sqlite":
        await asyncio.to_thread(_load_sqlite, source, sqlite_path(database_url))
        return
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            tool = _pg_tool("pg_restore", await _server_version(connection))
    finally:
        await engine.dispose()
    url = make_url(database_url)
    await _run(
        [
            tool,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={url.database}",
            str(source),
        ],
        _libpq_env(database_url),
    )


def _load_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    existed = target.exists()
    try:
        with sqlite3.connect(source) as dump, sqlite3.connect(target) as live:
            dump.backup(live)
    except BaseException:
        if not existed:
            target.unlink(missing_ok=True)
        raise


async def describe(database_url: str) -> Snapshot:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            return await _describe(connection)
    finally:
        await engine.dispose()
