"""Intake throughput: how many questions per second ``POST /api/v1/questions`` records on PostgreSQL.

What it does, start to finish:

1. drops and recreates its own database ``caunoi_bench`` (never ``test``, which the suite uses),
   migrates it with ``caunoi db upgrade`` and loads the demo province with ``caunoi demo load``;
2. empties Redis database 15 and starts ``caunoi run --workers 2`` on a free port, in production
   mode (PostgreSQL and Redis, a random secret key, the rate limit raised out of the way);
3. drives JSON questions (Vietnamese text, no files) at it with ``wrk`` from a separate process on
   127.0.0.1: a short warm-up, then 16 connections for 15 s, then 64 connections for 15 s;
4. after each phase checks the database: every 201 left exactly one ticket row (the reference it
   returned) with one "received" and one routing event, references are unique, and no row appeared without a 201
   except for the requests still in flight when wrk stopped the clock (see :func:`check_rows`);
5. prints requests/s, p50 and p99 latency, the non-201 responses and socket errors of each phase,
   and whether the targets are met: at least 500 questions/s with p99 under 100 ms at
   16 connections, and no error at 64.

Run it with ``make bench`` or ``.venv/bin/python bench/intake.py`` (``--help`` for the knobs).
It needs PostgreSQL on 127.0.0.1:5432 (user ``postgres``, trust auth), Redis on 127.0.0.1:6379
and ``wrk`` (``apt-get install wrk``). The exit status is 1 when a row check fails; a missed
speed target is only reported (MISSED), since it depends on the machine.
"""

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import redis

ROOT = Path(__file__).resolve().parents[1]
CAUNOI = Path(sys.executable).with_name("caunoi")
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
BENCH_DB = "caunoi_bench"
DATABASE_URL = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{BENCH_DB}"
REDIS_URL = "redis://127.0.0.1:6379/15"
HOST = "127.0.0.1"
PATH = "/api/v1/questions"

TARGET_RPS = 500
TARGET_P99_MS = 100.0

# One wrk thread. The box has two cores that the two web processes, PostgreSQL and Redis already
# compete for; wrk's epoll loop on one thread drives 64 connections at thousands of requests per
# second (it used about 0.07 ms of CPU per request here, some 3 % of a core at 450/s), far above
# what the server answers, so a second thread would add no load, only take CPU from the server.
WRK_THREADS = 1
# Long enough that slow answers are measured as latency rather than dropped: wrk leaves a request
# slower than its timeout out of the latency histogram and only counts it as a timeout error.
WRK_TIMEOUT = "10s"
# Each request carries its own X-Forwarded-For address (uvicorn trusts it from 127.0.0.1), as when
# citizens come through the reverse proxy. From one address, Litestar's rate limiter would keep a
# list of every submission of the minute under a single key and read and rewrite it whole on each
# request, a cost that grows with every request of the window, which real traffic from many
# addresses does not pay (``--one-address`` measures it that way anyway).

# The load script. ``setup`` runs in wrk's main Lua state and keeps each thread; the other
# functions run in the thread's own state, and ``done`` reads their counters with ``thread:get``.
# Lines starting with an upper-case keyword are for :func:`parse_wrk`.
LUA_TEMPLATE = string.Template(
    r"""
local threads = {}
local categories = {$categories}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  counts, refs, sent = {}, {}, 0
end

function request()
  sent = sent + 1
  local tag = "$phase-" .. tid .. "-" .. sent
  local body = '{"category":"' .. categories[sent % #categories + 1] .. '",'
    .. '"title":"Hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất (lượt ' .. tag .. ')",'
    .. '"question":"Kính gửi Sở, gia đình tôi ở xã Hoằng Quỳ đã nộp hồ sơ đăng ký biến động đất đai '
    .. 'từ tháng trước nhưng chưa nhận được kết quả. Xin hỏi thời hạn giải quyết là bao lâu và '
    .. 'tôi cần bổ sung giấy tờ gì? Mã theo dõi nội bộ: ' .. tag .. '.",'
    .. '"name":"Nguyễn Thị Hương","phone":"0912345678","publish":' .. tostring(sent % 2 == 0) .. '}'
  local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/json"}
  if $spread_addresses then
    headers["X-Forwarded-For"] = "10." .. tid .. "." .. math.floor(sent / 256) % 256 .. "." .. sent % 256
  end
  return wrk.format("POST", "$path", headers, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 201 then
    local ref = string.match(body, '"reference":"([^"]+)"')
    if ref then refs[#refs + 1] = ref end
  end
end

function done(summary, latency, requests)
  local statuses, sent_total = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do statuses[status] = (statuses[status] or 0) + n end
    for _, ref in ipairs(thread:get("refs")) do io.write("REF ", ref, "\n") end
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


@dataclass
class Phase:
    name: str
    connections: int
    seconds: int
    judged: bool = True


@dataclass
class LoadResult:
    statuses: dict[int, int] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    sent: int = 0
    completed: int = 0
    duration_s: float = 0.0
    latency_us: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    server_cpu_s: float = 0.0
    """CPU time the web processes used while wrk ran."""

    @property
    def created(self) -> int:
        return self.statuses.get(201, 0)

    @property
    def non_201(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 201)

    @property
    def socket_errors(self) -> int:
        # wrk's "status" error counts responses >= 400, which non_201 already reports.
        return sum(n for kind, n in self.errors.items() if kind != "status")

    @property
    def rps(self) -> float:
        return self.completed / self.duration_s if self.duration_s else 0.0

    def latency_ms(self, percentile: str) -> float:
        return self.latency_us.get(percentile, 0) / 1000

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.server_cpu_s / self.completed if self.completed else 0.0


@dataclass
class RowCheck:
    new_rows: int
    unmatched_rows: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- PostgreSQL and Redis -------------------------------------------------------------------------


def sql(query: str, *args: object, database: str = BENCH_DB) -> list[asyncpg.Record]:
    async def run() -> list[asyncpg.Record]:
        connection = await asyncpg.connect(f"{PG_SERVER}/{database}")
        try:
            return await connection.fetch(query, *args)
        finally:
            await connection.close()

    return asyncio.run(run())


def recreate_database() -> None:
    sql(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)", database="postgres")
    sql(f"CREATE DATABASE {BENCH_DB}", database="postgres")


def flush_redis() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()


def last_ticket_id() -> int:
    return sql("SELECT coalesce(max(id), 0) AS id FROM ticket")[0]["id"]


def ticket_count() -> int:
    return sql("SELECT count(*) AS n FROM ticket")[0]["n"]


def wait_for_quiet(timeout: float = 15.0) -> None:
    """Let requests still being handled when wrk stopped commit, so the count stops moving."""
    deadline = time.monotonic() + timeout
    previous = -1
    while time.monotonic() < deadline:
        current = ticket_count()
        if current == previous:
            return
        previous = current
        time.sleep(0.5)


def check_rows(result: LoadResult, after_id: int, count_before: int) -> RowCheck:
    """Every 201 left exactly one ticket, with its received and routing events; no ticket appeared without a 201.

    wrk stops at the deadline without waiting for the responses of the requests it has already
    written; the server still handles and commits those, so up to ``sent - completed`` tickets
    (at most one per connection) may exist whose 201 nobody read. Any row beyond that, or any
    reference answered with 201 but missing from the table, is a failure.
    """
    rows = sql(
        """
        SELECT t.reference,
               (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id AND e.kind = 'ticket:received') AS received,
               (SELECT count(*) FROM ticket_event e
                 WHERE e.ticket_id = t.id AND e.kind IN ('ticket:routed', 'ticket:sent_to_triage')) AS routed
        FROM ticket t WHERE t.id > $1
        """,
        after_id,
    )
    stored = {row["reference"] for row in rows}
    returned = set(result.references)
    totals = sql("SELECT count(*) AS n, count(DISTINCT reference) AS distinct_n FROM ticket")[0]
    in_flight = result.sent - result.completed
    unmatched = len(stored - returned)
    problems = []
    if len(result.references) != result.created:
        problems.append(f"{result.created} responses 201 but {len(result.references)} carried a reference")
    if len(returned) != len(result.references):
        problems.append(f"{len(result.references) - len(returned)} references returned twice")
    if missing := returned - stored:
        problems.append(f"{len(missing)} references answered 201 have no ticket row, e.g. {sorted(missing)[:3]}")
    if totals["n"] - count_before != len(rows):
        problems.append(f"ticket grew by {totals['n'] - count_before} rows but {len(rows)} have new ids")
    if len(rows) != len(stored):
        problems.append(f"{len(rows) - len(stored)} duplicate references among the new rows")
    if totals["n"] != totals["distinct_n"]:
        problems.append(f"ticket has {totals['n']} rows but {totals['distinct_n']} distinct references")
    if unmatched > in_flight:
        problems.append(f"{unmatched} rows without a 201, but only {in_flight} requests were in flight at the stop")
    if wrong_events := sum(1 for row in rows if (row["received"], row["routed"]) != (1, 1)):
        problems.append(f"{wrong_events} new tickets do not have exactly one received and one routing event")
    return RowCheck(new_rows=len(rows), unmatched_rows=unmatched, problems=problems)


# --- The server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def caunoi_env(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAUNOI_")}
    env.update(
        CAUNOI_ENVIRONMENT="production",
        CAUNOI_DATABASE_URL=DATABASE_URL,
        CAUNOI_REDIS_URL=REDIS_URL,
        CAUNOI_RATE_LIMIT="100000000",
        CAUNOI_DATA_DIR=str(data_dir),
        CAUNOI_SECRET_KEY=secrets.token_urlsafe(36),  # 48 characters
    )
    return env


def caunoi(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(CAUNOI), *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def http_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_until_ready(base_url: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode} before it was ready")
        try:
            if http_get(f"{base_url}/readyz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base_url}/readyz did not answer 200 within {timeout:.0f} s")


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by the processes of a process group (Linux ``/proc``)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        # After the command name: state ppid pgrp ... utime (12th) stime (13th).
        if int(fields[2]) == pgid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pgid: int, timeout: float = 120.0, busy_share: float = 0.05) -> float:
    """Wait until the server uses under ``busy_share`` of a core; returns the seconds waited.

    wrk drops the connections of the requests still in flight when its clock stops; the server
    logs each of those as an error, which can keep it busy for seconds. Starting the next phase
    before that is over would charge it to that phase.
    """
    start = time.monotonic()
    previous = group_cpu_seconds(pgid)
    while time.monotonic() - start < timeout:
        time.sleep(0.5)
        current = group_cpu_seconds(pgid)
        if current - previous < 0.5 * busy_share:
            break
        previous = current
    return time.monotonic() - start


@contextmanager
def running_server(env: dict[str, str], port: int, log_path: Path) -> Iterator[tuple[str, int]]:
    """``caunoi run --workers 2`` in its own process group, stopped (group and all) on the way out.

    Yields the base URL and the process group id.
    """
    base_url = f"http://{HOST}:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [str(CAUNOI), "run", "--workers", "2", "--host", HOST, "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_ready(base_url, server)
            yield base_url, server.pid
        finally:
            stop_process_group(server)


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


# --- The load -------------------------------------------------------------------------------------


def category_codes(base_url: str) -> list[str]:
    status, body = http_get(f"{base_url}/api/v1/categories")
    if status != 200:
        raise RuntimeError(f"GET /api/v1/categories answered {status}")
    codes = [item["code"] for item in json.loads(body)]
    if not codes:
        raise RuntimeError("no categories: did `caunoi demo load` run?")
    return codes


def lua_script(phase: Phase, categories: list[str], *, spread_addresses: bool) -> str:
    quoted = ", ".join(json.dumps(code) for code in categories)
    return LUA_TEMPLATE.substitute(
        categories=quoted, phase=phase.name, path=PATH, spread_addresses=str(spread_addresses).lower()
    )


def parse_wrk(output: str) -> LoadResult:
    result = LoadResult()
    for line in output.splitlines():
        keyword, _, rest = line.partition(" ")
        values = rest.split()
        if keyword == "REF":
            result.references.append(rest.strip())
        elif keyword == "STATUS":
            result.statuses[int(values[0])] = int(values[1])
        elif keyword == "SENT":
            result.sent = int(values[0])
        elif keyword == "COMPLETED":
            result.completed = int(values[0])
        elif keyword == "DURATION_US":
            result.duration_s = int(values[0]) / 1e6
        elif keyword == "LATENCY":
            result.latency_us[values[0]] = int(values[1])
        elif keyword == "ERROR":
            result.errors[values[0]] = int(values[1])
    return result


def run_wrk(base_url: str, phase: Phase, categories: list[str], workdir: Path, *, spread_addresses: bool) -> LoadResult:
    script = workdir / f"{phase.name}.lua"
    script.write_text(lua_script(phase, categories, spread_addresses=spread_addresses), encoding="utf-8")
    command = [
        "wrk",
        f"--threads={WRK_THREADS}",
        f"--connections={phase.connections}",
        f"--duration={phase.seconds}s",
        f"--timeout={WRK_TIMEOUT}",
        f"--script={script}",
        base_url + PATH,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0 or "COMPLETED" not in completed.stdout:
        raise RuntimeError(f"wrk failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    (workdir / f"{phase.name}.wrk.txt").write_text(completed.stdout, encoding="utf-8")
    return parse_wrk(completed.stdout)


# --- Report ---------------------------------------------------------------------------------------


def verdict(phase: Phase, result: LoadResult) -> str:
    if not phase.judged:
        return "-"
    if phase.connections == 16:
        ok = result.rps >= TARGET_RPS and result.latency_ms("99") < TARGET_P99_MS and result.non_201 == 0
        return "met" if ok else f"MISSED (>= {TARGET_RPS}/s, p99 < {TARGET_P99_MS:.0f} ms)"
    ok = result.non_201 == 0 and result.socket_errors == 0
    return "met" if ok else "MISSED (no error)"


def print_report(rows: list[tuple[Phase, LoadResult, RowCheck]]) -> None:
    header = (
        f"{'phase':<8} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'CPU ms':>6} "
    )
    header += f"{'201':>6} {'non-201':>7} {'sock err':>8} {'rows':>6} {'in flight':>9}  {'rows check':<10}  target"
    print()
    print(header)
    print("-" * len(header))
    for phase, result, check in rows:
        print(
            f"{phase.name:<8} {phase.connections:>5} {result.rps:>8.1f} {result.latency_ms('50'):>7.1f} "
            f"{result.latency_ms('90'):>7.1f} {result.latency_ms('99'):>7.1f} {result.latency_ms('max'):>7.1f} "
            f"{result.cpu_ms_per_request:>6.2f} "
            f"{result.created:>6} {result.non_201:>7} {result.socket_errors:>8} {check.new_rows:>6} "
            f"{check.unmatched_rows:>9}  {'OK' if check.ok else 'FAIL':<10}  {verdict(phase, result)}"
        )
    for phase, result, check in rows:
        if result.non_201:
            print(f"{phase.name}: non-201 statuses {dict(sorted(result.statuses.items()))}")
        if result.socket_errors:
            print(f"{phase.name}: socket errors {result.errors}")
        for problem in check.problems:
            print(f"{phase.name}: ROWS FAIL: {problem}")
    print(
        "\nCPU ms = CPU time of the two web processes per answered request; rows = tickets created in the phase;"
        "\nin flight = of those, the ones whose request wrk had sent but not read when its clock stopped"
        " (committed by the server, no 201 seen)."
    )


def run_phases(
    base_url: str, pgid: int, phases: list[Phase], workdir: Path, *, spread_addresses: bool
) -> list[tuple[Phase, LoadResult, RowCheck]]:
    categories = category_codes(base_url)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"server: caunoi run --workers 2 on {base_url}; wrk -t{WRK_THREADS}; load average before: {load}")
    results = []
    for phase in phases:
        waited = wait_until_idle(pgid)
        before, count_before = last_ticket_id(), ticket_count()
        print(
            f"{phase.name}: {phase.connections} connections for {phase.seconds} s (server idle after {waited:.1f} s)",
            flush=True,
        )
        cpu_before = group_cpu_seconds(pgid)
        result = run_wrk(base_url, phase, categories, workdir, spread_addresses=spread_addresses)
        result.server_cpu_s = group_cpu_seconds(pgid) - cpu_before
        wait_for_quiet()
        results.append((phase, result, check_rows(result, before, count_before)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="duration of each measured phase [15]")
    parser.add_argument("--warmup", type=int, default=3, help="duration of the warm-up [3]")
    parser.add_argument(
        "--one-address",
        action="store_true",
        help="send every request from 127.0.0.1 instead of spreading them over X-Forwarded-For addresses",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory (wrk output, server log)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    phases = [
        Phase("warmup", 16, args.warmup, judged=False),
        Phase("c16", 16, args.seconds),
        Phase("c64", 64, args.seconds),
    ]

    workdir = Path(tempfile.mkdtemp(prefix="caunoi-bench-"))
    env = caunoi_env(workdir / "data")
    print(f"database {BENCH_DB}: recreating, migrating, loading the demo province")
    recreate_database()
    caunoi("db", "upgrade", env=env)
    caunoi("demo", "load", env=env)
    flush_redis()

    log_path = workdir / "server.log"
    try:
        with running_server(env, free_port(), log_path) as (base_url, pgid):
            results = run_phases(base_url, pgid, phases, workdir, spread_addresses=not args.one_address)
    except Exception:
        if log_path.exists():
            print(f"server log {log_path}:\n{log_path.read_text(errors='replace')[-4000:]}", file=sys.stderr)
        raise
    print_report(results)
    if args.keep:
        print(f"\nwork directory kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(check.ok for _, _, check in results) else 1


if __name__ == "__main__":
    sys.exit(main())
