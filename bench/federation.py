"""Federation speed: a backlog of forwards drained against emails, and signed callbacks applied, on PostgreSQL.

The targets (from issue 15): a backlog of 10,000 forwards drains at least as fast as the same
number of emails through the delivery pipeline, and a signed callback is applied in under 50 ms
at the 95th percentile.

What it does, start to finish:

1. drops and recreates two databases of its own, the origin's (``caunoi_bench_federation``, or
   ``CAUNOI_BENCH_FEDERATION_URL``) and the receiving peer's (the same name with ``_peer``; never
   ``test``), migrates both and loads the demo province's reference data into both; each gives
   the other an Open311 app;
2. writes 20,000 questions in triage at the origin, each with a citizen's email, in one
   ``INSERT … SELECT FROM generate_series``;
3. empties Redis database 12 and starts both portals with ``caunoi run --workers 2`` in
   production mode (no worker and no scheduler beside them: this script is the origin's only
   sender, and the peer's callbacks stay in its outbox), an aiosmtpd sink and a minimal
   loopback Open311 server (both in processes of their own: this script with ``--sink`` and
   ``--loopback``); each portal registers the other with ``caunoi peer add … --app-id``, as
   ``tests/feedback/test_federation.py`` connects two portals, and the origin registers the
   loopback server as a plain Open311 peer;
4. forwards 10,000 questions to the Cầu Nối peer with ``feedback.federation.forwarding.forward``
   (500 to a transaction), then times ``sender.send_due`` called in a loop until nothing is left:
   messages/s, and the peer's CPU per forward. Every message must be sent and every forward be
   at the peer with its reference there;
5. expands the 10,000 "forwarded" notifications the forwards left for their citizens (untimed),
   then times ``notify.delivery.deliver_due`` in a loop until nothing is left, into the SMTP sink:
   emails/s. Every delivery must be sent and the sink must have them all;
6. forwards the other 10,000 questions to the loopback server, which answers
   ``[{"service_request_id": …}]`` at once, and times their drain the same way: this shows the
   sender's own rate, apart from the work of a real peer filing 10,000 questions;
7. starts the callbacks: signed as a Cầu Nối peer signs them (``signing.signed_headers``), each
   with a new ``update_id``, kind ``progress``, about a forward at the peer, POSTed to the
   origin's ``/open311/v2/peer-updates.json``: 50 untimed, then 1,000 one at a time on a kept-alive
   connection, 1,000 from 4 connections at once and 1,000 from 16; prints p50, p95 and max of
   each, the rate and the origin's CPU per callback, and checks that each was answered 200 and
   left one event. From several connections at once the latency includes the wait for one of the
   two web processes, on a machine whose two cores also run PostgreSQL and this script.

Both drains and both kinds of message run in this one process on one event loop, one batch
after another, as a worker runs them. Run it with ``make bench-federation`` or
``.venv/bin/python bench/federation.py`` (``--count`` for fewer forwards, ``--keep`` to keep the
databases). It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth) and Redis on
127.0.0.1:6379. The exit status is 1 when a check fails; a missed target is only reported
(MISSED), since it depends on the machine.
"""

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import redis
from sqlalchemy.engine import make_url

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
from bench_db import asyncpg_dsn, drop_database, recreate_database
from feedback.demo import load_reference_data
from feedback.demo_qa import DEMO_ANSWERS
from feedback.federation import forwarding, sender
from feedback.federation.signing import signed_headers
from feedback.migrations import upgrade
from feedback.open311.keys import add_client
from feedback.outbox import expand_pending
from intake import free_port, group_cpu_seconds, running_server, stop_process_group, wait_until_idle
from notify.db import Database, utcnow
from notify.delivery import deliver_due
from notify.settings import NotifySettings
from timings import Figures

ROOT = Path(__file__).resolve().parents[1]
CAUNOI = Path(sys.executable).with_name("caunoi")
DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_FEDERATION_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_federation"
)
PEER_DATABASE_URL = (
    make_url(DATABASE_URL).set(database=f"{make_url(DATABASE_URL).database}_peer").render_as_string(hide_password=False)
)
REDIS_URL = "redis://127.0.0.1:6379/12"
HOST = "127.0.0.1"
SECRET = "bench-federation-shared-secret-2026"
SERVICE = "giay-phep-xay-dung"
"""A category of the demo province: the service every forward asks the peer for."""
MAIL_FROM = "Cổng hỏi đáp tỉnh Thanh Hóa <hoidap@thanhhoa.example.gov.vn>"
FORWARD_BATCH = 500
WARM_CALLBACKS = 50
CALLBACK_PHASES = ((1, 1_000), (4, 1_000), (16, 1_000))
"""Connections at once, and callbacks sent from them."""
TARGET_RATIO = 1.0
TARGET_CALLBACK_P95_MS = 50.0


# --- The SMTP sink and the loopback Open311 server (each in its own process) ----------------------


class Sink:
    """Accepts every message; appends a line per message to a file (the count is what matters)."""

    def __init__(self, path: Path) -> None:
        self.out = path.open("ab", buffering=0)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.out.write(b"%.6f\n" % time.time())
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


def run_loopback(port: int) -> None:
    """The least an Open311 server can do: list one service, and take every request at once."""
    import uvicorn

    services = json.dumps([{"service_code": SERVICE, "service_name": "Cấp phép xây dựng", "group": "Xây dựng"}])
    taken = 0

    async def app(scope, receive, send) -> None:
        nonlocal taken
        if scope["type"] != "http":
            return
        more = True
        while more:  # the form body, read and dropped
            message = await receive()
            more = message.get("more_body", False)
        if scope["method"] == "POST" and scope["path"] == "/open311/v2/requests.json":
            taken += 1
            status, body = 200, json.dumps([{"service_request_id": f"LB-{os.getpid()}-{taken}"}])
        elif scope["path"] == "/open311/v2/services.json":
            status, body = 200, services
        else:
            status, body = 404, "[]"
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
        )
        await send({"type": "http.response.body", "body": body.encode()})

    uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False)


# --- Loading --------------------------------------------------------------------------------------

INSERT_TICKETS = """
INSERT INTO ticket (
    reference, year, number, token_hash, category_id, status, priority, channel, language, title, body,
    citizen_name, citizen_email, publish_consent, show_name, search_text, created_at, updated_at
)
SELECT '2026-' || i, 2026, i, encode(sha256(convert_to('bench-federation-' || i, 'UTF8')), 'hex'),
       ($2::int[])[1 + i % cardinality($2::int[])], 'triage', 'normal', 'web', 'vi',
       ($3::text[])[1 + i % cardinality($3::text[])],
       ($4::text[])[1 + i % cardinality($4::text[])],
       'Nguyễn Thị Hương', 'nguoi.hoi.' || i || '@example.vn', true, false, '',
       $5::timestamptz, $5::timestamptz
FROM generate_series(1, $1::int) AS g(i)
"""


async def prepare(url: str, app_name: str) -> tuple[int, str]:
    """Reference data, and the Open311 app the other portal files and calls back with: its id and key."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            await load_reference_data(session)
            app, key = await add_client(session, app_name)
            return app.id, key
    finally:
        await database.dispose()


async def load_tickets(count: int) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        categories = [r["id"] for r in await connection.fetch("SELECT id FROM category WHERE active ORDER BY id")]
        await connection.execute(
            INSERT_TICKETS,
            count,
            categories,
            [a.title for a in DEMO_ANSWERS],
            [a.question for a in DEMO_ANSWERS],
            datetime.now(UTC),
        )
        await connection.execute("VACUUM (ANALYZE)")
    finally:
        await connection.close()


def flush_redis() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()


def caunoi_env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAUNOI_")}
    env.update(
        CAUNOI_ENVIRONMENT="production",
        CAUNOI_DATABASE_URL=database_url,
        CAUNOI_REDIS_URL=REDIS_URL,
        CAUNOI_RATE_LIMIT="100000000",
        CAUNOI_OPEN311_RATE_LIMIT="100000000",
        CAUNOI_DATA_DIR=str(data_dir),
        CAUNOI_SECRET_KEY=secrets.token_urlsafe(36),
    )
    return env


def peer_add(env: dict[str, str], name: str, root: str, key: str, app_id: int | None) -> int:
    """``caunoi peer add``, as an administrator registers a peer; its id (the peer's services must have been read)."""
    args = [str(CAUNOI), "peer", "add", "--name", name, "--url", root, "--key", key, "--secret", SECRET]
    args += ["--app-id", str(app_id)] if app_id is not None else []
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or SERVICE not in done.stdout:
        raise SystemExit(f"caunoi peer add {name}:\n{done.stdout}\n{done.stderr}")
    return int(re.search(r"registered peer #(\d+)", done.stdout).group(1))


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 15
    while True:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"{what} did not start")
        time.sleep(0.1)


# --- The drains -----------------------------------------------------------------------------------


async def forward_all(peer_id: int, first: int, count: int) -> float:
    """Forward tickets ``first`` to ``first + count - 1`` to the peer through the service, as staff do; the seconds it took.

    The service is called once per question (not written in bulk): about 2 ms each here, so a
    10,000-question backlog takes some 20 s to write, and it is exactly what staff leave behind.
    """
    database = Database(DATABASE_URL)
    started = time.perf_counter()
    try:
        for low in range(first, first + count, FORWARD_BATCH):
            async with database.transaction() as session:
                for ticket_id in range(low, min(low + FORWARD_BATCH, first + count)):
                    await forwarding.forward(
                        session,
                        ticket_id,
                        peer_id=peer_id,
                        service_code=SERVICE,
                        reason="Thuộc thẩm quyền cấp phép của Sở Xây dựng",
                        actor_id=None,
                        now=utcnow(),
                    )
    finally:
        await database.dispose()
    return time.perf_counter() - started


async def drain_forwards() -> tuple[int, float]:
    """``send_due`` in a loop until nothing is due: messages handled and seconds."""
    database = Database(DATABASE_URL)
    handled = 0
    try:
        async with sender.peer_client() as client:
            started = time.perf_counter()
            while batch := await sender.send_due(database, client):
                handled += batch
            return handled, time.perf_counter() - started
    finally:
        await database.dispose()


async def expand_all() -> None:
    database = Database(DATABASE_URL)
    try:
        while True:
            async with database.transaction() as session:
                if not await expand_pending(session, now=utcnow(), base_url="https://hoidap.thanhhoa.example.gov.vn"):
                    return
    finally:
        await database.dispose()


async def drain_emails(smtp_port: int, outbox: Path) -> tuple[int, float]:
    """``deliver_due`` in a loop until nothing is due: deliveries handled and seconds."""
    settings = NotifySettings(smtp_host=HOST, smtp_port=smtp_port, smtp_security="none", mail_from=MAIL_FROM)
    database = Database(DATABASE_URL)
    handled = 0
    try:
        started = time.perf_counter()
        while batch := await deliver_due(database, settings, outbox=outbox, status_callback=None):
            handled += batch
        return handled, time.perf_counter() - started
    finally:
        await database.dispose()


async def sql(query: str, *args: object) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        return await connection.fetch(query, *args)
    finally:
        await connection.close()


def counts(query: str, *args: object) -> dict[str, int]:
    return {r[0]: r[1] for r in asyncio.run(sql(query, *args))}


def check_forwards(peer_id: int, expected: int) -> list[str]:
    problems = []
    messages = counts(
        "SELECT m.status, count(*) FROM peer_message m WHERE m.peer_id = $1 AND m.kind = 'forward' GROUP BY 1", peer_id
    )
    forwards = counts(
        "SELECT f.status || CASE WHEN f.their_id IS NULL THEN ' without their id' ELSE '' END, count(*)"
        " FROM peer_forward f WHERE f.peer_id = $1 GROUP BY 1",
        peer_id,
    )
    if messages != {"sent": expected}:
        problems.append(f"forward messages: {messages}, expected {expected:,} sent")
    if forwards != {"at_peer": expected}:
        problems.append(f"forwards: {forwards}, expected {expected:,} at the peer with their id")
    return problems


def rate_line(what: str, handled: int, seconds: float) -> str:
    return f"{what}: {handled:,} in {seconds:.1f} s, {handled / seconds:.0f}/s"


# --- The callbacks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    connections: int
    figures: Figures
    per_s: float
    cpu_ms: float
    """The origin's CPU time (both web processes) per callback."""

    def line(self) -> str:
        return (
            f"{self.connections:>2} at once: {self.figures.line()}; {self.per_s:.0f}/s, "
            f"origin CPU {self.cpu_ms:.1f} ms each"
        )


def callback(key: str, their_id: str, n: int) -> tuple[bytes, dict[str, str]]:
    """A progress update, signed now as a Cầu Nối peer signs the callbacks it sends."""
    body = json.dumps(
        {
            "update_id": uuid.uuid4().hex,
            "kind": "progress",
            "service_request_id": their_id,
            "notes": f"Sở Xây dựng đang lấy ý kiến các phòng chuyên môn (lần {n}).",
        },
        ensure_ascii=False,
    ).encode()
    return body, signed_headers(key=key, secret=SECRET, body=body, now=utcnow())


async def post_callbacks(url: str, key: str, their_ids: list[str], connections: int) -> list[float]:
    """POST one callback about each forward, ``connections`` at a time; the milliseconds each took (each must be 200)."""
    waiting = iter(enumerate(their_ids))
    ms: list[float] = []
    refused: list[str] = []
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def lane() -> None:
            for n, their_id in waiting:
                body, headers = callback(key, their_id, n)
                started = time.perf_counter()
                response = await client.post(url, content=body, headers=headers)
                ms.append(1000 * (time.perf_counter() - started))
                if response.status_code != 200:
                    refused.append(f"{response.status_code} {response.text[:200]}")

        await asyncio.gather(*(lane() for _ in range(connections)))
    if refused:
        raise SystemExit(f"{len(refused)} callbacks refused, e.g. {refused[0]}")
    return ms


def measure_callbacks(origin_url: str, pgid: int, key: str, peer_id: int) -> tuple[list[Phase], list[str]]:
    """The untimed warm-up, then each of :data:`CALLBACK_PHASES`, each callback about a forward of its own."""
    wanted = WARM_CALLBACKS + sum(count for _, count in CALLBACK_PHASES)
    their_ids = [
        r["their_id"]
        for r in asyncio.run(
            sql(
                "SELECT their_id FROM peer_forward WHERE peer_id = $1 AND status = 'at_peer' ORDER BY id LIMIT $2",
                peer_id,
                wanted,
            )
        )
    ]
    if len(their_ids) < wanted:
        raise SystemExit(f"only {len(their_ids)} forwards at the peer; the callbacks need {wanted} (raise --count)")
    url = f"{origin_url}/open311/v2/peer-updates.json"
    events_before = counts("SELECT 'n', count(*) FROM ticket_event WHERE kind = 'ticket:peer_update'").get("n", 0)
    asyncio.run(post_callbacks(url, key, their_ids[:WARM_CALLBACKS], 1))
    phases, taken = [], WARM_CALLBACKS
    for connections, count in CALLBACK_PHASES:
        wait_until_idle(pgid)
        cpu_before, started = group_cpu_seconds(pgid), time.perf_counter()
        ms = asyncio.run(post_callbacks(url, key, their_ids[taken : taken + count], connections))
        seconds = time.perf_counter() - started
        phase = Phase(connections, Figures(ms), count / seconds, 1000 * (group_cpu_seconds(pgid) - cpu_before) / count)
        print(f"  {phase.line()}", flush=True)
        phases.append(phase)
        taken += count
    events = counts("SELECT 'n', count(*) FROM ticket_event WHERE kind = 'ticket:peer_update'").get("n", 0)
    problems = [] if events - events_before == wanted else [f"{events - events_before} update events for {wanted}"]
    return phases, problems


# --- Running --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="forwards (and emails) in each backlog")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--sink", nargs=2, metavar=("PORT", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--loopback", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        run_sink(int(args.sink[0]), Path(args.sink[1]))
        return 0
    if args.loopback:
        run_loopback(args.loopback)
        return 0
    count = args.count
    print(f"origin {DATABASE_URL}\npeer   {PEER_DATABASE_URL}")
    recreate_database(DATABASE_URL)
    recreate_database(PEER_DATABASE_URL)
    problems: list[str] = []
    try:
        upgrade(DATABASE_URL)
        upgrade(PEER_DATABASE_URL)
        origin_app, peer_key_at_origin = asyncio.run(prepare(DATABASE_URL, "Cổng TTĐT Bộ Xây dựng"))
        peer_app, origin_key_at_peer = asyncio.run(prepare(PEER_DATABASE_URL, "Cổng TTĐT tỉnh Thanh Hóa"))
        asyncio.run(load_tickets(2 * count))
        print(f"{2 * count:,} questions in triage at the origin", flush=True)
        flush_redis()
        with tempfile.TemporaryDirectory(prefix="caunoi-bench-federation-") as workdir, ExitStack() as running:
            work = Path(workdir)
            smtp_port, loopback_port = free_port(), free_port()
            sink_file = work / "sink.txt"
            helpers = [
                start([sys.executable, __file__, "--sink", str(smtp_port), str(sink_file)], work / "sink.log"),
                start([sys.executable, __file__, "--loopback", str(loopback_port)], work / "loopback.log"),
            ]
            for process in helpers:
                running.callback(stop_process_group, process)
            wait_for_port(smtp_port, helpers[0], "the SMTP sink")
            wait_for_port(loopback_port, helpers[1], "the loopback Open311 server")
            origin_env = caunoi_env(DATABASE_URL, work / "origin")
            peer_env = caunoi_env(PEER_DATABASE_URL, work / "peer")
            peer_url, peer_pgid = running.enter_context(running_server(peer_env, free_port(), work / "peer.log"))
            origin_url, origin_pgid = running.enter_context(
                running_server(origin_env, free_port(), work / "origin.log")
            )
            peer_id = peer_add(
                origin_env, "Cổng TTĐT Bộ Xây dựng", f"{peer_url}/open311/v2", origin_key_at_peer, origin_app
            )
            peer_add(peer_env, "Cổng TTĐT tỉnh Thanh Hóa", f"{origin_url}/open311/v2", peer_key_at_origin, peer_app)
            loopback_id = peer_add(
                origin_env, "Loopback Open311", f"http://{HOST}:{loopback_port}/open311/v2", "k" * 24, None
            )
            print(f"portals: origin {origin_url}, peer {peer_url} (caunoi run --workers 2 each, production mode)")
            print(f"load average before: {', '.join(f'{v:.2f}' for v in os.getloadavg())}\n", flush=True)

            seconds = asyncio.run(forward_all(peer_id, 1, count))
            print(f"{count:,} forwards to the Cầu Nối peer written in {seconds:.0f} s", flush=True)
            wait_until_idle(peer_pgid)
            cpu_before = group_cpu_seconds(peer_pgid)
            to_peer = asyncio.run(drain_forwards())
            peer_cpu_ms = 1000 * (group_cpu_seconds(peer_pgid) - cpu_before) / max(to_peer[0], 1)
            print(rate_line("  forwards to the Cầu Nối peer", *to_peer), flush=True)
            problems += check_forwards(peer_id, count)

            asyncio.run(expand_all())
            deliveries = counts("SELECT status, count(*) FROM delivery GROUP BY 1")
            print(f"{deliveries.get('pending', 0):,} emails pending (the citizens hear their question was forwarded)")
            emails = asyncio.run(drain_emails(smtp_port, work / "outbox"))
            print(rate_line("  emails", *emails), flush=True)
            deliveries = counts("SELECT status, count(*) FROM delivery GROUP BY 1")
            time.sleep(1)  # the sink has written every message it accepted
            at_sink = sum(1 for _ in sink_file.open("rb")) if sink_file.exists() else 0
            if deliveries != {"sent": count} or at_sink != count:
                problems.append(f"deliveries {deliveries}, {at_sink:,} at the sink; expected {count:,} sent")

            seconds = asyncio.run(forward_all(loopback_id, count + 1, count))
            print(f"{count:,} forwards to the loopback server written in {seconds:.0f} s", flush=True)
            to_loopback = asyncio.run(drain_forwards())
            print(rate_line("  forwards to the loopback server", *to_loopback), flush=True)
            problems += check_forwards(loopback_id, count)

            print(f"\nsigned callbacks to {origin_url}/open311/v2/peer-updates.json", flush=True)
            phases, found = measure_callbacks(origin_url, origin_pgid, peer_key_at_origin, peer_id)
            problems += found
        report(count, to_peer, to_loopback, emails, peer_cpu_ms, phases, problems)
    finally:
        flush_redis()
        if not args.keep:
            drop_database(DATABASE_URL)
            drop_database(PEER_DATABASE_URL)
    return 1 if problems else 0


def report(
    count: int,
    to_peer: tuple[int, float],
    to_loopback: tuple[int, float],
    emails: tuple[int, float],
    peer_cpu_ms: float,
    phases: list[Phase],
    problems: list[str],
) -> None:
    email_rate = emails[0] / emails[1]
    print(f"\n{count:,} of each, drained by one process (send_due / deliver_due in a loop):")
    print(f"{'emails (deliver_due, aiosmtpd sink)':<44} {email_rate:>7.0f}/s")
    for what, (handled, seconds) in (
        ("forwards to a Cầu Nối peer (send_due)", to_peer),
        ("forwards to a loopback server (send_due)", to_loopback),
    ):
        rate = handled / seconds
        verdict = "met" if rate >= TARGET_RATIO * email_rate else "MISSED"
        print(
            f"{what:<44} {rate:>7.0f}/s  {rate / email_rate:.2f} × the emails' rate (target {TARGET_RATIO:.1f}: {verdict})"
        )
    print(f"the Cầu Nối peer used {peer_cpu_ms:.1f} ms of CPU per forward it took")
    print(f"\nsigned callbacks applied (target p95 under {TARGET_CALLBACK_P95_MS:.0f} ms):")
    for phase in phases:
        verdict = "met" if phase.figures.p95 < TARGET_CALLBACK_P95_MS else "MISSED"
        print(f"  {phase.line()}: {verdict}")
    for problem in problems:
        print(f"CHECK FAILED: {problem}")


if __name__ == "__main__":
    sys.exit(main())
