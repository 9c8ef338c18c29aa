"""Forwarding to an Open311 server that is not Cầu Nối, and following the question by polling it.

The peer is a small server on loopback speaking GeoReport v2 as the spec has it (services,
``POST requests`` answering with the new request's id, ``GET requests/{id}.json``), with no
callbacks. Our portal is a real instance; the test moves the poll's turn forward (as time
would) and runs the poll the scheduler runs, so the question's history can be read after each
change the peer makes.
"""

import asyncio
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import sqlalchemy as sa

from feedback.federation import polling
from feedback.federation.models import Forward, ForwardStatus
from feedback.lifecycle import EventKind, TicketStatus
from notify.db import Database
from tests.feedback.test_federation import Portal, ask, eventually, forward
from tests.instances import running_instance

KEY = "khoa-cua-cong-tinh-tai-may-chu-open311"


class SpecServer(ThreadingHTTPServer):
    """What the peer holds: the requests filed, each as the spec shows it."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: dict[str, dict[str, Any]] = {}
        self.filed: list[dict[str, list[str]]] = []

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/open311/v2"


class _Handler(BaseHTTPRequestHandler):
    server: SpecServer

    def log_message(self, *args: Any) -> None:
        pass

    def _json(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path, query = urlsplit(self.path).path, parse_qs(urlsplit(self.path).query)
        if path.endswith("/services.json"):
            services = [{"service_code": "giay-phep-xay-dung", "service_name": "Cấp phép xây dựng", "group": "Xây dựng",
                         "metadata": False, "type": "realtime", "keywords": "", "description": ""}]  # fmt: skip
            return self._json(200, services)
        if "/requests/" in path and query.get("api_key") == [KEY]:
            found = self.server.requests.get(path.rsplit("/", 1)[1].removesuffix(".json"))
            return self._json(200, [found]) if found else self._json(404, [{"code": 404, "description": "not found"}])
        return self._json(404, [{"code": 404, "description": "not found"}])

    def do_POST(self) -> None:
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if not self.path.endswith("/requests.json") or form.get("api_key") != [KEY]:
            return self._json(403, [{"code": 403, "description": "api_key"}])
        self.server.filed.append(form)
        request_id = f"SR-{len(self.server.filed)}"
        self.server.requests[request_id] = {
            "service_request_id": request_id,
            "status": "open",
            "status_notes": None,
            "service_code": form["service_code"][0],
            "description": form["description"][0],
            "expected_datetime": None,
            "requested_datetime": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return self._json(201, [{"service_request_id": request_id, "service_notice": "Đã tiếp nhận"}])


@pytest.fixture
def spec_server() -> Iterator[SpecServer]:
    server = SpecServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _poll(portal: Portal, sent: Forward, *, at: datetime) -> int:
    """What the scheduler's poll does once the forward's turn has come at ``at``; the number of forwards asked about."""

    async def go() -> int:
        database = Database(portal.instance.database_url)
        try:
            async with database.transaction() as session:
                await session.execute(
                    sa.update(Forward).where(Forward.id == sent.id, Forward.poll_at.is_not(None)).values(poll_at=at)
                )
            async with httpx.AsyncClient() as client:
                return await polling.poll_due(database, client, now=at)
        finally:
            await database.dispose()

    return asyncio.run(go())


def test_a_plain_open311_peer_is_followed_by_polling(
    tmp_path_factory: pytest.TempPathFactory, spec_server: SpecServer
) -> None:
    data_dir = tmp_path_factory.mktemp("portal_polling")
    with running_instance(data_dir) as instance:
        a = Portal("Cổng TTĐT tỉnh A", data_dir, instance)
        out = a.cli("peer", "add", "--name", "Hệ thống PAKN quốc gia", "--url", spec_server.root, "--key", KEY,
                    "--secret", "bí-mật-không-dùng-đến-nhưng-bắt-buộc")  # fmt: skip
        peer_id = int(out.split("registered peer #")[1].split()[0])
        reference, token = ask(a, "Xin hỏi về giấy phép xây dựng nhà xưởng", "binh.vo@example.com")
        forward(a.staff("xd.chuyenvien"), reference, peer_id, reason="Thuộc hệ thống PAKN quốc gia")
        sent = eventually(
            lambda: (f := a.forward_of(reference)).status is ForwardStatus.AT_PEER and f, "the peer takes it"
        )
        assert sent.their_id == "SR-1" and sent.poll_at is not None
        [filed] = spec_server.filed
        assert filed["service_code"] == ["giay-phep-xay-dung"] and "nhà xưởng" in filed["description"][0]
        assert "email" not in filed and "first_name" not in filed  # the contact stays with us
        assert len(filed["idempotency_key"][0]) == 32

        now = datetime.now(UTC)
        expected = (now + timedelta(days=10)).replace(microsecond=0)
        spec_server.requests["SR-1"]["expected_datetime"] = expected.isoformat()
        assert _poll(a, sent, at=now) == 1
        assert _poll(a, sent, at=now + timedelta(seconds=1)) == 1  # nothing new: nothing recorded twice
        ticket = a.ticket(reference)
        assert ticket.answer_due_at == expected and a.forward_of(reference).expected_at == expected
        accepted = [e for e in a.events(reference) if e.kind == EventKind.PEER_UPDATE]
        assert [e.data["update"] for e in accepted] == ["accepted"]
        later = a.forward_of(reference).poll_at
        assert later == now + timedelta(seconds=1) + polling.LATEST  # a quarter of ten days is more than six hours

        spec_server.requests["SR-1"].update(status="closed", status_notes="Đã hướng dẫn: nộp hồ sơ tại Sở Xây dựng.")
        assert _poll(a, sent, at=now + timedelta(hours=7)) == 1
        assert _poll(a, sent, at=now + timedelta(hours=8)) == 0  # answered: nothing left to ask
        ticket = a.ticket(reference)
        assert (
            ticket.status is TicketStatus.ANSWERED and ticket.answer_text == "Đã hướng dẫn: nộp hồ sơ tại Sở Xây dựng."
        )
        assert [e.kind for e in a.events(reference)].count(EventKind.ANSWERED) == 1
        done = a.forward_of(reference)
        assert done.status is ForwardStatus.ANSWERED and done.poll_at is None
        page = httpx.get(f"{a.url}/cau-hoi/{reference}", params={"token": token}).text
        assert "nộp hồ sơ tại Sở Xây dựng" in page and "Hệ thống PAKN quốc gia" in page


def test_the_poll_asks_sooner_as_the_deadline_nears_and_backs_off_while_the_peer_is_silent() -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    assert polling.next_poll(now, None) == now + polling.LATEST
    assert polling.next_poll(now, now + timedelta(days=10)) == now + polling.LATEST
    assert polling.next_poll(now, now + timedelta(hours=8)) == now + timedelta(hours=2)
    assert polling.next_poll(now, now + timedelta(minutes=20)) == now + polling.SOONEST
    assert polling.next_poll(now, now - timedelta(days=1)) == now + polling.LATE
    assert polling.next_poll(now, now + timedelta(hours=8), failures=2) == now + timedelta(hours=8)
    assert polling.next_poll(now, None, failures=5) == now + polling.LONGEST_BACKOFF
