"""Database plumbing shared by every package: naming convention, the UTC column type, engines and transactions.

It lives in ``notify``, the lowest layer, so that ``routing`` and ``feedback`` can both use it
without importing upward.
"""

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Every table of every package hangs off SQLModel's one MetaData; name its constraints
# predictably so that migrations can refer to them on SQLite and PostgreSQL alike.
SQLModel.metadata.naming_convention = NAMING_CONVENTION


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp that is always aware and always UTC; a naive value is a bug and is refused."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        # SQLite keeps no zone; what we stored there was UTC.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


MAX_ID = 2**31 - 1
"""The largest id an integer column holds (PostgreSQL's ``integer``): a larger one names no row."""


CLOCK_OFFSET_FILE = os.environ.get("CAUNOI_CLOCK_OFFSET_FILE") or None
"""Tests only: a file holding seconds added to the clock, read on every call (unset in production).

The fault tests move the clock of real ``caunoi`` processes with it (a month of escalations in a
minute, a jump of an hour and back) without touching the machine's clock.
"""


def utcnow() -> datetime:
    now = datetime.now(UTC)
    if CLOCK_OFFSET_FILE is None:
        return now
    try:
        offset = float(Path(CLOCK_OFFSET_FILE).read_text() or 0)
    except FileNotFoundError:
        offset = 0.0
    return now + timedelta(seconds=offset)


def database_unavailable(exc: BaseException) -> bool:
    """The database cannot be reached or dropped the connection (restarting, down, no free connection).

    Such a failure passes: the request may be tried again (503 and ``Retry-After``), whereas any
    other error is a bug. SQLAlchemy marks a lost connection ``connection_invalidated`` and
    replaces the pool, so the process recovers by itself once the database is back.
    """
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
            return True
        # Not any OperationalError: SQLite's "no such table" is one, and that is a bug.
        if isinstance(error, sa.exc.TimeoutError | OSError):  # no free connection; refused, reset
            return True
        if type(error).__module__.startswith("asyncpg") and type(error).__name__ in _ASYNCPG_UNAVAILABLE:
            return True
        # What the driver raised, wrapped by SQLAlchemy and its asyncpg adapter (not __context__:
        # a bug met while handling a lost connection is still a bug).
        error = getattr(error, "orig", None) or error.__cause__
    return False


_ASYNCPG_UNAVAILABLE = frozenset(
    {
        "CannotConnectNowError",  # starting up or shutting down
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "AdminShutdownError",  # terminating connection due to administrator command
        "CrashShutdownError",
        "ConnectionRejectionError",
        "TooManyConnectionsError",
    }
)


def create_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    """An async engine for PostgreSQL (asyncpg) or SQLite (aiosqlite, WAL).

    SQLite transactions start with ``BEGIN IMMEDIATE``: the one writer lock is taken at the
    start, so a transaction that reads and then writes never fails half-way on a snapshot
    another writer moved, and savepoints work (the recipe from SQLAlchemy's pysqlite notes).

    Errors do not echo their bound parameters (citizens' emails, phone numbers, question
    text): an error's message ends up in the log.
    """
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine.sync_engine, "begin")
        def _sqlite_begin(connection: sa.Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # No pre-ping: with asyncpg it costs three round trips on every checkout. After a database
    # restart the first query on a dead connection fails and SQLAlchemy replaces the pool.
    return create_async_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800, hide_parameters=True
    )


def text_enum(enum: type[StrEnum], *, length: int = 32) -> sa.Enum:
    """An enum column stored as its values in a plain VARCHAR: adding a value needs no ALTER TYPE."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
    )


def on_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the session's transaction has committed (e.g. enqueue a job)."""
    session.info.setdefault("on_commit", []).append(callback)


def on_rollback(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Run ``callback`` if the session's transaction rolls back (e.g. delete a file written for it)."""
    session.info.setdefault("on_rollback", []).append(callback)


def _finish(session: AsyncSession, *, committed: bool) -> None:
    """Run the callbacks registered for how the transaction ended, and forget the others."""
    on_commit_callbacks = session.info.pop("on_commit", [])
    on_rollback_callbacks = session.info.pop("on_rollback", [])
    for callback in on_commit_callbacks if committed else on_rollback_callbacks:
        callback()


class Database:
    """One engine and its session factory; every unit of work goes through :meth:`transaction`."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.engine = create_engine(url, pool_size=pool_size)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work commits when the block ends and rolls back if it raises.

        Services never commit; this is the one place that does, so a change, its events and
        the files or messages it causes stand or fall together.
        """
        async with self.sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                _finish(session, committed=False)
                raise
            _finish(session, committed=True)

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()
