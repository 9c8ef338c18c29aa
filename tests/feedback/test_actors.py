"""Background jobs, run by a real dramatiq worker on the in-process broker."""

import os
import time
from datetime import UTC, datetime, timedelta

import dramatiq
import pytest
from dramatiq.brokers.stub import StubBroker

from feedback import actors
from feedback.intake import receive_question
from feedback.models import Channel
from feedback.settings import Settings, get_settings
from feedback.uploads import IncomingFile, sweep_orphans
from notify.broker import broker
from notify.db import Database
from tests.factories import png_bytes, question_fields


def age(path, hours: float) -> None:
    past = time.time() - hours * 3600
    os.utime(path, (past, past))


async def submit_with_file(database: Database, settings: Settings) -> str:
    async with database.transaction() as session:
        submitted = await receive_question(
            session,
            question_fields(),
            [IncomingFile("a.png", png_bytes())],
            channel=Channel.WEB,
            language="vi",
            upload_dir=settings.uploads,
            now=datetime.now(UTC),
        )
    return submitted.reference


async def test_sweep_removes_only_old_unclaimed_files(database: Database, settings: Settings, upload_files) -> None:
    await submit_with_file(database, settings)
    [kept] = upload_files()
    orphan = kept.parent / "orphan.pdf"  # beside the kept file, in the month folder the upload chose
    fresh = kept.parent / "fresh.pdf"
    orphan.write_bytes(b"%PDF-1.4")
    fresh.write_bytes(b"%PDF-1.4")
    age(orphan, 3)
    age(kept, 3)
    age(fresh, 0)  # the clock the sweep reads, not the file system's

    async with database.transaction() as session:
        removed = await sweep_orphans(
            session, upload_dir=settings.uploads, now=datetime.now(UTC), grace=timedelta(hours=1)
        )
    assert removed == 1
    assert upload_files() == sorted([kept, fresh])


@pytest.mark.skipif(not isinstance(broker, StubBroker), reason="runs on the in-process broker")
async def test_the_sweep_actor_runs_on_a_worker(
    database: Database, settings: Settings, upload_files, monkeypatch
) -> None:
    monkeypatch.setenv("CAUNOI_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CAUNOI_DATA_DIR", str(settings.data_dir))
    get_settings.cache_clear()
    monkeypatch.setattr(actors, "_database", None)
    orphan = settings.uploads / f"{datetime.now(UTC):%Y/%m}" / "orphan.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(png_bytes())
    age(orphan, 2)
    worker = dramatiq.Worker(broker, worker_threads=1)
    worker.start()
    try:
        actors.sweep_orphan_uploads.send()
        broker.join(actors.sweep_orphan_uploads.queue_name, fail_fast=True)
        worker.join()
    finally:
        worker.stop()
        get_settings.cache_clear()
    assert not orphan.exists()
