"""Write a backup (database dump, uploaded files, ``manifest.json``) and restore one into an empty instance.

A backup directory is good only once ``manifest.json`` is there: it is written last, after
everything it lists has been flushed to disk, so a backup cut short is never taken for a good one.
The database is dumped first and the upload directory copied after it: every attachment the dump
knows is already on disk (files are written before their row commits), and a file newer than the
dump is only an orphan, which the upload sweep removes after a restore.

A restore checks everything before it changes anything: the manifest, every checksum, the schema
revision (one newer than this code's is refused), and that the database and the upload directory
are empty. Deliveries a worker had claimed but not finished at backup time are handed back to
the queue, so the restored instance sends each pending notification once; the outbox's unique
``idempotency_key`` keeps anything from being queued twice.
"""

import asyncio
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from alembic.util import CommandError

from feedback import migrations
from feedback.backup import _database
from feedback.backup.errors import BackupError
from feedback.federation.models import PeerMessage
from notify.db import Database, utcnow
from notify.models import Delivery, DeliveryStatus

MANIFEST = "manifest.json"
FORMAT = 1
UPLOADS = "uploads"


@dataclass
class Manifest:
    """What ``manifest.json`` holds: what the backup is, and a SHA-256 for each of its files."""

    app_version: str
    created_at: str
    database: str
    schema_revision: str | None
    counts: dict[str, int]
    files: dict[str, str]
    missing_files: list[str] = field(default_factory=list)
    """Attachments the database lists but the upload directory did not have when the backup ran."""
    format: int = FORMAT

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        path = directory / MANIFEST
        if not path.is_file():
            raise BackupError(f"{path} is missing: {directory} is not a complete backup")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            manifest = cls(**data)
        except (ValueError, TypeError) as exc:
            raise BackupError(f"{path} is not a manifest this version can read ({exc})") from exc
        if manifest.format != FORMAT:
            raise BackupError(f"{path} has format {manifest.format}; this version reads format {FORMAT}")
        return manifest


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _require_empty_dir(directory: Path, what: str) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(f"{what} {directory} is not empty: refusing to write over it")


def make_backup(database_url: str, upload_dir: Path, directory: Path) -> Manifest:
    """Back the database and the upload directory up into the new or empty ``directory``."""
    _require_empty_dir(directory, "backup directory")
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        return _write_backup(database_url, upload_dir, directory)
    except BaseException:
        # Leave the directory as it was found (gone, or empty), so the next run may use it.
        if created:
            shutil.rmtree(directory, ignore_errors=True)
        else:
            for child in directory.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        raise


def _write_backup(database_url: str, upload_dir: Path, directory: Path) -> Manifest:
    dialect = _database.dialect_of(database_url)
    dump_name = _database.DUMP_NAMES[dialect]
    snapshot = asyncio.run(_database.dump(database_url, directory / dump_name))
    files = {dump_name: sha256_of(directory / dump_name)}
    if upload_dir.is_dir():
        for source in sorted(p for p in upload_dir.rglob("*") if p.is_file()):
            relative = source.relative_to(upload_dir).as_posix()
            target = directory / UPLOADS / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(source, target)
            except FileNotFoundError:
                continue  # removed since the listing (the orphan sweep): missing_files names any the dump needs
            files[f"{UPLOADS}/{relative}"] = sha256_of(target)
    manifest = Manifest(
        app_version=version("caunoi"),
        created_at=utcnow().isoformat(),
        database=dialect,
        schema_revision=snapshot.revision,
        counts=snapshot.counts,
        files=files,
        missing_files=[p for p in snapshot.attachment_paths if f"{UPLOADS}/{p}" not in files],
    )
    os.sync()  # everything the manifest lists is on disk before the manifest is
    partial = directory / f"{MANIFEST}.partial"
    with partial.open("w", encoding="utf-8") as out:
        json.dump(asdict(manifest), out, ensure_ascii=False, indent=2)
        out.flush()
        os.fsync(out.fileno())
    partial.rename(directory / MANIFEST)
    return manifest


def _inside(directory: Path, relative: str) -> Path:
    path = (directory / relative).resolve()
    if not path.is_relative_to(directory.resolve()):
        raise BackupError(f"the manifest lists {relative!r}, outside the backup")
    return path


def verify(directory: Path, manifest: Manifest) -> None:
    """Every file the manifest lists is there with its checksum."""
    for relative, expected in manifest.files.items():
        path = _inside(directory, relative)
        if not path.is_file():
            raise BackupError(f"{relative} is missing from the backup")
        if sha256_of(path) != expected:
            raise BackupError(f"{relative} does not match its checksum: the backup is damaged")


def _check_revision(database_url: str, revision: str | None) -> bool:
    """Whether the restored database will need upgrading; refuses a revision this code does not know."""
    scripts = ScriptDirectory.from_config(migrations.alembic_config(database_url))
    head = scripts.get_current_head()
    if revision is None:
        raise BackupError("the backup has no schema revision (its database was never migrated)")
    try:
        known = scripts.get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise BackupError(
            f"the backup's schema revision {revision} is newer than this version's ({head}): "
            "restore it with the release that made it, or a later one"
        )
    return revision != head


def restore_backup(directory: Path, database_url: str, upload_dir: Path, *, now: datetime | None = None) -> Manifest:
    """Restore ``directory`` into the empty database and upload directory, then upgrade it to head."""
    try:
        manifest, dialect, needs_upgrade = _check(directory, database_url, upload_dir)
        _load(directory, database_url, upload_dir, dialect)
    except BackupError as exc:
        raise BackupError(f"{exc}; nothing was restored") from exc
    restored = asyncio.run(_database.describe(database_url))
    if restored.counts != manifest.counts:
        raise BackupError(f"the restored database has {restored.counts} rows, the manifest says {manifest.counts}")
    if needs_upgrade:
        migrations.upgrade(database_url)
    asyncio.run(_requeue_claimed(database_url, now=now or utcnow()))
    return manifest


def _check(directory: Path, database_url: str, upload_dir: Path) -> tuple[Manifest, str, bool]:
    """Everything a restore verifies before it changes anything; (manifest, dialect, needs upgrading)."""
    manifest = Manifest.read(directory)
    dialect = _database.dialect_of(database_url)
    if manifest.database != dialect:
        raise BackupError(f"this is a backup of a {manifest.database} database; the target is {dialect}")
    needs_upgrade = _check_revision(database_url, manifest.schema_revision)
    verify(directory, manifest)
    if not asyncio.run(_database.is_empty(database_url)):
        raise BackupError("the target database is not empty: restore into a new, empty database")
    _require_empty_dir(upload_dir, "upload directory")
    return manifest, dialect, needs_upgrade


def _load(directory: Path, database_url: str, upload_dir: Path, dialect: str) -> None:
    """The files into a staging directory, then the database in one go; the files move in last."""
    staging = upload_dir.parent / f".{upload_dir.name}.restoring"
    shutil.rmtree(staging, ignore_errors=True)
    uploads = directory / UPLOADS
    try:
        if uploads.is_dir():
            shutil.copytree(uploads, staging)
        else:
            staging.mkdir(parents=True)
        asyncio.run(_database.load(database_url, directory / _database.DUMP_NAMES[dialect]))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if upload_dir.exists():
        upload_dir.rmdir()  # checked empty above
    staging.rename(upload_dir)


async def _requeue_claimed(database_url: str, *, now: datetime) -> None:
    """Hand deliveries a worker held at backup time back to the queue, due now.

    That worker's lease means nothing to the restored instance: without this, the rows would wait
    for the lease to run out. The claim (``attempts``) moves on when a worker takes them again, so
    a late outcome of the old claim could never be recorded over the new one.
    """
    database = Database(database_url, pool_size=1)
    try:
        async with database.transaction() as session:
            for table in (Delivery, PeerMessage):
                await session.execute(
                    sa.update(table)
                    .where(table.status == DeliveryStatus.SENDING)
                    .values(status=DeliveryStatus.PENDING, lease_until=None, next_attempt_at=now)
                )
    finally:
        await database.dispose()
