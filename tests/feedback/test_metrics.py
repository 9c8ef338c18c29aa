"""Prometheus metrics of the web app and the worker/scheduler exporters, and what /readyz adds."""

import os
import re
import signal
import subprocess
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
import yaml
from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from feedback import migrations
from feedback.app import create_app
from feedback.escalations import escalate_due
from feedback.metrics import ticks
from feedback.models import Ticket
from feedback.settings import PROJECT_ROOT, Settings
from notify.db import Database, utcnow
from notify.models import Delivery, DeliveryStatus, Notification
from routing.models import Department
from tests.conftest import REDIS_URL, free_port, unavailable
from tests.factories import question_fields, submit
from tests.feedback.test_production_processes import start

Samples = dict[tuple[str, frozenset], float]


def parse(text: str) -> Samples:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def scrape(client: AsyncTestClient, token: str | None = None) -> Samples:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return parse(response.text)


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError as exc:
        unavailable(f"Redis ({exc})")
    yield REDIS_URL
    redis.Redis.from_url(REDIS_URL).flushdb()


async def add_delivery(database: Database, *, status: DeliveryStatus, attempts: int = 0, age: timedelta) -> int:
    now = utcnow()
    async with database.transaction() as session:
        note = Notification(idempotency_key=f"test:{time.monotonic_ns()}", kind="test", recipient="x", topic="T")
        session.add(note)
        await session.flush()
        delivery = Delivery(
            notification_id=note.id,
            channel="email",
            address="dan@example.com",
            text="x",
            status=status,
            attempts=attempts,
            next_attempt_at=now,
            created_at=now - age,
        )
        session.add(delivery)
        note.status = "expanded"
        await session.flush()
        return delivery.id


async def test_questions_notifications_and_requests_are_counted(
    client: AsyncTestClient, database: Database, tmp_path: Path
) -> None:
    before = await scrape(client)
    assert value(before, "caunoi_questions_received_24h", channel="api") == 0

    response = await client.post("/api/v1/questions", json=question_fields())
    assert response.status_code == 201, response.text
    reference = response.json()["reference"]
    assert (await client.get(f"/api/v1/questions/{reference}?token=wrong")).status_code == 404

    delivery = await add_delivery(database, status=DeliveryStatus.PENDING, age=timedelta(minutes=1))
    await add_delivery(database, status=DeliveryStatus.PENDING, attempts=2, age=timedelta(hours=1))
    after = await scrape(client)
    assert value(after, "caunoi_questions_received_24h", channel="api") == 1
    assert sum(v for (name, _), v in after.items() if name == "caunoi_questions_open") == 1
    assert value(after, "caunoi_notifications_queued", channel="email", state="pending") == 1
    assert value(after, "caunoi_notifications_queued", channel="email", state="retrying") == 1
    assert value(after, "caunoi_notifications_finished_24h", channel="email", outcome="failed") == 0
    # The question's own confirmation waits too (not yet expanded into deliveries): the oldest is seconds old.
    assert 0 <= value(after, "caunoi_notification_oldest_pending_age_seconds") < 120

    async with database.transaction() as session:
        await session.execute(
            sa.update(Delivery).where(Delivery.id == delivery).values(status=DeliveryStatus.FAILED, attempts=1)
        )
    failed = await scrape(client)
    assert value(failed, "caunoi_notifications_finished_24h", channel="email", outcome="failed") == 1
    assert value(failed, "caunoi_notifications_queued", channel="email", state="pending") == 0

    # Requests are labelled with the route's template, never the raw path (a reference is personal).
    routes = {dict(labels).get("route") for name, labels in failed if name == "caunoi_http_requests_total"}
    assert "/api/v1/questions" in routes
    assert not any(reference in (route or "") for route in routes)
    created = value(failed, "caunoi_http_requests_total", method="POST", route="/api/v1/questions", status="201")
    assert (
        created
        == value(before, "caunoi_http_requests_total", method="POST", route="/api/v1/questions", status="201") + 1
    )
    assert value(failed, "caunoi_http_request_duration_seconds_count", method="POST", route="/api/v1/questions") >= 1


async def test_escalations_and_overdue_questions(client: AsyncTestClient, database: Database, tmp_path: Path) -> None:
    submitted = await submit(database, tmp_path, now=utcnow() - timedelta(days=40))
    async with database.transaction() as session:
        code = await session.scalar(
            sa.select(Department.code)
            .join(Ticket, Ticket.department_id == Department.id)
            .where(Ticket.id == submitted.ticket_id)
        )
    before = await scrape(client)
    assert not any(name == "caunoi_escalations_fired_24h" for name, _ in before)

    async with database.transaction() as session:
        fired = (await escalate_due(session, now=utcnow())).fired
    assert fired >= 1
    after = await scrape(client)
    levels = {dict(labels)["level"]: v for (name, labels), v in after.items() if name == "caunoi_escalations_fired_24h"}
    assert sum(levels.values()) == fired
    assert value(after, "caunoi_questions_open", department=code) == 1
    assert value(after, "caunoi_questions_overdue", department=code) == 1


async def test_the_token_is_required_when_configured(settings: Settings, database: Database) -> None:
    settings.metrics_token = SecretStr("metrics-token-0123456789")
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer metrics-token-0123456788"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        assert (await client.get("/metrics", headers={"Authorization": "metrics-token-0123456789"})).status_code == 401
        assert await scrape(client, "metrics-token-0123456789")


async def test_readyz_fails_on_a_silent_scheduler(
    settings: Settings, database: Database, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Embedded mode: the scheduler thread's tick, in memory.
    monkeypatch.setattr(ticks, "_local_tick", time.time() - 301)
    async with AsyncTestClient(app=create_app(settings)) as client:
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert (
            set(ready.json()["failing"]) == {"scheduler"} and "no tick for 30" in ready.json()["failing"]["scheduler"]
        )
        ticks.record_tick(None)
        assert (await client.get("/readyz")).status_code == 200

    # Production: the scheduler processes' tick, in Redis; never ticked fails once the grace period is over.
    settings.notify.redis_url = redis_url
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.get("/readyz")).status_code == 200
        client.app.state.started_at = time.time() - 600
        ready = await client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["failing"] == {"scheduler": "never ticked"}
        redis.Redis.from_url(redis_url).set(ticks.TICK_KEY, repr(time.time() - 1000))
        silent = re.fullmatch(r"no tick for (\d+) s", (await client.get("/readyz")).json()["failing"]["scheduler"])
        assert silent and 1000 <= int(silent.group(1)) < 1060
        ticks.record_tick(redis.Redis.from_url(redis_url))
        assert (await client.get("/readyz")).status_code == 200
        samples = await scrape(client)
        assert time.time() - value(samples, "caunoi_scheduler_last_tick_timestamp_seconds") < 60


async def test_readyz_fails_on_an_old_pending_notification(settings: Settings, database: Database) -> None:
    settings.ready_max_pending_age = 600
    async with AsyncTestClient(app=create_app(settings)) as client:
        delivery = await add_delivery(database, status=DeliveryStatus.PENDING, age=timedelta(minutes=9))
        assert (await client.get("/readyz")).status_code == 200
        async with database.transaction() as session:
            await session.execute(
                sa.update(Delivery).where(Delivery.id == delivery).values(created_at=utcnow() - timedelta(minutes=11))
            )
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert set(ready.json()["failing"]) == {"notifications"}
        assert (await scrape(client))[("caunoi_notification_oldest_pending_age_seconds", frozenset())] > 600
        # Retrying after a failure is the retry schedule's business, not a stuck queue.
        async with database.transaction() as session:
            await session.execute(sa.update(Delivery).where(Delivery.id == delivery).values(attempts=1))
        assert (await client.get("/readyz")).status_code == 200


async def test_every_alert_of_the_rule_file_names_a_scraped_metric(
    settings: Settings, database: Database, redis_url: str, tmp_path: Path
) -> None:
    settings.notify.redis_url = redis_url
    ticks.record_tick(redis.Redis.from_url(redis_url))
    await submit(database, tmp_path)
    async with AsyncTestClient(app=create_app(settings)) as client:
        await client.get("/healthz")
        scraped = {name for name, _ in await scrape(client)}
    rules = yaml.safe_load((PROJECT_ROOT / "ops" / "prometheus-rules.yml").read_text())
    alerts = [rule for group in rules["groups"] for rule in group["rules"]]
    assert alerts and all(rule["alert"] and rule["annotations"]["summary"] for rule in alerts)
    for rule in alerts:
        names = set(re.findall(r"\bcaunoi_[a-z0-9_]+", rule["expr"]))
        assert names, rule["alert"]
        assert names <= scraped, (rule["alert"], names - scraped)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.read().decode()


def _wait_for(url: str, check, process: subprocess.Popen, timeout: float = 60) -> Samples:
    deadline = time.monotonic() + timeout
    samples: Samples = {}
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0].decode()
        try:
            samples = parse(_get(url))
        except OSError:
            samples = {}
        if samples and check(samples):
            return samples
        time.sleep(0.3)
    pytest.fail(f"{url} never showed what was expected: {sorted(samples)[:20]}")


def test_scheduler_and_worker_processes_export_metrics(redis_url: str, tmp_path: Path) -> None:
    """The scheduler's exporter shows its tick and the jobs it queued; the worker's, the queue emptied."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'prod.sqlite3'}"
    migrations.upgrade(database_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")}
    env |= {"CAUNOI_REDIS_URL": redis_url, "CAUNOI_DATABASE_URL": database_url, "CAUNOI_DATA_DIR": str(tmp_path)}
    scheduler_port, worker_port = free_port(), free_port()
    processes = [start("scheduler", env, "--metrics-port", str(scheduler_port))]
    try:
        queued = _wait_for(
            f"http://127.0.0.1:{scheduler_port}/metrics",
            lambda s: (
                value(s, "caunoi_scheduler_last_tick_timestamp_seconds") > 0
                and value(s, "caunoi_job_queue_depth", queue="maintenance") > 0
            ),
            processes[0],
        )
        assert time.time() - value(queued, "caunoi_scheduler_last_tick_timestamp_seconds") < 60
        assert float(redis.Redis.from_url(redis_url).get(ticks.TICK_KEY)) > time.time() - 60

        processes.append(start("worker", env, "--metrics-port", str(worker_port)))
        drained = _wait_for(
            f"http://127.0.0.1:{worker_port}/metrics",
            lambda s: (
                ("caunoi_job_queue_depth", frozenset({("queue", "maintenance")})) in s
                and value(s, "caunoi_job_queue_depth", queue="maintenance") == 0
            ),
            processes[1],
        )
        assert value(drained, "process_resident_memory_bytes") > 0
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.communicate(timeout=20)


def test_several_web_processes_add_up_their_requests(postgresql_url: str, redis_url: str, tmp_path: Path) -> None:
    """With PROMETHEUS_MULTIPROC_DIR, any web process's /metrics counts every process's requests."""
    port = free_port()
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_0.db").write_bytes(b"")  # a previous run's file is cleared at start
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAUNOI_")}
    env |= {
        "CAUNOI_REDIS_URL": redis_url,
        "CAUNOI_DATABASE_URL": postgresql_url,
        "CAUNOI_PORT": str(port),
        "CAUNOI_DATA_DIR": str(tmp_path),
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    server = start("run", env, "--workers", "2")
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/metrics", lambda s: True, server)
        # New connections each time: the kernel spreads them over the processes listening (both, once
        # the second has started), each writing its own file.
        sent, deadline = 0, time.monotonic() + 60
        while len(list(metrics_dir.glob("counter_*.db"))) < 2 and time.monotonic() < deadline:
            _get(f"{base}/healthz")
            sent += 1
        assert len(list(metrics_dir.glob("counter_*.db"))) == 2
        route = {"method": "GET", "route": "/healthz", "status": "200"}
        counted = {value(parse(_get(f"{base}/metrics")), "caunoi_http_requests_total", **route) for _ in range(6)}
        assert counted == {float(sent)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=20)


async def test_a_scrape_during_an_outage_says_what_is_down_and_still_counts_requests(
    settings: Settings, redis_url: str
) -> None:
    """Nothing listens on the addresses (a database or Redis that stopped): the scrape answers all the same."""
    settings.database_url = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test"
    settings.notify.redis_url = f"redis://127.0.0.1:{free_port()}/0"
    failed = {"route": "/hoi-dap", "method": "GET", "status": "503"}
    async with AsyncTestClient(app=create_app(settings)) as client:
        before = await scrape(client)
        asked = await client.get("/hoi-dap")
        assert asked.status_code == 503 and asked.headers["retry-after"]
        samples = await scrape(client)
    assert value(samples, "caunoi_database_up") == 0 and value(samples, "caunoi_redis_up") == 0
    assert (
        value(samples, "caunoi_http_requests_total", **failed)
        == value(before, "caunoi_http_requests_total", **failed) + 1
    )
    assert not any(name == "caunoi_questions_open" for name, _ in samples)  # unknown, not zero


async def test_a_scrape_says_the_database_and_redis_answered(
    settings: Settings, database: Database, redis_url: str
) -> None:
    settings.notify.redis_url = redis_url
    async with AsyncTestClient(app=create_app(settings)) as client:
        samples = await scrape(client)
    assert value(samples, "caunoi_database_up") == 1 and value(samples, "caunoi_redis_up") == 1
