"""Backup and restore times for 100,000 questions in PostgreSQL and 1,000 uploaded files.

1. drops and recreates ``caunoi_bench_backup`` (never ``test``), migrates it and loads 100,000
   tickets in progress the way ``bench/sla_scan.py`` does (its loader, with fewer tickets), and
   writes 1,000 files of 100 KB into a temporary upload directory;
2. times ``make_backup`` (``pg_dump --format=custom`` and the files, with their checksums) into a
   new directory, then ``restore_backup`` into the new database ``caunoi_bench_backup_restored``
   and a new upload directory, and checks the restored row counts against the manifest;
3. drops both databases (``--keep`` keeps them).

Run it with ``.venv/bin/python bench/backup.py``; ``CAUNOI_BENCH_BACKUP_URL`` points it at
another server.
"""

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
import sla_scan
from bench_db import drop_database, recreate_database
from feedback.backup import make_backup, restore_backup
from feedback.migrations import upgrade
from notify.db import Database

DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_BACKUP_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_backup"
)
RESTORED_URL = DATABASE_URL + "_restored"
TICKETS = 100_000
FILES, FILE_SIZE = 1_000, 100_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    keep = parser.parse_args().keep
    recreate_database(DATABASE_URL)
    recreate_database(RESTORED_URL)
    try:
        upgrade(DATABASE_URL)
        sla_scan.DATABASE_URL, sla_scan.TICKETS = DATABASE_URL, TICKETS
        database = Database(DATABASE_URL)
        loaded = asyncio.run(sla_scan.load(database))
        print(f"{TICKETS:,} tickets loaded in {loaded:.1f} s")
        with tempfile.TemporaryDirectory() as scratch:
            uploads = Path(scratch) / "uploads"
            for i in range(FILES):
                path = uploads / f"{i % 100:02d}" / f"{i}.bin"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(os.urandom(FILE_SIZE))
            started = time.perf_counter()
            manifest = make_backup(DATABASE_URL, uploads, Path(scratch) / "backup")
            backed_up = time.perf_counter() - started
            dump = Path(scratch) / "backup" / "database.dump"
            print(
                f"backup: {backed_up:.1f} s ({manifest.counts['ticket']:,} tickets, dump "
                f"{dump.stat().st_size / 1e6:.1f} MB, {len(manifest.files) - 1} files)"
            )
            started = time.perf_counter()
            restore_backup(Path(scratch) / "backup", RESTORED_URL, Path(scratch) / "restored")
            print(f"restore: {time.perf_counter() - started:.1f} s (checksums, pg_restore, files, counts checked)")
    finally:
        if not keep:
            drop_database(DATABASE_URL)
            drop_database(RESTORED_URL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
