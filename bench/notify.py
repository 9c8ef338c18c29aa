"""Notification throughput: pending outbox rows to emails accepted by an SMTP server, end to end.

The target (from the issue): with two worker processes, PostgreSQL and Redis, at least 250
emails a second from pending notifications to messages accepted by a local SMTP sink, and
100,000 notifications drained with none lost and none sent twice.

What it does, start to finish:

1. drops and recreates its own database ``caunoi_bench_notify`` (never ``test``), migrates it
   and loads the demo province's reference data;
2. writes 25,000 answered tickets, each with a citizen's email, and four pending notifications
   for each (received, more information needed, deadline extended, answered): 100,000 pending
   rows in the outbox, as the portal leaves them. One ticket in ten is in English;
3. starts an aiosmtpd sink in its own process (this script with ``--sink``), which appends the
   arrival time and the Message-ID of every message it accepts to a file;
4. empties Redis database 13, starts two ``caunoi worker`` processes on it and waits until they
   listen, then starts the clock and ``caunoi scheduler``, whose first sweep asks the workers to
   expand and deliver everything pending;
5. waits until the sink has as many messages as there are deliveries (or nothing arrives for
   60 s), gives stragglers three seconds, stops everything;
6. checks the sink's file against the database: every delivery's Message-ID exactly once, every
   delivery recorded as sent, no notification left pending;
7. prints emails/s end to end (clock start to last arrival) and in the steady middle (from the
   10th to the 90th percentile of arrivals), the workers' CPU time per email and their peak memory.

Run it with ``make bench-notify`` or ``.venv/bin/python bench/notify.py`` (``--count`` for
fewer tickets, ``--keep`` to keep the database). It needs PostgreSQL on 127.0.0.1:5432 (user
``postgres``, trust auth) and Redis on 127.0.0.1:6379. The exit status is 1 when a message is
lost or duplicated; a missed speed target is only reported (MISSED), since it depends on the machine.
"""

import argparse
import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import redis

import bench_path  # noqa: F401  (first: the notify package, not this script)
from bench_db import asyncpg_dsn, drop_database, recreate_database
from feedback.demo import load_reference_data
from feedback.demo_qa import DEMO_ANSWERS
from feedback.migrations import upgrade
from notify.db import Database

ROOT = Path(__file__).resolve().parents[1]
CAUNOI = Path(sys.executable).with_name("caunoi")
DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_NOTIFY_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_notify"
)
REDIS_URL = "redis://127.0.0.1:6379/13"
HOST = "127.0.0.1"
MAIL_FROM = "Cổng hỏi đáp tỉnh Thanh Hóa <hoidap@thanhhoa.example.gov.vn>"
DOMAIN = "thanhhoa.example.gov.vn"
KINDS = ("citizen_received", "citizen_info_requested", "citizen_extended", "citizen_answered")
WORKERS = 2
QUIET_S = 60.0
"""Give up when no message arrived for this long."""
TARGET_PER_S = 250.0

MESSAGE_ID = re.compile(rb"^Message-ID: <([^>]+)>", re.MULTILINE | re.IGNORECASE)


# --- The sink (its own process) -------------------------------------------------------------------


class Sink:
    """Accepts everything; appends ``<arrival time> <Message-ID>`` per message to a file."""

    def __init__(self, path: Path) -> None:
        self.out = path.open("ab", buffering=0)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        found = MESSAGE_ID.search(envelope.content, 0, 8192)
        self.out.write(b"%.6f %s\n" % (time.time(), found.group(1) if found else b"-"))
        return "250 2.0.0 Ok: queued"


def run_sink(port: int, path: Path) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(Sink(path), hostname=HOST, port=port)
    controller.start()
    stop = False

    def finish(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    while not stop:
        time.sleep(0.2)
    controller.stop()


# --- Loading --------------------------------------------------------------------------------------

INSERT_TICKETS = """
INSERT INTO ticket (
    reference, year, number, token_hash, category_id, department_id, status, priority, channel,
    language, title, body, citizen_name, citizen_email, publish_consent, show_name, search_text,
    created_at, updated_at, routed_at, assigned_at, accepted_at, transfer_due_at, accept_due_at,
    answer_due_at, answered_at, answer_text
)
SELECT 'BN-' || lpad(i::text, 6, '0'), 2026, i,
       encode(sha256(convert_to('bench-notify-' || i, 'UTF8')), 'hex'),
       ($2::int[])[1 + i % cardinality($2::int[])],
       ($3::int[])[1 + i % cardinality($3::int[])],
       'answered', 'normal', 'web', CASE WHEN i % 10 = 0 THEN 'en' ELSE 'vi' END,
       ($4::text[])[1 + i % cardinality($4::text[])],
       ($5::text[])[1 + i % cardinality($5::text[])],
       'Nguyễn Thị Hương', 'nguoi.hoi.' || i || '@example.vn', true, false, '',
       $6::timestamptz, $6::timestamptz, $6::timestamptz, $6::timestamptz, $6::timestamptz,
       $6::timestamptz + interval '7 days', $6::timestamptz + interval '2 days',
       $6::timestamptz + interval '14 days', $6::timestamptz + interval '5 days',
       ($7::text[])[1 + i % cardinality($7::text[])]
FROM generate_series(1, $1::int) AS g(i)
"""

INSERT_NOTIFICATIONS = """
INSERT INTO notification (idempotency_key, kind, recipient, topic, data, status, created_at)
SELECT 'bench:' || k.kind || ':' || t.id, k.kind, 'citizen:' || t.id, t.reference,
       CASE k.kind
           WHEN 'citizen_received' THEN jsonb_build_object('token', t.token_hash)
           WHEN 'citizen_info_requested' THEN jsonb_build_object(
               'message', 'Đề nghị ông/bà bổ sung bản sao giấy chứng nhận quyền sử dụng đất và sơ đồ thửa đất.')
           WHEN 'citizen_extended' THEN jsonb_build_object(
               'explanation', 'Câu hỏi cần ý kiến của Sở Tài nguyên và Môi trường nên cần thêm thời gian.')
           ELSE '{}'::jsonb
       END,
       'pending', $1::timestamptz
FROM ticket t CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS k(kind, n)
ORDER BY t.id, k.n
"""


async def load(tickets: int) -> int:
    """Reference data, the tickets and their pending notifications; returns the notifications written."""
    database = Database(DATABASE_URL)
    async with database.transaction() as session:
        await load_reference_data(session)
    await database.dispose()
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        places = await connection.fetch(
            "SELECT id, default_department_id FROM category WHERE default_department_id IS NOT NULL ORDER BY id"
        )
        now = datetime.now(UTC)
        async with connection.transaction():
            await connection.execute(
                INSERT_TICKETS,
                tickets,
                [p["id"] for p in places],
                [p["default_department_id"] for p in places],
                [a.title for a in DEMO_ANSWERS],
                [a.question for a in DEMO_ANSWERS],
                now,
                [a.answer for a in DEMO_ANSWERS],
            )
            await connection.execute(INSERT_NOTIFICATIONS, now, list(KINDS))
        await connection.execute("VACUUM (ANALYZE)")
        return await connection.fetchval("SELECT count(*) FROM notification WHERE status = 'pending'")
    finally:
        await connection.close()


# --- Running --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def flush_redis() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()


def caunoi_env(data_dir: Path, smtp_port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAUNOI_")}
    env.update(
        CAUNOI_ENVIRONMENT="production",
        CAUNOI_DATABASE_URL=DATABASE_URL,
        CAUNOI_REDIS_URL=REDIS_URL,
        CAUNOI_DATA_DIR=str(data_dir),
        CAUNOI_SECRET_KEY="bench-notify-" + "x" * 40,
        CAUNOI_SMTP_HOST=HOST,
        CAUNOI_SMTP_PORT=str(smtp_port),
        CAUNOI_SMTP_SECURITY="none",
        CAUNOI_MAIL_FROM=MAIL_FROM,
        CAUNOI_BASE_URL="https://hoidap.thanhhoa.example.gov.vn",
    )
    return env


def start(args: list[str], env: dict[str, str] | None, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(log: Path, text: str, processes: list[subprocess.Popen[bytes]], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
            raise SystemExit(f"{log.name} never said {text!r}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=grace)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def arrivals(path: Path) -> list[tuple[float, str]]:
    if not path.exists():
        return []
    rows = []
    for line in path.read_bytes().splitlines():
        at, _, message_id = line.partition(b" ")
        rows.append((float(at), message_id.decode()))
    return rows


@dataclass
class Run:
    started: float
    arrived: list[tuple[float, str]]
    worker_cpu_s: float
    worker_peak_mb: list[float]


def drain(expected: int, env: dict[str, str], workdir: Path) -> Run:
    """Workers and scheduler against the sink until ``expected`` messages arrived or none came for a while."""
    sink_file, smtp_port = workdir / "sink.txt", int(env["CAUNOI_SMTP_PORT"])
    sink = start([sys.executable, __file__, "--sink", str(smtp_port), str(sink_file)], None, workdir / "sink.log")
    workers: list[subprocess.Popen[bytes]] = []
    scheduler = None
    try:
        deadline = time.monotonic() + 15
        while socket.socket().connect_ex((HOST, smtp_port)) != 0:
            if time.monotonic() > deadline or sink.poll() is not None:
                raise SystemExit("the SMTP sink did not start")
            time.sleep(0.1)
        for n in range(WORKERS):
            log = workdir / f"worker-{n}.log"
            workers.append(start([str(CAUNOI), "worker"], env, log))
            wait_for(log, "worker:", workers)
        time.sleep(1)  # the workers' consumers are polling Redis
        started = time.time()
        cpu_before = sum(cpu_seconds(w.pid) for w in workers)
        scheduler = start([str(CAUNOI), "scheduler"], env, workdir / "scheduler.log")
        count, last_change, reported = 0, time.monotonic(), time.monotonic()
        while count < expected and time.monotonic() - last_change < QUIET_S:
            time.sleep(0.5)
            if any(w.poll() is not None for w in workers):
                raise SystemExit("a worker died; see " + str(workdir))
            now_count = sum(1 for _ in sink_file.open("rb")) if sink_file.exists() else 0
            if now_count != count:
                count, last_change = now_count, time.monotonic()
            if time.monotonic() - reported >= 10:
                print(f"  {count:,} emails arrived ({time.time() - started:.0f} s)", flush=True)
                reported = time.monotonic()
        time.sleep(3)  # anything sent twice would have arrived by now
        cpu = sum(cpu_seconds(w.pid) for w in workers) - cpu_before
        peaks = [peak_rss_mb(w.pid) for w in workers]
    finally:
        for process in [*workers, *([scheduler] if scheduler else []), sink]:
            stop(process)
    return Run(started, arrivals(sink_file), cpu, peaks)


async def expected_ids() -> tuple[set[str], Counter[str], int]:
    """The Message-ID of every email delivery, the deliveries by status, the notifications still pending."""
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        ids = {f"delivery-{r['id']}@{DOMAIN}" for r in await connection.fetch("SELECT id FROM delivery")}
        statuses = Counter(
            {
                r["status"]: r["n"]
                for r in await connection.fetch("SELECT status, count(*) AS n FROM delivery GROUP BY 1")
            }
        )
        pending = await connection.fetchval("SELECT count(*) FROM notification WHERE status = 'pending'")
        return ids, statuses, pending
    finally:
        await connection.close()


def percentile_time(times: list[float], share: float) -> float:
    return times[min(len(times) - 1, int(share * len(times)))]


def report(notifications: int, run: Run) -> bool:
    ids, statuses, pending = asyncio.run(expected_ids())
    seen = Counter(message_id for _, message_id in run.arrived)
    lost = ids - seen.keys()
    duplicated = sum(n - 1 for n in seen.values() if n > 1)
    strangers = seen.keys() - ids
    times = sorted(at for at, _ in run.arrived)
    print()
    print(f"notifications pending at the start: {notifications:,}; still pending: {pending:,}")
    print(f"deliveries: {sum(statuses.values()):,} ({', '.join(f'{s} {n:,}' for s, n in sorted(statuses.items()))})")
    print(f"emails at the sink: {len(run.arrived):,}, distinct Message-IDs {len(seen):,}")
    print(f"lost: {len(lost):,}   duplicated: {duplicated:,}   not ours: {len(strangers):,}")
    if times:
        total = times[-1] - run.started
        per_s = len(times) / total
        low, high = percentile_time(times, 0.1), percentile_time(times, 0.9)
        steady = 0.8 * len(times) / (high - low) if high > low else float("nan")
        verdict = "met" if per_s >= TARGET_PER_S else "MISSED"
        print(f"first email after {times[0] - run.started:.1f} s, last after {total:.1f} s")
        print(f"end to end: {per_s:.0f} emails/s (target {TARGET_PER_S:.0f}: {verdict}); steady: {steady:.0f}/s")
        print(
            f"workers: {1000 * run.worker_cpu_s / len(times):.2f} ms CPU per email, "
            f"peak memory {' and '.join(f'{mb:.0f} MB' for mb in run.worker_peak_mb)}"
        )
    return not lost and not duplicated and not strangers and pending == 0 and statuses.keys() <= {"sent"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=25_000, help="tickets, four notifications each")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--sink", nargs=2, metavar=("PORT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        run_sink(int(args.sink[0]), Path(args.sink[1]))
        return 0
    print(f"database {DATABASE_URL}")
    recreate_database(DATABASE_URL)
    try:
        upgrade(DATABASE_URL)
        started = time.perf_counter()
        notifications = asyncio.run(load(args.count))
        print(f"{notifications:,} pending notifications written in {time.perf_counter() - started:.0f} s")
        flush_redis()
        with tempfile.TemporaryDirectory(prefix="caunoi-bench-notify-") as workdir:
            env = caunoi_env(Path(workdir), free_port())
            run = drain(notifications, env, Path(workdir))
            ok = report(notifications, run)
    finally:
        if not args.keep:
            drop_database(DATABASE_URL)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
