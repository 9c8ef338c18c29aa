"""PostgreSQL restarted under load, with real processes: ``caunoi run``, a worker and a scheduler.

The database is a throw-away cluster of the test's own (Debian's ``initdb`` and ``pg_ctl`` on a
free port), so that it can be stopped without touching the shared one. As root (CI), PostgreSQL
refuses to run: the cluster then belongs to the ``postgres`` user and its commands run as it.
"""

import asyncio
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from feedback import migrations
from notify.db import database_unavailable
from tests.conftest import free_port, unavailable
from tests.factories import question_fields
from tests.feedback.test_delivery_faults import production_env, reference_data_only, sql, throwaway_redis
from tests.feedback.test_production_processes import CAUNOI, _wait_ready
from tests.notify.smtp_server import smtp_server

PG_BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass(frozen=True)
class Cluster:
    url: str
    data: Path
    port: int
    as_user: list[str]

    def pg_ctl(self, *args: str) -> None:
        command = [*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "30", *args]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.pg_ctl(
            "-o",
            f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1",
            "-l",
            str(self.data.parent / "log"),
            "start",
        )

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")


@contextmanager
def throwaway_postgres() -> Iterator[Cluster]:
    """A PostgreSQL cluster of our own on a free port, trusting local connections, deleted afterwards."""
    if not (PG_BIN / "initdb").exists():
        unavailable(f"PostgreSQL's {PG_BIN / 'initdb'}")
    root = Path(tempfile.mkdtemp(prefix="caunoi-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the cluster is the postgres user's
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    cluster = Cluster(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres", root / "data", port, as_user)
    try:
        subprocess.run(
            [*as_user, str(PG_BIN / "initdb"), "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.pg_ctl("-m", "immediate", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def start(command: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """``caunoi <command>`` in a process group of its own, writing to ``log``.

    Not to a pipe: during the outage every failed request logs, and a pipe nobody reads until
    the end fills up and blocks the process on its next write.
    """
    with log.open("ab") as output:
        return subprocess.Popen(
            [str(CAUNOI), command], env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(processes: list[subprocess.Popen], logs: Path) -> str:
    """Stop them all; what they said."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(timeout=30)
    return "\n".join(log.read_text(errors="replace") for log in sorted(logs.glob("*.log")))


def wait_until(condition: Callable[[], bool], processes: list[subprocess.Popen], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert all(p.poll() is None for p in processes), "a process died"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@dataclass
class Citizens:
    """Threads that ask question after question through the API until told to stop; what each got."""

    base_url: str
    answers: list[tuple[str, int, str | None]]

    def ask(self, email: str) -> tuple[str, int, str | None]:
        fields = {k: v for k, v in question_fields(email=email, phone=None).items() if k != "area"}
        request = urllib.request.Request(
            f"{self.base_url}/api/v1/questions",
            data=json.dumps(fields).encode(),
            headers={"Content-Type": "application/json", "Accept-Language": "vi"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return email, response.status, None
        except urllib.error.HTTPError as error:
            body = json.loads(error.read() or b"{}")
            return email, error.code, f"{error.headers.get('Retry-After')} {body.get('detail')}"
        except OSError as error:  # no answer at all (refused, timed out): a failure the test reports
            return email, 0, repr(error)

    @contextmanager
    def asking(self, threads: int) -> Iterator[None]:
        done = threading.Event()

        def citizen(n: int) -> None:
            count = 0
            while not done.is_set():
                self.answers.append(self.ask(f"nguoi.hoi.{n}.{count}@example.com"))
                count += 1
                time.sleep(0.05)

        running = [threading.Thread(target=citizen, args=(n,)) for n in range(threads)]
        for thread in running:
            thread.start()
        try:
            yield
        finally:
            done.set()
            for thread in running:
                thread.join(timeout=60)


def test_citizens_asking_while_postgresql_restarts_get_201_or_503_and_every_receipt_arrives_once(
    tmp_path: Path,
) -> None:
    redis_port, web_port, smtp_port = free_port(), free_port(), free_port()
    began = time.monotonic()
    with throwaway_postgres() as cluster, throwaway_redis(redis_port), smtp_server(port=smtp_port) as (inbox, _):
        migrations.upgrade(cluster.url)
        asyncio.run(reference_data_only(cluster.url))
        env = production_env(cluster.url, tmp_path, redis_port=redis_port, smtp_port=smtp_port)
        env["CAUNOI_PORT"] = str(web_port)
        env["CAUNOI_RATE_LIMIT"] = "1000"  # every citizen comes from 127.0.0.1
        logs = tmp_path / "logs"
        logs.mkdir()
        processes = [start(name, env, logs / f"{name}.log") for name in ("run", "worker", "scheduler")]
        web = processes[0]
        try:
            _wait_ready(f"http://127.0.0.1:{web_port}/healthz", web)
            citizens = Citizens(f"http://127.0.0.1:{web_port}", [])
            with citizens.asking(threads=4):
                wait_until(lambda: len(inbox.messages) >= 5, processes)  # asking, and mail going out
                cluster.stop()
                time.sleep(2)
                down = len(citizens.answers)
                cluster.start()
                # The web process recovers by itself: questions are accepted again.
                wait_until(lambda: [s for _, s, _ in citizens.answers[down:]].count(201) >= 10, processes)
            statuses = Counter(status for _, status, _ in citizens.answers)
            assert set(statuses) <= {201, 503}, [a for a in citizens.answers if a[1] not in (201, 503)]
            assert statuses[503] > 0, statuses  # the restart was met
            for _, status, detail in citizens.answers:
                if status == 503:
                    retry_after, message = detail.split(" ", 1)
                    assert int(retry_after) > 0
                    assert "chưa được lưu" in message, message  # nothing was saved: ask again
            accepted = [email for email, status, _ in citizens.answers if status == 201]
            stored = Counter(email for (email,) in sql(cluster.url, "SELECT citizen_email FROM ticket"))
            assert all(stored[email] == 1 for email in accepted), [e for e in accepted if stored[e] != 1]
            assert set(stored.values()) == {1}  # nothing stored twice
            # Sent before the restart and recorded after it: none left claimed. What the outage kept
            # from being asked for, a new scheduler's sweep asks for at once rather than in a minute.
            processes.append(start("scheduler", env, logs / "scheduler-2.log"))
            state = "SELECT status, attempts, error, lease_until FROM delivery WHERE status <> 'sent'"
            try:
                wait_until(lambda: all(inbox.by_recipient(email) for email in stored), processes, timeout=90)
            except AssertionError as error:
                raise AssertionError(f"{error}: {sql(cluster.url, state)}") from None
            time.sleep(2)  # anything sent twice would have arrived by now
        finally:
            outputs = stop(processes, logs)
        sent = Counter(rcpt for envelope, _ in inbox.messages for rcpt in envelope.rcpt_tos)
        assert set(sent) == set(stored), outputs
        assert set(sent.values()) == {1}, [r for r, n in sent.items() if n > 1]
        assert {status for (status,) in sql(cluster.url, "SELECT status FROM delivery")} == {"sent"}
    assert "unhandled_error" not in outputs, outputs
    print(f"{len(citizens.answers)} questions asked ({dict(statuses)}) in {time.monotonic() - began:.0f} s")


def test_only_a_database_out_of_reach_is_told_apart_from_a_bug() -> None:
    lost = sa.exc.DBAPIError("SELECT 1", None, Exception("connection is closed"), connection_invalidated=True)
    refused = sa.exc.DBAPIError("SELECT 1", None, ConnectionRefusedError(111, "refused"))
    missing_table = sa.exc.OperationalError("SELECT 1", None, Exception("no such table: ticket"))
    assert database_unavailable(lost) and database_unavailable(refused)
    assert database_unavailable(sa.exc.TimeoutError("QueuePool limit reached"))
    assert not database_unavailable(missing_table)
    assert not database_unavailable(ValueError("a bug"))
