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


async def _deliveries_before_0013(url: str, upload_dir) -> str:
    """A question's receipt to the citizen and its alert to an officer, as 0012 stored them; the reference."""
    from feedback.demo import load_reference_data
    from notify.db import Database, utcnow
    from tests.factories import add_staff, submit

    database = Database(url)
    try:
        async with database.transaction() as session:
            await load_reference_data(session)
        officer = await add_staff(database, "xd.cv", "officer", "SXD")
        submitted = await submit(database, upload_dir, name="Trần Văn Đức", email="duc.tran@example.com")
        async with database.transaction() as session:
            await session.execute(
                sa.text("UPDATE staff_user SET full_name = 'Phạm Thị Dựng', email = 'dung@soxd.vn' WHERE id = :id"),
                {"id": officer},
            )
            notifications = dict(
                (await session.execute(sa.text("SELECT recipient, id FROM notification ORDER BY id"))).all()
            )
            for recipient, address in (("citizen:", "duc.tran@example.com"), ("department:", "dung@soxd.vn")):
                notification_id = next(i for r, i in notifications.items() if r.startswith(recipient))
                await session.execute(
                    sa.text(
                        "INSERT INTO delivery (notification_id, channel, address, subject, text, thread, status,"
                        " attempts, next_attempt_at, created_at)"
                        " VALUES (:n, 'email', :address, 'Tiêu đề', 'Nội dung', :thread, 'sent', 1, :now, :now)"
                    ),
                    {"n": notification_id, "address": address, "thread": submitted.reference, "now": utcnow()},
                )
        return submitted.reference
    finally:
        await database.dispose()


async def _search_columns(url: str) -> set[tuple[str, str, str]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(sa.text("SELECT address, recipient_name, search_key FROM delivery"))
            return {tuple(row) for row in rows}
    finally:
        await engine.dispose()


def test_deliveries_written_before_0013_get_their_recipient_s_name_and_search_key(
    empty_database: str, tmp_path
) -> None:
    # Written by today's code, then taken back to 0012, which had no search columns.
    migrations.upgrade(empty_database)
    reference = asyncio.run(_deliveries_before_0013(empty_database, tmp_path))
    migrations.downgrade(empty_database, "0012")
    migrations.upgrade(empty_database)
    assert asyncio.run(_search_columns(empty_database)) == {
        ("duc.tran@example.com", "Trần Văn Đức", f"{reference} tran van duc duc.tran@example.com"),
        ("dung@soxd.vn", "Phạm Thị Dựng", f"{reference} pham thi dung dung@soxd.vn"),
    }
