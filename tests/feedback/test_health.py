"""Probes: alive, and ready only when the database (and Redis when configured) answer."""

from litestar.testing import AsyncTestClient

from feedback.app import create_app
from feedback.settings import Settings
from notify.db import Database
from tests.conftest import REDIS_URL, free_port


async def test_healthz_and_readyz(client: AsyncTestClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ok"}


async def test_readyz_checks_redis_when_configured(settings: Settings, database: Database) -> None:
    settings.notify.redis_url = REDIS_URL
    async with AsyncTestClient(app=create_app(settings)) as client:
        ready = await client.get("/readyz")
        assert ready.status_code == 200, ready.text


async def test_readyz_names_what_is_down(settings: Settings, database: Database) -> None:
    settings.notify.redis_url = f"redis://127.0.0.1:{free_port()}/0"
    async with AsyncTestClient(app=create_app(settings)) as client:
        ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert set(ready.json()["failing"]) == {"redis"}

    settings.notify.redis_url = None
    settings.database_url = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test"
    async with AsyncTestClient(app=create_app(settings)) as client:
        ready = await client.get("/readyz")
        alive = await client.get("/healthz")
    assert ready.status_code == 503 and set(ready.json()["failing"]) == {"database"}
    assert alive.status_code == 200
