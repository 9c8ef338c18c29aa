"""The register of peer portals: `caunoi peer add | list | remove | refresh` against a real peer on loopback.

The peer is another Cầu Nối, started as a newcomer starts one (its own SQLite database, the
demo loaded, ``caunoi run`` on a free port): its services are read over HTTP as any portal
would read them.
"""

from datetime import timedelta

import dramatiq
import pytest
import sqlalchemy as sa
from dramatiq.brokers.stub import StubBroker

from feedback import actors
from feedback.federation.models import Peer
from feedback.federation.peers import PeerError, add_peer
from feedback.federation.services import peers_to_refresh
from feedback.settings import Settings, get_settings
from notify.broker import broker
from notify.db import Database, utcnow
from tests.conftest import free_port
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)
from tests.feedback.test_open311_clients import Server, server  # noqa: F401  (server is a fixture)

SECRET = "một-bí-mật-chung-đủ-dài"


def test_a_peer_is_registered_with_its_services_listed_without_its_key_and_removed(
    caunoi,  # noqa: F811
    server: Server,  # noqa: F811
) -> None:
    run, url = caunoi
    added = run("peer", "add", "--name", "Cổng TTĐT tỉnh Nghệ An", "--url", f"{server.root}/", "--key", "khoa-cua-chung-toi",
                "--secret", SECRET)  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "registered peer #1 Cổng TTĐT tỉnh Nghệ An" in added.output
    assert "dat-dai" in added.output

    [peer] = query(url, sa.select(Peer))
    assert peer.base_url == server.root  # the trailing slash is dropped
    codes = {s["code"]: s for s in peer.services}
    assert codes["dat-dai"] == {
        "code": "dat-dai",
        "name": "Đất đai, giấy chứng nhận quyền sử dụng đất",
        "group": "Đất đai, môi trường, nông nghiệp",
    }
    assert peer.services_fetched_at is not None and peer.services_error is None

    listed = run("peer", "list").output
    assert "Cổng TTĐT tỉnh Nghệ An" in listed and "keeps contact" in listed and f"{len(codes)} services" in listed
    assert "khoa-cua-chung-toi" not in listed and SECRET not in listed

    assert run("peer", "remove", "Cổng TTĐT tỉnh Nghệ An").exit_code == 0
    assert run("peer", "list").output.strip() == "no peer registered"
    assert "removed" in run("peer", "list", "--all").output
    again = run(
        "peer", "add", "--name", "Cổng TTĐT tỉnh Nghệ An", "--url", server.root, "--key", "k", "--secret", SECRET
    )
    assert again.exit_code != 0 and "already registered" in again.output


def test_a_peer_that_is_down_keeps_its_list_and_says_why(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    down = f"http://127.0.0.1:{free_port()}/open311/v2"
    added = run(
        "peer", "add", "--name", "Bộ Tài chính", "--url", down, "--key", "k", "--secret", SECRET, "--send-contact"
    )
    assert added.exit_code == 0, added.output
    assert "could not read its services: the peer could not be reached (ConnectError)" in added.output
    [peer] = query(url, sa.select(Peer))
    assert peer.services == [] and peer.services_fetched_at is None and peer.send_contact is True
    assert peer.services_error == "the peer could not be reached (ConnectError)"
    assert "last reading failed" in run("peer", "list").output


def test_bad_input_is_refused_in_one_line_and_registers_nothing(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    for args, message in [
        (["--name", " ", "--url", "https://a.vn/open311/v2", "--key", "k", "--secret", SECRET], "needs a name"),
        (["--name", "A", "--url", "ftp://a.vn/open311", "--key", "k", "--secret", SECRET], "the URL is not one"),
        (
            ["--name", "A", "--url", "https://a.vn/open311/v2?x=1", "--key", "k", "--secret", SECRET],
            "the URL is not one",
        ),
        (["--name", "A", "--url", "https://a.vn/open311/v2", "--key", "k", "--secret", "ngắn"], "secret is too short"),
        (["--name", "<b>A</b>", "--url", "https://a.vn/open311/v2", "--key", "k", "--secret", SECRET], "plain text"),
        (["--name", "A", "--url", "https://a.vn/open311/v2", "--key", "k\x00", "--secret", SECRET], "plain text"),
    ]:
        result = run("peer", "add", *args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert query(url, sa.select(Peer)) == []
    missing = run("peer", "remove", "Không có")
    assert missing.exit_code != 0 and "no peer named 'Không có'" in missing.output


async def test_services_are_read_again_daily_and_an_hour_after_a_failure(database: Database) -> None:
    now = utcnow()
    async with database.transaction() as session:
        fresh = await add_peer(session, name="Mới", url="https://a.vn/open311/v2", key="k", secret=SECRET)
        old = await add_peer(session, name="Cũ", url="https://b.vn/open311/v2", key="k", secret=SECRET)
        failed = await add_peer(session, name="Lỗi", url="https://c.vn/open311/v2", key="k", secret=SECRET)
        never = await add_peer(session, name="Chưa", url="https://d.vn/open311/v2", key="k", secret=SECRET)
        fresh.services_tried_at = now - timedelta(hours=5)
        old.services_tried_at = now - timedelta(days=1, minutes=1)
        failed.services_tried_at, failed.services_error = now - timedelta(minutes=61), "the peer answered HTTP 503"
        assert never.services_tried_at is None
    async with database.transaction() as session:
        assert {p.name for p in await peers_to_refresh(session, now)} == {"Cũ", "Lỗi", "Chưa"}


async def test_a_name_is_taken_once_even_by_a_removed_peer(database: Database) -> None:
    async with database.transaction() as session:
        await add_peer(session, name="Bộ Nội vụ", url="https://a.vn/open311/v2", key="k", secret=SECRET)
    async with database.transaction() as session:
        try:
            await add_peer(session, name=" Bộ Nội vụ ", url="https://b.vn/open311/v2", key="k", secret=SECRET)
        except PeerError as exc:
            assert "already registered" in str(exc)
        else:
            raise AssertionError("a second peer of the same name was registered")


@pytest.mark.skipif(not isinstance(broker, StubBroker), reason="runs on the in-process broker")
async def test_the_scheduled_job_reads_a_stale_peer_s_services_on_a_worker(
    database: Database,
    settings: Settings,
    server: Server,  # noqa: F811
    monkeypatch,
) -> None:
    monkeypatch.setenv("CAUNOI_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CAUNOI_DATA_DIR", str(settings.data_dir))
    get_settings.cache_clear()
    monkeypatch.setattr(actors, "_database", None)
    async with database.transaction() as session:
        stale = await add_peer(session, name="Cổng TTĐT tỉnh Nghệ An", url=server.root, key="k", secret=SECRET)
        stale.services_tried_at = utcnow() - timedelta(days=2)
        await add_peer(session, name="Chưa đến hạn", url="https://a.vn/open311/v2", key="k", secret=SECRET)
        fresh = await session.scalar(sa.select(Peer).where(Peer.name == "Chưa đến hạn"))
        fresh.services_tried_at = utcnow()
    worker = dramatiq.Worker(broker, worker_threads=1)
    worker.start()
    try:
        actors.refresh_peer_services.send()
        broker.join(actors.refresh_peer_services.queue_name, fail_fast=True)
        worker.join()
    finally:
        worker.stop()
        get_settings.cache_clear()
    async with database.transaction() as session:
        peers = {p.name: p for p in await session.scalars(sa.select(Peer))}
    assert "dat-dai" in {s["code"] for s in peers["Cổng TTĐT tỉnh Nghệ An"].services}
    assert peers["Chưa đến hạn"].services == [] and peers["Chưa đến hạn"].services_error is None
