"""Open311 speed: ``GET requests.json`` with each filter over 1,000,000 tickets, and ``POST requests.json``
against ``POST /api/v1/questions``, on PostgreSQL.

The targets (from the issue): each filter of ``GET /open311/v2/requests.json`` answers with a p95
under 50 ms over 1,000,000 tickets, and ``POST /open311/v2/requests.json`` files at least 0.8 times
as many questions per second as ``POST /api/v1/questions`` measured in the same run.

What it does, start to finish:

1. drops and recreates its own database (``caunoi_bench_open311``, or ``CAUNOI_BENCH_OPEN311_URL``;
   never ``test``), migrates it, loads the demo province's reference data and registers a client
   app;
2. writes 1,000,000 questions in one ``INSERT … SELECT FROM generate_series``, their arrival spread
   over two years (about 120,000 in the last 90 days): the categories skewed as real traffic is,
   each in its default department (the ones without one in triage); by age, open (assigned, in
   progress, triage, awaiting approval or the citizen), answered, closed or rejected (3 to 5 %);
   half of the citizens allowing publication and their answered questions published; 60 % from
   the portal, 30 % from the API and 10 % from the app, with a point; 70 % with a commune. Every
   rejected one gets its rejection event (the view reads its reason). Then ``VACUUM (ANALYZE)``;
3. empties its Redis database and starts ``caunoi run --workers 2`` in production mode (PostgreSQL
   and Redis, limits raised out of the way), as ``bench/intake.py`` does;
4. times ``GET /open311/v2/requests.json`` over HTTP, one request at a time on a kept-alive
   connection, ``--repeats`` times after one untimed run for each filter: none (the last 90 days),
   ``service_code``, ``status=open``, ``status=closed``, a ``start_date`` and ``end_date`` a year
   back, a ``service_request_id`` list of 50, and none with the app's key (the owner's view);
   prints p50, p95, max and the records returned;
5. drives both POSTs with ``wrk`` at the same concurrency (16 connections), one after the other
   and twice each (``api``, ``open311``, ``api``, ``open311``) so that drift cannot favour either:
   JSON questions to the API, form-encoded requests with the app's key to Open311, the same
   Vietnamese text, categories and phone number; prints requests/s, latency and server CPU per
   request of each phase, checks that each 201 left a ticket of its channel, and prints both
   rates and their ratio.

Run it with ``make bench-open311`` or ``.venv/bin/python bench/open311.py`` (``--keep`` keeps the
database, ``--reuse`` measures a kept one again without loading, ``--no-post`` skips step 5).
It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth), Redis on 127.0.0.1:6379
(database 14, or ``CAUNOI_BENCH_OPEN311_REDIS_URL``) and ``wrk`` (``apt-get install wrk``). The
load takes about a minute. The exit status is 1 when a row check fails; a missed target is
reported (MISSED), since it depends on the machine.
"""

import argparse
import asyncio
import json
import os
import secrets
import shutil
import string
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import httpx
import redis

import bench_path  # noqa: F401  (first: the notify package, not bench/notify.py)
from bench_db import asyncpg_dsn, keep_or_reuse, own_database, vacuum
from feedback.demo import load_reference_data
from feedback.open311.keys import add_client
from intake import LoadResult, free_port, group_cpu_seconds, parse_wrk, running_server, wait_until_idle
from notify.db import Database
from timings import Figures

DATABASE_URL = os.environ.get(
    "CAUNOI_BENCH_OPEN311_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/caunoi_bench_open311"
)
REDIS_URL = os.environ.get("CAUNOI_BENCH_OPEN311_REDIS_URL", "redis://127.0.0.1:6379/14")
TICKETS = 1_000_000
FIRST_NUMBER = 1_000_001
"""Seeded questions are numbered from here, clear of the ones the POSTs get from the year's sequence."""
APP_KEY = "bench-open311-" + "k" * 26
TARGET_GET_P95_MS = 50.0
TARGET_POST_RATIO = 0.8
CONNECTIONS = 16

INSERT_TICKETS = """
WITH g AS (
    SELECT i,
           $1::timestamptz - make_interval(secs => i::float8 / $2 * 730 * 86400) AS created,
           random() AS r1, random() AS r2, random() AS r3, random() AS r4
    FROM generate_series(1, $2::int) AS s(i)
), c AS (
    SELECT g.*,
           1 + floor(cardinality($3::int[]) * r3 * r3)::int AS pick,  -- a few categories get most questions
           $1::timestamptz - created AS age
    FROM g
), s AS (
    SELECT c.*,
           ($3::int[])[pick] AS category_id,
           ($4::int[])[pick] AS department_id,
           CASE
               WHEN age < interval '14 days' THEN CASE
                   WHEN r1 < 0.05 THEN 'rejected' WHEN r1 < 0.35 THEN 'answered' WHEN r1 < 0.60 THEN 'assigned'
                   WHEN r1 < 0.85 THEN 'in_progress' WHEN r1 < 0.92 THEN 'pending_approval' ELSE 'awaiting_citizen'
               END
               WHEN age < interval '60 days' THEN CASE
                   WHEN r1 < 0.04 THEN 'rejected' WHEN r1 < 0.80 THEN 'answered' WHEN r1 < 0.88 THEN 'closed'
                   ELSE 'in_progress'
               END
               ELSE CASE
                   WHEN r1 < 0.03 THEN 'rejected' WHEN r1 < 0.50 THEN 'answered' WHEN r1 < 0.995 THEN 'closed'
                   ELSE 'in_progress'
               END
           END AS planned
    FROM c
), t AS (
    SELECT s.*,
           CASE WHEN department_id IS NULL AND planned NOT IN ('rejected') THEN 'triage' ELSE planned END AS status,
           planned IN ('answered', 'closed') AND department_id IS NOT NULL AS answered,
           least(created + make_interval(secs => (1 + r4 * 19) * 86400), $1::timestamptz) AS answer_at,
           r2 < 0.5 AS consent,
           CASE WHEN r4 < 0.6 THEN 'web' WHEN r4 < 0.9 THEN 'api' ELSE 'open311' END AS channel
    FROM s
)
INSERT INTO ticket (
    reference, year, number, token_hash, category_id, department_id, status, priority, channel, language,
    title, body, area_id, citizen_name, citizen_phone, latitude, longitude, client_id, client_data,
    publish_consent, show_name, search_text, created_at, updated_at, routed_at, assigned_at, answer_due_at,
    answered_at, answer_text, published_at
)
SELECT extract(year FROM created AT TIME ZONE 'Asia/Ho_Chi_Minh')::int || '-' || ($7::int + i),
       extract(year FROM created AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, $7::int + i,
       md5(i::text) || md5((-i)::text), category_id, department_id, status, 'normal', channel, 'vi',
       'Hỏi về thủ tục hành chính số ' || i,
       'Kính gửi quý cơ quan, gia đình tôi đã nộp hồ sơ từ tháng trước nhưng chưa nhận được kết quả. '
           || 'Xin hỏi thời hạn giải quyết là bao lâu và tôi cần bổ sung giấy tờ gì? (câu hỏi số ' || i || ')',
       CASE WHEN r2 < 0.7 THEN ($5::int[])[1 + (i % cardinality($5::int[]))] END,
       'Nguyễn Thị Hương', '+84912345678',
       CASE WHEN channel = 'open311' THEN 19.80 + r3 / 10 END, CASE WHEN channel = 'open311' THEN 105.70 + r4 / 10 END,
       CASE WHEN channel = 'open311' THEN $6::int END,
       CASE WHEN channel = 'open311' THEN json_build_object('device_id', 'device-' || i % 5000) END,
       consent, false, 'hoi ve thu tuc hanh chinh so ' || i,
       created, CASE WHEN answered THEN answer_at ELSE created END,
       CASE WHEN department_id IS NOT NULL THEN created END, CASE WHEN department_id IS NOT NULL THEN created END,
       CASE WHEN department_id IS NOT NULL THEN created + interval '14 days' END,
       CASE WHEN answered THEN answer_at END,
       CASE WHEN answered THEN 'Về vấn đề này, Sở trả lời như sau: thời hạn giải quyết là 30 ngày (câu hỏi số '
           || i || ').' END,
       CASE WHEN answered AND consent THEN answer_at END
FROM t
"""

INSERT_REJECTIONS = """
INSERT INTO ticket_event (ticket_id, kind, public, data, at)
SELECT id, 'ticket:rejected', true,
       json_build_object('reason', 'out_of_scope', 'explanation', 'Đề nghị liên hệ UBND xã nơi có đất.'), updated_at
FROM ticket WHERE status = 'rejected'
"""


async def load(now: datetime) -> None:
    database = Database(DATABASE_URL)
    async with database.transaction() as session:
        await load_reference_data(session)
        app, _ = await add_client(session, "Ứng dụng bench", key=APP_KEY)
        client_id = app.id
    await database.dispose()
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        categories = await connection.fetch(
            "SELECT id, default_department_id FROM category WHERE active ORDER BY position"
        )
        areas = [r["id"] for r in await connection.fetch("SELECT id FROM area ORDER BY id")]
        started = time.perf_counter()
        await connection.execute("SELECT setseed(0.311)")
        await connection.execute(
            INSERT_TICKETS,
            now,
            TICKETS,
            [r["id"] for r in categories],
            [r["default_department_id"] for r in categories],
            areas,
            client_id,
            FIRST_NUMBER - 1,
        )
        await connection.execute(INSERT_REJECTIONS)
        print(f"  {TICKETS:,} questions written in {time.perf_counter() - started:.0f} s", flush=True)
        await vacuum(connection, "ticket", "ticket_event")
        stats = await connection.fetchrow(
            "SELECT count(*) FILTER (WHERE status NOT IN ('answered', 'closed', 'rejected')) AS open,"
            " count(*) FILTER (WHERE status = 'rejected') AS rejected,"
            " count(*) FILTER (WHERE published_at IS NOT NULL) AS published,"
            " count(*) FILTER (WHERE created_at > $1::timestamptz - interval '90 days') AS recent,"
            " pg_size_pretty(pg_total_relation_size('ticket')) AS size FROM ticket",
            now,
        )
        print(
            f"  open {stats['open']:,}, rejected {stats['rejected']:,}, published {stats['published']:,},"
            f" in the last 90 days {stats['recent']:,}; table with indexes {stats['size']}"
        )
    finally:
        await connection.close()


async def filters(now: datetime) -> dict[str, str]:
    """Each filter's query string: the service is a mid-popularity one, the ids 50 spread over the table."""
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        code = await connection.fetchval(
            "SELECT c.code FROM category c JOIN ticket t ON t.category_id = c.id"
            " WHERE t.created_at > $1::timestamptz - interval '90 days'"
            " GROUP BY c.code ORDER BY count(*) DESC OFFSET 3 LIMIT 1",
            now,
        )
        references = [
            r["reference"]
            for r in await connection.fetch(
                "SELECT reference FROM ticket WHERE number % 20000 = 7 ORDER BY number LIMIT 50"
            )
        ]
    finally:
        await connection.close()
    year_ago = now - timedelta(days=365)
    return {
        "none (the last 90 days)": "",
        f"service_code={code}": urlencode({"service_code": code}),
        "status=open": "status=open",
        "status=closed": "status=closed",
        "start_date + end_date (30 days, a year ago)": urlencode(
            {"start_date": (year_ago - timedelta(days=30)).isoformat(), "end_date": year_ago.isoformat()}
        ),
        "service_request_id, 50 ids": urlencode({"service_request_id": ",".join(references)}),
        "none, with the app's key": urlencode({"api_key": APP_KEY}),
    }


def measure_gets(base_url: str, repeats: int, queries: dict[str, str]) -> bool:
    """Each filter ``repeats`` times after one untimed run, one request at a time on a kept-alive connection."""
    ok = True
    print(f"\nGET /open311/v2/requests.json over HTTP, one at a time, {repeats} timed runs each")
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for name, query in queries.items():
            path = "/open311/v2/requests.json" + (f"?{query}" if query else "")
            warm = client.get(path)
            assert warm.status_code == 200, (path, warm.status_code, warm.text[:300])
            ms = []
            for _ in range(repeats):
                started = time.perf_counter()
                response = client.get(path)
                ms.append(1000 * (time.perf_counter() - started))
                assert response.status_code == 200, (path, response.status_code)
            figures = Figures(ms)
            verdict = "met" if figures.p95 < TARGET_GET_P95_MS else "MISSED"
            ok &= verdict == "met"
            print(f"  {name:<44} {len(warm.json()):>5} records  {figures.line()} {verdict}", flush=True)
    return ok


# --- POST throughput ----------------------------------------------------------------------------------

LUA_TEMPLATE = string.Template(
    r"""
local threads = {}
local categories = {$categories}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  counts, sent = {}, 0
end

local function encode(text)
  return (string.gsub(text, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  sent = sent + 1
  local tag = "$phase-" .. tid .. "-" .. sent
  local category = categories[sent % #categories + 1]
  local title = "Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất (lượt " .. tag .. ")"
  local question = "Kính gửi Sở, gia đình tôi ở xã Hoằng Quỳ đã nộp hồ sơ đăng ký biến động đất đai "
    .. "từ tháng trước nhưng chưa nhận được kết quả. Xin hỏi thời hạn giải quyết là bao lâu và "
    .. "tôi cần bổ sung giấy tờ gì? Mã theo dõi nội bộ: " .. tag .. "."
  local headers = {["Accept"] = "application/json"}
  headers["X-Forwarded-For"] = "10." .. tid .. "." .. math.floor(sent / 256) % 256 .. "." .. sent % 256
  local body
  if "$kind" == "api" then
    headers["Content-Type"] = "application/json"
    body = '{"category":"' .. category .. '","title":"' .. title .. '","question":"' .. question .. '",'
      .. '"name":"Nguyễn Thị Hương","phone":"0912345678","publish":' .. tostring(sent % 2 == 0) .. '}'
  else
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    body = "api_key=$key&service_code=" .. category .. "&description=" .. encode(title .. ". " .. question)
      .. "&first_name=" .. encode("Thị Hương") .. "&last_name=" .. encode("Nguyễn") .. "&phone=0912345678"
  end
  return wrk.format("POST", "$path", headers, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local statuses, sent_total = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do statuses[status] = (statuses[status] or 0) + n end
    sent_total = sent_total + thread:get("sent")
  end
  for status, n in pairs(statuses) do io.write(string.format("STATUS %d %d\n", status, n)) end
  io.write(string.format("SENT %d\n", sent_total))
  io.write(string.format("COMPLETED %d\n", summary.requests))
  io.write(string.format("DURATION_US %d\n", summary.duration))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("LATENCY %g %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("LATENCY max %d\n", latency.max))
  for _, kind in ipairs({"connect", "read", "write", "status", "timeout"}) do
    io.write(string.format("ERROR %s %d\n", kind, summary.errors[kind]))
  end
end
"""
)
PATHS = {"api": "/api/v1/questions", "open311": "/open311/v2/requests.json"}


def server_env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAUNOI_")}
    env.update(
        CAUNOI_ENVIRONMENT="production",
        CAUNOI_DATABASE_URL=DATABASE_URL,
        CAUNOI_REDIS_URL=REDIS_URL,
        CAUNOI_RATE_LIMIT="100000000",
        CAUNOI_OPEN311_RATE_LIMIT="100000000",
        CAUNOI_DATA_DIR=str(data_dir),
        CAUNOI_SECRET_KEY=secrets.token_urlsafe(36),
    )
    return env


async def channel_counts() -> dict[str, int]:
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        rows = await connection.fetch(
            "SELECT channel, count(*) AS n FROM ticket WHERE number < $1 GROUP BY 1", FIRST_NUMBER
        )
        return {r["channel"]: r["n"] for r in rows}
    finally:
        await connection.close()


def run_wrk(base_url: str, kind: str, phase: str, seconds: int, categories: list[str], workdir: Path) -> LoadResult:
    script = workdir / f"{phase}.lua"
    script.write_text(
        LUA_TEMPLATE.substitute(
            categories=", ".join(json.dumps(code) for code in categories),
            phase=phase,
            kind=kind,
            key=APP_KEY,
            path=PATHS[kind],
        ),
        encoding="utf-8",
    )
    command = [
        "wrk",
        "--threads=1",  # see bench/intake.py: one thread drives 16 connections far above what the server answers
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={script}",
        base_url + PATHS[kind],
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or "COMPLETED" not in done.stdout:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return parse_wrk(done.stdout)


def measure_posts(base_url: str, pgid: int, seconds: int, categories: list[str], workdir: Path) -> tuple[bool, bool]:
    """Both POSTs, alternately; whether the ratio target is met, and whether the rows check out."""
    phases = [("api", "warm-api", 3), ("open311", "warm-311", 3)]
    phases += [("api", "api-1", seconds), ("open311", "311-1", seconds), ("api", "api-2", seconds)]
    phases += [("open311", "311-2", seconds)]
    totals: dict[str, list[LoadResult]] = {"api": [], "open311": []}
    rows_ok = True
    print(f"\nPOST throughput: wrk -t1 -c{CONNECTIONS}, {seconds} s a phase, the two endpoints in turn")
    for kind, phase, duration in phases:
        waited = wait_until_idle(pgid)
        before = asyncio.run(channel_counts())
        cpu = group_cpu_seconds(pgid)
        result = run_wrk(base_url, kind, phase, duration, categories, workdir)
        result.server_cpu_s = group_cpu_seconds(pgid) - cpu
        time.sleep(1)  # the requests in flight at wrk's stop commit
        new = asyncio.run(channel_counts()).get(kind, 0) - before.get(kind, 0)
        in_flight = result.sent - result.completed
        check = "OK" if result.created <= new <= result.created + in_flight else "FAIL"
        rows_ok &= check == "OK"
        others = {status: n for status, n in sorted(result.statuses.items()) if status != 201}
        print(
            f"  {phase:<9} {result.rps:>7.1f} req/s  p50 {result.latency_ms('50'):>6.1f} ms"
            f"  p99 {result.latency_ms('99'):>6.1f} ms  CPU {result.cpu_ms_per_request:>5.2f} ms/req"
            f"  201: {result.created:>6}  other: {others or '-'}  new rows {new} ({check})"
            f"  [server idle after {waited:.1f} s]",
            flush=True,
        )
        if not phase.startswith("warm"):
            totals[kind].append(result)

    def rate(results: list[LoadResult]) -> float:
        return sum(r.completed for r in results) / sum(r.duration_s for r in results)

    api, open311 = rate(totals["api"]), rate(totals["open311"])
    ratio = open311 / api if api else 0.0
    met = ratio >= TARGET_POST_RATIO
    print(f"\n  POST /api/v1/questions          {api:>7.1f} questions/s")
    print(f"  POST /open311/v2/requests.json  {open311:>7.1f} requests/s")
    print(f"  ratio {ratio:.2f} (target >= {TARGET_POST_RATIO}) {'met' if met else 'MISSED'}")
    return met, rows_ok


async def active_codes() -> list[str]:
    connection = await asyncpg.connect(asyncpg_dsn(DATABASE_URL))
    try:
        return [r["code"] for r in await connection.fetch("SELECT code FROM category WHERE active ORDER BY position")]
    finally:
        await connection.close()


def measure(now: datetime, repeats: int, seconds: int | None) -> tuple[bool, bool]:
    """The GETs, then (``seconds`` given) the POSTs, on one ``caunoi run --workers 2``; (targets met, rows OK)."""
    queries = asyncio.run(filters(now))
    categories = asyncio.run(active_codes())
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()
    workdir = Path(tempfile.mkdtemp(prefix="caunoi-bench-open311-"))
    log_path = workdir / "server.log"
    try:
        with running_server(server_env(workdir / "data"), free_port(), log_path) as (base_url, pgid):
            print(f"\nserver: caunoi run --workers 2 on {base_url} (production mode, PostgreSQL and Redis)")
            gets_met = measure_gets(base_url, repeats, queries)
            if seconds is None:
                return gets_met, True
            posts_met, rows_ok = measure_posts(base_url, pgid, seconds, categories, workdir)
            return gets_met and posts_met, rows_ok
    except Exception:
        if log_path.exists():
            print(f"server log {log_path}:\n{log_path.read_text(errors='replace')[-4000:]}", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    keep_or_reuse(parser)
    parser.add_argument("--repeats", type=int, default=200, help="timed runs per filter [200]")
    parser.add_argument("--seconds", type=int, default=15, help="duration of each measured POST phase [15]")
    parser.add_argument("--no-post", action="store_true", help="measure the GETs only")
    args = parser.parse_args()
    if not args.no_post and shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    now = datetime.now(UTC)
    with own_database(DATABASE_URL, keep=args.keep, reuse=args.reuse):
        if not args.reuse:
            asyncio.run(load(now))
        met, rows_ok = measure(now, args.repeats, None if args.no_post else args.seconds)
    print("\nall targets met" if met else "\nsome targets MISSED")
    if not rows_ok:
        print("ROWS CHECK FAILED: a 201 left no ticket, or a ticket appeared without one")
    return 0 if rows_ok else 1


if __name__ == "__main__":
    sys.exit(main())
