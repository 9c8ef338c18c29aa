"""Email intake throughput: 10,000 messages waiting in an IMAP mailbox become tickets, each exactly once.

The target (from issue 16): with two workers, at least 100 messages a second become tickets, and
each message becomes exactly one ticket.

What it does, start to finish:

1. drops and recreates its own PostgreSQL database (``caunoi_bench_email``, or
   ``CAUNOI_BENCH_EMAIL_URL``; never ``test``), migrates it and loads the demo province's
   reference data;
2. starts a throw-away Dovecot on loopback (as the tests do, ``tests/feedback/imap_server.py``)
   and writes 10,000 messages straight into its maildir, each from its own citizen: one in ten
   HTML only, one in ten with a PNG attached, one in ten a reply with quoted history; Dovecot
   gives them UIDs when the folder is first opened, as for mail waiting when the mailbox is
   first configured;
3. empties Redis database 11, starts two ``caunoi worker`` processes on it (4 threads each, as
   ``caunoi worker`` defaults), waits until they listen, then starts the clock and sends one
   ``read_mailbox`` job, as the scheduler's tick would: a job that finds a backlog asks for a
   helper, so the backlog spreads over both workers. The workers also expand and write the
   receipts (to files: no SMTP here), as they would in production;
4. prints the messages taken so far and the rate every 5 s, until all are taken (or nothing
   moved for 60 s);
5. checks that every message is recorded once (``mailbox_message``), as a question, each with a
   ticket of its own, that there are exactly as many tickets as messages and no two with the
   same text, and that the server has every message flagged taken.

Run it with ``make bench-email-intake`` or ``.venv/bin/python bench/email_intake.py`` (``--count``
for fewer messages). It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth), Redis
on 127.0.0.1:6379 and Dovecot (``apt-get install dovecot-imapd``). The exit status is 1 when a
check fails; a missed target is only reported (MISSED), since it depends on the machine.
"""

import argparse
import asyncio
import imaplib
import os
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

import redis
from sqlalchemy import func, select

import bench_path  # noqa: F401  (before the product's packages: see bench/bench_path.py)
from bench_db import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # the tests' Dovecot starter

from tests.factories import png_bytes  # noqa: E402
from tests.feedback.imap_server import PASSWORD, USERNAME, dovecot  # noqa: E402

from feedback.demo import load_reference_data  # noqa: E402
from feedback.mailbox.models import MailboxMessage, Outcome  # noqa: E402
from feedback.migrations import upgrade  # noqa: E402
from feedback.models import Ticket  # noqa: E402
from notify.db import Database  # noqa: E402

DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_EMAIL_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_email"
)
REDIS_URL = "redis://127.0.0.1:6379/11"
CAUNOI = Path(sys.executable).parent / "caunoi"
OFFICE = "hoidap@thanhhoa.example.gov.vn"
WORKERS = 2
TARGET_PER_S = 100
QUIET_S = 60
QUESTION = (
    "Kính gửi Văn phòng UBND tỉnh,\n\nGia đình tôi muốn xây nhà 3 tầng trên đất ở tại phường Hạc Thành. "
    "Xin hỏi cần chuẩn bị những giấy tờ gì và nộp ở đâu? (câu hỏi số {n})\n\nTrân trọng,\nNgười dân số {n}"
)


def message(n: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = formataddr((f"Người dân {n}", f"nguoi.dan.{n}@example.vn"))
    mail["To"] = OFFICE
    mail["Subject"] = f"Hỏi về giấy phép xây dựng ({n})"
    mail["Message-ID"] = make_msgid(domain="example.vn")
    text = QUESTION.format(n=n)
    if n % 10 == 1:
        mail.set_content(f"<html><body><p>{text.replace(chr(10), '<br>')}</p></body></html>", subtype="html")
    elif n % 10 == 2:
        mail.set_content(f"{text}\n\nVào 9:00 Th 2, <hoidap@thanhhoa.example.gov.vn> đã viết:\n> Thư cũ\n> của cổng\n")
    else:
        mail.set_content(text)
    if n % 10 == 3:
        mail.add_attachment(png_bytes(), maintype="image", subtype="png", filename=f"anh-{n}.png")
    return mail.as_bytes()


def fill_maildir(root: Path, count: int) -> None:
    """Write the messages into the account's maildir INBOX, owned as Dovecot's mail user owns its files."""
    maildir = root / "mail" / USERNAME
    owner = (root / "mail").stat()
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    for path in (maildir, *(maildir / sub for sub in ("new", "cur", "tmp"))):
        os.chown(path, owner.st_uid, owner.st_gid)
    for n in range(count):
        path = maildir / "new" / f"{int(time.time())}.M{n}P{os.getpid()}.bench"
        path.write_bytes(message(n))
        os.chown(path, owner.st_uid, owner.st_gid)


async def load_reference() -> None:
    database = Database(DATABASE_URL)
    async with database.transaction() as session:
        await load_reference_data(session)
    await database.dispose()


async def progress() -> int:
    database = Database(DATABASE_URL, pool_size=1)
    try:
        async with database.transaction() as session:
            return await session.scalar(
                select(func.count()).select_from(MailboxMessage).where(MailboxMessage.outcome != Outcome.CLAIMED)
            )
    finally:
        await database.dispose()


async def check(count: int) -> list[str]:
    database = Database(DATABASE_URL, pool_size=1)
    problems = []
    try:
        async with database.transaction() as session:
            rows = (await session.execute(select(MailboxMessage.outcome, MailboxMessage.ticket_id))).all()
            tickets = await session.scalar(select(func.count()).select_from(Ticket))
            bodies = await session.scalar(select(func.count(func.distinct(Ticket.body))))
    finally:
        await database.dispose()
    if len(rows) != count:
        problems.append(f"{len(rows)} messages recorded, {count} sent")
    if {outcome for outcome, _ in rows} != {Outcome.QUESTION}:
        problems.append(f"outcomes: {sorted({str(o) for o, _ in rows})}")
    if len({ticket for _, ticket in rows}) != count or tickets != count or bodies != count:
        problems.append(f"{tickets} tickets ({bodies} distinct texts) for {count} messages")
    return problems


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    count = parser.parse_args().count
    print(f"preparing {DATABASE_URL.rsplit('/', 1)[1]} and {count:,} messages in a throw-away Dovecot", flush=True)
    recreate_database(DATABASE_URL)
    upgrade(DATABASE_URL)
    asyncio.run(load_reference())
    workdir = Path(tempfile.mkdtemp(prefix="caunoi-bench-email-"))
    with dovecot() as server:
        fill_maildir(server.root, count)
        client = imaplib.IMAP4("127.0.0.1", server.port)
        client.login(USERNAME, PASSWORD)
        client.select("INBOX")  # Dovecot gives the new files their UIDs
        client.logout()
        redis.Redis.from_url(REDIS_URL).flushdb()
        env = dict(
            os.environ,
            CAUNOI_DATABASE_URL=DATABASE_URL,
            CAUNOI_REDIS_URL=REDIS_URL,
            CAUNOI_DATA_DIR=str(workdir),
            CAUNOI_SECRET_KEY="bench-email-" + "x" * 40,
            CAUNOI_BASE_URL="https://hoidap.thanhhoa.example.gov.vn",
            CAUNOI_MAIL_FROM=f"Cổng hỏi đáp tỉnh Thanh Hóa <{OFFICE}>",
            CAUNOI_RATE_LIMIT="20",
            CAUNOI_IMAP_HOST="127.0.0.1",
            CAUNOI_IMAP_PORT=str(server.port),
            CAUNOI_IMAP_SECURITY="none",
            CAUNOI_IMAP_USERNAME=USERNAME,
            CAUNOI_IMAP_PASSWORD=PASSWORD,
            CAUNOI_IMAP_ADDRESS=OFFICE,
        )
        workers = []
        try:
            for n in range(WORKERS):
                log = workdir / f"worker-{n}.log"
                workers.append(start([str(CAUNOI), "worker"], env, log))
            deadline = time.monotonic() + 60
            while not all("worker:" in (workdir / f"worker-{n}.log").read_text() for n in range(WORKERS)):
                if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
                    raise SystemExit(f"the workers did not start; see {workdir}")
                time.sleep(0.1)
            time.sleep(1)  # the workers' consumers are polling Redis
            started = time.monotonic()
            subprocess.run(
                [sys.executable, "-c", "from feedback.actors import read_mailbox; read_mailbox.send()"],
                env=env,
                cwd=ROOT,
                check=True,
            )
            taken, last_change, reported = 0, time.monotonic(), time.monotonic()
            while taken < count and time.monotonic() - last_change < QUIET_S:
                time.sleep(0.25)
                now_taken = asyncio.run(progress())
                if now_taken != taken:
                    taken, last_change = now_taken, time.monotonic()
                if time.monotonic() - reported >= 5:
                    elapsed = time.monotonic() - started
                    print(f"  {taken:,} messages taken ({elapsed:.0f} s, {taken / elapsed:.0f}/s)", flush=True)
                    reported = time.monotonic()
            elapsed = time.monotonic() - started
            worker_cpu = sum(cpu_seconds(worker.pid) for worker in workers)
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait(timeout=30)
        client = imaplib.IMAP4("127.0.0.1", server.port)
        client.login(USERNAME, PASSWORD)
        client.select("INBOX")
        untaken = client.uid("SEARCH", "UNKEYWORD", "caunoi-taken")[1][0].split()
        client.logout()
    rate = taken / elapsed
    print(f"{taken:,} of {count:,} messages became tickets in {elapsed:.1f} s: {rate:.0f} messages/s", flush=True)
    print(
        f"the workers' CPU: {worker_cpu:.1f} s, {1000 * worker_cpu / max(taken, 1):.1f} ms a message (receipts included)"
    )
    problems = asyncio.run(check(count))
    if untaken:
        problems.append(f"{len(untaken)} messages not flagged taken on the server")
    for problem in problems:
        print(f"FAILED: {problem}")
    if not problems:
        print(f"each of the {count:,} messages became exactly one ticket; every message flagged taken on the server")
    print(f"target {TARGET_PER_S}/s: {'met' if rate >= TARGET_PER_S else 'MISSED'} ({workdir} has the workers' logs)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
