"""The `caunoi` command as an administrator uses it."""

import asyncio

import sqlalchemy as sa
from click.testing import CliRunner

from feedback.cli import main
from feedback.models import Role, Ticket, User
from feedback.open311.keys import client_for_key
from feedback.open311.models import ClientApp
from notify.db import Database
from notify.models import Delivery, Notification
from routing.models import Category, CategoryAttribute, Department


def counts(url: str) -> dict[str, int]:
    async def count() -> dict[str, int]:
        database = Database(url)
        try:
            async with database.transaction() as session:
                return {
                    model.__name__: await session.scalar(sa.select(sa.func.count()).select_from(model))
                    for model in (
                        Department,
                        Category,
                        User,
                        Ticket,
                        Notification,
                        Delivery,
                        ClientApp,
                        CategoryAttribute,
                    )
                } | {
                    "demo app": (await client_for_key(session, "caunoi-demo-key")).name,
                    # Every channel is in the demo; what came by phone, counter or letter names who entered it.
                    "channels": set(
                        await session.execute(sa.select(Ticket.channel, Ticket.entered_by_id.is_not(None)).distinct())
                    ),
                }
        finally:
            await database.dispose()

    return asyncio.run(count())


def test_help_explains_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "worker", "scheduler", "db", "demo", "user", "open311"):
        assert command in result.output


def test_upgrade_demo_load_and_user_create(tmp_path, monkeypatch) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("CAUNOI_DATABASE_URL", url)
    from feedback.settings import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    try:
        assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
        loaded = runner.invoke(main, ["demo", "load"])
        assert loaded.exit_code == 0, loaded.output
        assert "xd.chuyenvien" in loaded.output and "caunoi-demo-2026" in loaded.output
        assert "/open311/v2 (demo app key: caunoi-demo-key)" in loaded.output
        first = counts(url)
        assert first["Department"] >= 13 and first["Category"] >= 20 and first["User"] >= 5
        assert first["ClientApp"] == 1 and first["demo app"] == "Ứng dụng thử nghiệm"
        assert {("phone", True), ("letter", True), ("email", False), ("sms", False), ("web", False)} <= {
            (channel.value, entered) for channel, entered in first["channels"]
        }
        assert "dat-dai              so-thua          string          required Số thửa đất / Land parcel number" in (
            runner.invoke(main, ["category", "attribute", "list", "dat-dai"]).output
        )
        assert runner.invoke(main, ["demo", "load"]).exit_code == 0
        assert counts(url) == first  # loading again adds nothing

        created = runner.invoke(
            main,
            [
                "user",
                "create",
                "--username",
                "Tp.Yte",
                "--full-name",
                "Ngô Thị Mai",
                "--role",
                "head",
                "--department",
                "SYT",
                "--password",
                "mat-khau-rat-dai-2026",
            ],
        )
        assert created.exit_code == 0, created.output
        refused = runner.invoke(
            main,
            [
                "user",
                "create",
                "--username",
                "x",
                "--full-name",
                "X",
                "--role",
                "officer",
                "--department",
                "KHONGCO",
                "--password",
                "mat-khau-rat-dai-2026",
            ],
        )
        assert refused.exit_code == 1 and "no department" in refused.output
    finally:
        get_settings.cache_clear()

    async def head() -> User:
        database = Database(url)
        try:
            async with database.transaction() as session:
                return await session.scalar(sa.select(User).where(User.username == "tp.yte"))
        finally:
            await database.dispose()

    user = asyncio.run(head())
    assert user.role == Role.HEAD and user.full_name == "Ngô Thị Mai"
    assert user.password_hash.startswith("$argon2")
