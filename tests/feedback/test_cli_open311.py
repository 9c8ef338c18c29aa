"""`caunoi open311 key add | list | revoke` as an admin uses them: a key shown once, kept as a hash."""

import asyncio
import hashlib

import sqlalchemy as sa

from feedback.open311.keys import client_for_key
from feedback.open311.models import ClientApp
from notify.db import Database
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)


def holder(url: str, key: str) -> str | None:
    """The name of the app that ``key`` opens the endpoint to, if any."""

    async def go() -> str | None:
        database = Database(url)
        try:
            async with database.transaction() as session:
                client = await client_for_key(session, key)
                return client.name if client else None
        finally:
            await database.dispose()

    return asyncio.run(go())


def test_a_key_is_printed_once_kept_hashed_and_refused_once_revoked(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    added = run("open311", "key", "add", "--name", "Ứng dụng Công dân số", "--contact", "hotro@congdanso.vn")
    assert added.exit_code == 0, added.output
    *explanation, key = added.output.strip().splitlines()
    assert explanation and "shown only now" in added.output
    assert len(key) >= 32 and " " not in key
    assert holder(url, key) == "Ứng dụng Công dân số"

    [row] = query(url, sa.select(ClientApp).where(ClientApp.name == "Ứng dụng Công dân số"))
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest() and row.key_hint == key[:6]
    assert key not in (row.name, row.contact, row.key_hash, row.key_hint)

    listed = run("open311", "key", "list").output
    line = next(line for line in listed.splitlines() if "Công dân số" in line)
    assert f"#{row.id}" in line and f"{key[:6]}…" in line and "active" in line and "<hotro@congdanso.vn>" in line
    assert key not in listed

    revoked = run("open311", "key", "revoke", str(row.id))
    assert revoked.exit_code == 0 and f"revoked the key of app #{row.id} (Ứng dụng Công dân số)" in revoked.output
    assert holder(url, key) is None
    assert "revoked" in next(line for line in run("open311", "key", "list").output.splitlines() if "Công dân" in line)
    assert run("open311", "key", "revoke", str(row.id)).exit_code == 0  # once revoked, it stays so
    assert holder(url, key) is None


def test_bad_input_is_refused_in_one_line_and_changes_nothing(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    before = query(url, sa.select(sa.func.count()).select_from(ClientApp))
    for args, message in [
        (["add", "--name", "  "], "Give the app's name."),
        (["add", "--name", "x" * 121], "at most 120 characters"),
        (["add", "--name", "<b>App</b>"], "HTML tags and scripts"),
        (["add", "--name", "App", "--contact", "a\x00b"], "control characters"),
        (["revoke", "999999"], "No app with id 999999."),
    ]:
        refused = run("open311", "key", *args)
        assert refused.exit_code == 1 and message in refused.output, (args, refused.output)
        assert "Traceback" not in refused.output
    for bad_id in ("0", "abc", str(2**40)):
        assert run("open311", "key", "revoke", bad_id).exit_code == 2  # a usage error, before any query
    assert query(url, sa.select(sa.func.count()).select_from(ClientApp)) == before
