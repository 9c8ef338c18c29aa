"""``caunoi backup`` and ``caunoi restore`` as an operator runs them, on SQLite and PostgreSQL.

An instance with questions, attachments, an answer and notifications waiting to go out is backed
up and restored into a new database and data directory (for PostgreSQL, a second database the
test creates and drops). The restored instance shows the same pages and files, and its workers,
the real delivery code against a local SMTP server, send what was pending exactly once.
"""

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient
from sqlalchemy.engine import make_url

from feedback import answering, handling, migrations
from feedback.app import create_app
from feedback.backup import _database
from feedback.backup.services import MANIFEST
from feedback.intake import receive_question
from feedback.models import Attachment, Channel, Ticket
from feedback.outbox import expand_pending
from feedback.settings import Settings
from notify.db import Database, create_engine, utcnow
from notify.delivery import claim, deliver_due
from notify.models import Delivery, DeliveryStatus
from notify.settings import NotifySettings
from tests.factories import add_staff, log_in, pdf_bytes, png_bytes, question_fields
from tests.notify.smtp_server import smtp_server

CAUNOI = Path(sys.executable).with_name("caunoi")
MAIL_FROM = "Cổng hỏi đáp tỉnh Thanh Hóa <hoidap@thanhhoa.example.gov.vn>"
CSRF = re.compile(r'(name="_csrf_token" value="|<meta name="csrf-token" content=")[^"]*"')


def caunoi(*args: str, database_url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The ``caunoi`` command in its own process, configured through the environment like in production."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")}
    env |= {"CAUNOI_DATABASE_URL": database_url, "CAUNOI_DATA_DIR": str(data_dir)}
    return subprocess.run([str(CAUNOI), *args], env=env, capture_output=True, text=True, timeout=300, check=False)


async def _admin(url: str, statement: str) -> None:
    engine = create_engine(str(make_url(url).set(database="postgres")), pool_size=1)
    try:
        async with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
            await connection.execute(sa.text(statement))
    finally:
        await engine.dispose()


@pytest.fixture
async def new_database(database_url: str, tmp_path: Path) -> AsyncIterator[Callable[[str], Awaitable[str]]]:
    """Makes new, empty databases on the source's kind of server (PostgreSQL ones are dropped afterwards)."""
    made: list[str] = []

    async def new(name: str) -> str:
        if database_url.startswith("sqlite"):
            return f"sqlite+aiosqlite:///{tmp_path / name / 'caunoi.sqlite3'}"
        full = f"{make_url(database_url).database}_{name}"
        await _admin(database_url, f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)')
        await _admin(database_url, f'CREATE DATABASE "{full}"')
        made.append(full)
        return make_url(database_url).set(database=full).render_as_string(hide_password=False)

    yield new
    for full in made:
        await _admin(database_url, f'DROP DATABASE IF EXISTS "{full}" WITH (FORCE)')


@pytest.fixture
async def target_url(new_database: Callable[[str], Awaitable[str]]) -> str:
    """A new, empty database to restore into."""
    return await new_database("restored")


async def ask(database: Database, settings: Settings, title: str, email: str, files: dict[str, bytes]):
    from feedback.uploads import IncomingFile

    async with database.transaction() as session:
        return await receive_question(
            session,
            question_fields(title=title, email=email),
            [IncomingFile(name, data) for name, data in files.items()],
            channel=Channel.WEB,
            language="vi",
            upload_dir=settings.uploads,
            now=utcnow(),
        )


async def expand(database: Database) -> None:
    async with database.transaction() as session:
        await expand_pending(session, now=utcnow(), base_url="http://portal.test")


async def drain(database: Database, settings: NotifySettings, outbox: Path) -> int:
    sent = 0
    while handled := await deliver_due(database, settings, outbox=outbox, status_callback=None):
        sent += handled
    return sent


async def pages(settings: Settings, database: Database, questions: list) -> dict[str, bytes]:
    """Every public and staff page of the questions, and every attachment, as a citizen and an officer see them."""
    async with database.transaction() as session:
        attachments = list(await session.execute(sa.select(Attachment.id, Ticket.reference).join(Ticket)))
    seen: dict[str, bytes] = {}
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        for q in questions:
            seen[f"/cau-hoi/{q.reference}"] = (await client.get(f"/cau-hoi/{q.reference}?token={q.token}")).content
            seen[f"/hoi-dap/{q.reference}"] = (await client.get(f"/hoi-dap/{q.reference}")).content
        token = {q.reference: q.token for q in questions}
        for attachment_id, reference in attachments:
            url = f"/cau-hoi/{reference}/tep/{attachment_id}?token={token[reference]}"
            seen[url] = (await client.get(url)).content
        await log_in(client, "xd.cv")
        for q in questions:
            seen[f"/can-bo/cau-hoi/{q.reference}"] = (await client.get(f"/can-bo/cau-hoi/{q.reference}")).content
        for attachment_id, _ in attachments:
            seen[f"/can-bo/tep/{attachment_id}"] = (await client.get(f"/can-bo/tep/{attachment_id}")).content
    return {
        url: CSRF.sub("", body.decode(errors="replace")).encode() if b"<html" in body else body
        for url, body in seen.items()
    }


async def test_a_restored_instance_shows_the_same_pages_and_files_and_sends_what_was_pending_once(
    database: Database, settings: Settings, target_url: str, tmp_path: Path
) -> None:
    await add_staff(database, "xd.cv", "officer", "SXD")
    plan, photo = pdf_bytes(), png_bytes(4, 3)
    answered = await ask(
        database, settings, "Giấy phép xây dựng nhà 3 tầng", "hong@example.com", {"mặt bằng.pdf": plan}
    )
    waiting = await ask(database, settings, "Cấp phép sửa chữa nhà", "lan@example.com", {"ảnh hiện trạng.png": photo})
    with smtp_server() as (inbox, reach):
        mail = NotifySettings(**reach, mail_from=MAIL_FROM)
        await expand(database)
        assert (
            await drain(database, mail, tmp_path / "outbox") == 4
        )  # "received", by email and SMS: sent before the backup
    now = utcnow()
    async with database.transaction() as session:
        await handling.accept(session, answered.ticket_id, actor_id=None, now=now)
        await answering.submit_answer(
            session, answered.ticket_id, text="Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.", actor_id=None, now=now
        )
        await answering.approve_answer(session, answered.ticket_id, actor_id=None, now=now)
    await expand(database)
    async with database.transaction() as session:
        [held] = await claim(session, now=utcnow(), limit=1)  # a worker took it, then the backup ran
        pending = {
            (d.channel, d.address)
            for d in await session.scalars(sa.select(Delivery).where(Delivery.status != DeliveryStatus.SENT))
        }
    assert len(pending) == 2 and held.id  # the answer, by email and SMS: one of them mid-send
    before = await pages(settings, database, [answered, waiting])
    assert plan in before.values() and photo in before.values()
    assert "Hồ sơ gồm đơn đề nghị" in before[f"/hoi-dap/{answered.reference}"].decode()

    backup = tmp_path / "backup"
    made = caunoi("backup", str(backup), database_url=settings.database_url, data_dir=settings.data_dir)
    assert made.returncode == 0, made.stderr
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["counts"]["ticket"] == 2 and manifest["counts"]["attachment"] == 2
    assert manifest["schema_revision"] == "0022" and manifest["database"] == database.dialect

    restored_dir = tmp_path / "restored"
    done = caunoi("restore", str(backup), database_url=target_url, data_dir=restored_dir)
    assert done.returncode == 0, done.stderr
    restored_settings = settings.model_copy(
        update={"database_url": target_url, "data_dir": restored_dir, "upload_dir": restored_dir / "uploads"}
    )
    restored = Database(target_url)
    try:
        after = await pages(restored_settings, restored, [answered, waiting])
        # Identical, but for the message a worker held when the backup ran: it is back in the queue.
        staff_page = f"/can-bo/cau-hoi/{answered.reference}"
        assert "”, đang gửi <" in before[staff_page].decode()
        before[staff_page] = before[staff_page].decode().replace("”, đang gửi <", "”, đang chờ gửi <").encode()
        assert after == before
        with smtp_server() as (inbox, reach):
            mail = NotifySettings(**reach, mail_from=MAIL_FROM)
            outbox = restored_dir / "outbox"
            assert await drain(restored, mail, outbox) == 2
            assert await drain(restored, mail, outbox) == 0  # and never a second time
        [answer_mail] = inbox.by_recipient("hong@example.com")
        assert answer_mail["Subject"] == f"Câu hỏi {answered.reference} đã được trả lời"
        assert len(inbox.messages) == 1 and len(list((outbox / "sms").glob("*.json"))) == 1
        async with restored.transaction() as session:
            statuses = set(await session.scalars(sa.select(Delivery.status)))
        assert statuses == {DeliveryStatus.SENT}
    finally:
        await restored.dispose()


async def test_restore_refuses_a_bad_backup_or_a_used_target_and_changes_nothing(
    database: Database, settings: Settings, target_url: str, tmp_path: Path
) -> None:
    await ask(database, settings, "Giấy phép xây dựng nhà 3 tầng", "hong@example.com", {"mặt bằng.pdf": pdf_bytes()})
    backup = tmp_path / "backup"
    assert caunoi("backup", str(backup), database_url=settings.database_url, data_dir=settings.data_dir).returncode == 0
    written = {p: p.read_bytes() for p in backup.rglob("*") if p.is_file()}

    again = caunoi("backup", str(backup), database_url=settings.database_url, data_dir=settings.data_dir)
    assert again.returncode == 1 and f"backup directory {backup} is not empty" in again.stderr
    assert {p: p.read_bytes() for p in backup.rglob("*") if p.is_file()} == written

    restored_dir = tmp_path / "restored"

    def refused(directory: Path, because: str, database_url: str = target_url, data_dir: Path = restored_dir) -> None:
        result = caunoi("restore", str(directory), database_url=database_url, data_dir=data_dir)
        assert result.returncode == 1, result.stdout
        assert because in result.stderr and "nothing was restored" in result.stderr, result.stderr

    def damaged(name: str, change: Callable[[Path], None]) -> Path:
        copy = tmp_path / name
        shutil.copytree(backup, copy)
        change(copy)
        return copy

    def flip_a_byte(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    [upload] = (backup / "uploads").rglob("*.pdf")
    dump_name = _database.DUMP_NAMES[database.dialect]
    refused(damaged("bad-file", lambda c: flip_a_byte(c / upload.relative_to(backup))), "does not match its checksum")
    refused(damaged("bad-dump", lambda c: flip_a_byte(c / dump_name)), f"{dump_name} does not match its checksum")
    refused(damaged("no-dump", lambda c: (c / dump_name).unlink()), f"{dump_name} is missing from the backup")
    refused(damaged("no-manifest", lambda c: (c / MANIFEST).unlink()), "manifest.json is missing")

    def newer(copy: Path) -> None:
        manifest = json.loads((copy / MANIFEST).read_text())
        (copy / MANIFEST).write_text(json.dumps(manifest | {"schema_revision": "0999"}))

    refused(damaged("newer", newer), "schema revision 0999 is newer than this version's (0022)")
    assert await _database.is_empty(target_url) and not restored_dir.exists()

    # A used database (the source itself), or an upload directory with something in it.
    refused(backup, "the target database is not empty", settings.database_url, settings.data_dir)
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 1
    (restored_dir / "uploads").mkdir(parents=True)
    (restored_dir / "uploads" / "cũ.txt").write_text("một tệp còn sót")
    refused(backup, f"upload directory {restored_dir / 'uploads'} is not empty")
    assert await _database.is_empty(target_url)

    # What was refused left the target as it was: the backup itself restores into it.
    (restored_dir / "uploads" / "cũ.txt").unlink()
    done = caunoi("restore", str(backup), database_url=target_url, data_dir=restored_dir)
    assert done.returncode == 0, done.stderr
    assert [p.read_bytes() for p in (restored_dir / "uploads").rglob("*.pdf")] == [pdf_bytes()]


async def test_a_backup_of_an_older_schema_is_restored_then_upgraded_to_the_newest(
    database_url: str, new_database: Callable[[str], Awaitable[str]], tmp_path: Path
) -> None:
    old_url, target = await new_database("old"), await new_database("upgraded")
    await asyncio.to_thread(migrations.upgrade, old_url, "0021")  # alembic runs its own event loop
    backup = tmp_path / "backup"
    assert caunoi("backup", str(backup), database_url=old_url, data_dir=tmp_path / "old").returncode == 0
    assert json.loads((backup / MANIFEST).read_text())["schema_revision"] == "0021"
    done = caunoi("restore", str(backup), database_url=target, data_dir=tmp_path / "upgraded")
    assert done.returncode == 0, done.stderr
    snapshot = await _database.describe(target)
    assert snapshot.revision == "0022"


def test_a_backup_that_fails_leaves_no_directory_behind(tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    failed = caunoi(
        "backup", str(backup), database_url=f"sqlite+aiosqlite:///{tmp_path / 'none.sqlite3'}", data_dir=tmp_path
    )
    assert failed.returncode == 1 and "no SQLite database at" in failed.stderr
    assert not backup.exists()
