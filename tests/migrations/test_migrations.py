"""The one schema, the same on SQLite and PostgreSQL: up, down, up again, and nothing left to autogenerate."""

import asyncio
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

import feedback.models  # noqa: F401
from feedback import migrations
from tests.conftest import POSTGRES_URL, unavailable


async def _admin(statement: str) -> None:
    engine = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(sa.text(statement))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database of its own, so that migrating down does not disturb the other tests."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"caunoi_migrations_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(_admin(f"CREATE DATABASE {name}"))
    except (OSError, sa.exc.DBAPIError) as exc:
        unavailable(f"PostgreSQL ({exc})")
    yield POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    asyncio.run(_admin(f"DROP DATABASE {name} WITH (FORCE)"))


async def _differences(url: str) -> list:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(
                        sync, opts={"compare_type": True, "include_object": migrations.include_object}
                    ),
                    SQLModel.metadata,
                )
            )
    finally:
        await engine.dispose()


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


def test_upgrade_downgrade_upgrade_leaves_the_models_schema(empty_database: str) -> None:
    migrations.upgrade(empty_database)
    migrations.downgrade(empty_database, "base")
    assert asyncio.run(_tables(empty_database)) <= {"alembic_version"}
    migrations.upgrade(empty_database)
    assert {"ticket", "ticket_event", "attachment", "department", "category", "staff_user", "area"} <= asyncio.run(
        _tables(empty_database)
    )
    assert asyncio.run(_differences(empty_database)) == []
