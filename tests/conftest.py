"""Fixtures shared by the whole suite: real SQLite and PostgreSQL databases, the app and its client.

PostgreSQL and Redis are real servers (127.0.0.1:5432 and :6379). Outside CI a missing server
skips the tests that need it; with CI=true it fails them, so a broken CI machine cannot pass.
"""

import asyncio
import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient
from sqlmodel import SQLModel

from feedback import migrations
from feedback.app import create_app
from feedback.demo import load_reference_data
from feedback.settings import Settings
from notify.db import Database

IN_CI = os.environ.get("CI") == "true"
POSTGRES_URL = os.environ.get("CAUNOI_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CAUNOI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(what: str) -> None:
    """Skip, or fail in CI, where a service the test needs is not there."""
    if IN_CI:
        pytest.fail(f"{what} is not available, and in CI every service must be")
    pytest.skip(f"{what} is not available")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _reset_postgres_schema(url: str) -> None:
    engine = Database(url).engine
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            await connection.execute(sa.text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}"
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
def postgresql_url() -> str:
    try:
        asyncio.run(_reset_postgres_schema(POSTGRES_URL))
    except (OSError, sa.exc.DBAPIError) as exc:
        unavailable(f"PostgreSQL at {POSTGRES_URL} ({exc})")
    migrations.upgrade(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses the database runs once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


async def empty_tables(database: Database) -> None:
    async with database.transaction() as session:
        if database.dialect == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            await session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(SQLModel.metadata.sorted_tables):
                await session.execute(table.delete())


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """The migrated database, emptied, with the demo departments, categories and communes."""
    database = Database(database_url)
    await empty_tables(database)
    async with database.transaction() as session:
        await load_reference_data(session)
    yield database
    await database.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=tmp_path,
        base_url="http://portal.test",
        rate_limit=1000,
        notify={"redis_url": None},
    )


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        yield client


@pytest.fixture
def upload_files(settings: Settings) -> Iterator[callable]:
    """Lists the files under the upload directory, to prove nothing was left behind."""

    def files() -> list[Path]:
        return sorted(p for p in settings.uploads.rglob("*") if p.is_file()) if settings.uploads.exists() else []

    yield files
