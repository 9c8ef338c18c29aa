"""Questions that travel between portals: two (or three) real Cầu Nối instances on loopback.

Each portal is started as a newcomer starts one (its own SQLite database, the demo loaded,
``caunoi run`` with its in-process worker and scheduler, on its own port). Each registers the
other as a peer with the CLI, and each gives the other an Open311 key. Staff act through their
pages and the citizen through the status page, as they would; the tests look at what each
portal stored and at the messages that left it.
"""

import asyncio
import email
import hashlib
import hmac
import json
import re
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from feedback.federation.models import Forward, ForwardStatus, PeerMessage, Received
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Channel, Ticket, TicketEvent
from feedback.open311.keys import add_client
from notify.db import Database
from notify.models import Delivery
from tests.conftest import free_port
from tests.factories import png_bytes
from tests.instances import CAUNOI, Instance, environment, running_instance

SECRET = "bí-mật-chung-giữa-các-cổng-2026"
PASSWORD = "caunoi-demo-2026"
SERVICE = "giay-phep-xay-dung"
"""A category every demo portal has, answered by Sở Xây dựng, whose demo staff answer it."""
WAIT_S = 40.0


@dataclass
class Portal:
    name: str
    data_dir: Path
    instance: Instance
    peer_ids: dict[str, int] = field(default_factory=dict)
    """Our peer id of each portal connected to this one, by that portal's name."""

    @property
    def url(self) -> str:
        return self.instance.url

    @property
    def root(self) -> str:
        return f"{self.instance.url}/open311/v2"

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [str(CAUNOI), *args],
            env=environment(self.data_dir, 0, {}),
            cwd=self.data_dir,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, f"caunoi {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def query(self, statement: Any) -> list[Any]:
        return asyncio.run(_query(self.instance.database_url, statement))

    def ticket(self, reference: str) -> Ticket:
        [ticket] = self.query(sa.select(Ticket).where(Ticket.reference == reference))
        return ticket

    def events(self, reference: str) -> list[TicketEvent]:
        return self.query(
            sa.select(TicketEvent)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(Ticket.reference == reference)
            .order_by(TicketEvent.id)
        )

    def forward_of(self, reference: str) -> Forward:
        [sent] = self.query(
            sa.select(Forward).join(Ticket, Ticket.id == Forward.ticket_id).where(Ticket.reference == reference)
            .order_by(Forward.id.desc()).limit(1)
        )  # fmt: skip
        return sent

    def staff(self, username: str) -> "Staff":
        return Staff(self, username)


async def _query(database_url: str, statement: Any) -> list[Any]:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            return list((await session.scalars(statement)).all())
    finally:
        await database.dispose()


async def _add_app(database_url: str, name: str) -> tuple[int, str]:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            app, key = await add_client(session, name)
            return app.id, key
    finally:
        await database.dispose()


def connect(a: Portal, b: Portal) -> None:
    """Each registers the other: the key it holds there, the secret both share, the app it files with."""
    a_app_at_b, key_of_a_at_b = asyncio.run(_add_app(b.instance.database_url, a.name))
    b_app_at_a, key_of_b_at_a = asyncio.run(_add_app(a.instance.database_url, b.name))
    for here, there, key, app in ((a, b, key_of_a_at_b, b_app_at_a), (b, a, key_of_b_at_a, a_app_at_b)):
        out = here.cli("peer", "add", "--name", there.name, "--url", there.root, "--key", key, "--secret", SECRET,
                       "--app-id", str(app))  # fmt: skip
        here.peer_ids[there.name] = int(re.search(r"registered peer #(\d+)", out).group(1))
        assert SERVICE in out, out


def eventually(check: Callable[[], Any], what: str, timeout: float = WAIT_S) -> Any:
    """``check()``'s first true value, tried until ``timeout``; fails saying ``what`` did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.3)
    pytest.fail(f"within {timeout:.0f} s: {what}")


CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="([^"]+)"')


class Staff:
    """A member of a portal's staff at work in its pages."""

    def __init__(self, portal: Portal, username: str) -> None:
        self.portal = portal
        self.client = httpx.Client(base_url=portal.url, timeout=30)
        page = self.client.get("/can-bo/dang-nhap")
        token = CSRF.search(page.text).group(1)
        signed_in = self.client.post(
            "/can-bo/dang-nhap",
            data={"username": username, "password": PASSWORD, "_csrf_token": token, "next": "/can-bo"},
        )
        assert signed_in.status_code == 303, signed_in.text

    def page(self, reference: str) -> str:
        page = self.client.get(f"/can-bo/cau-hoi/{reference}")
        assert page.status_code == 200, page.text
        return page.text

    def act(self, reference: str, action: str, **fields: str) -> httpx.Response:
        page = self.page(reference)
        form = {"_csrf_token": CSRF.search(page).group(1), "version": VERSION.search(page).group(1), **fields}
        return self.client.post(f"/can-bo/cau-hoi/{reference}/{action}", data=form)

    def done(self, reference: str, action: str, **fields: str) -> None:
        response = self.act(reference, action, **fields)
        assert response.status_code == 303, f"{action}: {response.status_code}\n{response.text[-3000:]}"


def ask(portal: Portal, title: str, email_address: str, files: dict[str, bytes] | None = None) -> tuple[str, str]:
    """A citizen asks on the portal, with ``files`` attached: the reference and the tracking token."""
    fields = {
        "category": SERVICE,
        "title": title,
        "question": f"{title}. Xin hỏi thủ tục và thời hạn giải quyết theo quy định hiện hành?",
        "name": "Nguyễn Thị Hoa",
        "email": email_address,
        "publish": "true",
    }
    attached = [("files", (name, content, "image/png")) for name, content in (files or {}).items()]
    answer = httpx.post(f"{portal.url}/api/v1/questions", data=fields, files=attached or None, timeout=30)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return body["reference"], body["tracking_url"].rsplit("token=", 1)[1]


def emails_to(portal: Portal, address: str) -> list[email.message.Message]:
    """The messages the portal sent to ``address`` (without SMTP, its outbox folder holds them)."""
    found = []
    for path in sorted((portal.data_dir / "outbox" / "email").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        if address in (message["To"] or ""):
            found.append(message)
    return found


def subjects(messages: list[email.message.Message]) -> list[str]:
    return [str(email.header.make_header(email.header.decode_header(m["Subject"]))) for m in messages]


@pytest.fixture(scope="module")
def portals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Portal, Portal]]:
    """Cổng A (the province the citizen asks) and Cổng B (the agency that answers), connected."""
    a_dir, b_dir = tmp_path_factory.mktemp("portal_a"), tmp_path_factory.mktemp("portal_b")
    with running_instance(a_dir) as a_instance, running_instance(b_dir) as b_instance:
        a = Portal("Cổng TTĐT tỉnh A", a_dir, a_instance)
        b = Portal("Cổng TTĐT Bộ B", b_dir, b_instance)
        connect(a, b)
        yield a, b


def forward(staff: Staff, reference: str, peer_id: int, reason: str = "Thuộc thẩm quyền của Bộ") -> None:
    staff.done(reference, "forward", service=f"{peer_id}:{SERVICE}", reason=reason)


def taken(portal: Portal, reference: str) -> Forward:
    return eventually(
        lambda: (f := portal.forward_of(reference)).status is ForwardStatus.AT_PEER and f.expected_at and f,
        f"{portal.name} hears that its peer took {reference} and by when it answers",
    )


def test_a_question_forwarded_is_answered_by_the_peer_and_the_citizen_hears_it_once(
    portals: tuple[Portal, Portal],
) -> None:
    a, b = portals
    citizen = "hoa.nguyen@example.com"
    photo = png_bytes(4, 3)
    reference, token = ask(a, "Cấp phép xây dựng nhà ở riêng lẻ ven quốc lộ", citizen, {"mat-bang.png": photo})
    forward(a.staff("xd.chuyenvien"), reference, a.peer_ids[b.name])

    sent = taken(a, reference)
    theirs = b.ticket(sent.their_id)
    assert theirs.channel is Channel.PEER
    assert theirs.citizen_email is None and theirs.citizen_name == ""  # the contact stays with the origin
    assert theirs.publish_consent is True and theirs.title.startswith("Cấp phép xây dựng")
    [received] = b.query(sa.select(Received).where(Received.ticket_id == theirs.id))
    assert received.their_reference == reference
    arrival = b.events(sent.their_id)[0]
    assert arrival.kind == EventKind.RECEIVED and arrival.data["peer"] == a.name
    assert f"Tiếp nhận từ {a.name}, mã số tại đó {reference}" in b.staff("xd.chuyenvien").page(sent.their_id)
    # The citizen's file reaches the peer's staff as a signed link to the origin, and only as that.
    [link] = theirs.client_data["media_urls"]
    assert link.startswith(f"{a.url}/lien-thong/tep/") and theirs.client_data["media_url"] == link
    fetched = httpx.get(link)
    assert fetched.status_code == 200 and fetched.content == photo
    assert httpx.get(link.replace("chu-ky=", "chu-ky=0")).status_code == 404
    assert httpx.get(link.split("?")[0]).status_code == 404

    # At the origin: the transfer clock met, the peer's deadline is the citizen's.
    ours = a.ticket(reference)
    assert ours.status is TicketStatus.FORWARDED and ours.accepted_at is not None
    assert sent.expected_at == theirs.answer_due_at == ours.answer_due_at
    status_page = httpx.get(f"{a.url}/cau-hoi/{reference}", params={"token": token}).text
    assert b.name in status_page and sent.their_id in status_page
    staff_page = a.staff("xd.chuyenvien").page(reference)
    assert b.name in staff_page and sent.their_id in staff_page

    # The peer asks the citizen for more; the citizen replies at the origin; the reply reaches the peer.
    b_officer = b.staff("xd.chuyenvien")
    b_officer.done(sent.their_id, "accept")
    b_officer.done(sent.their_id, "request_info", message="Đề nghị cho biết diện tích lô đất và số tầng dự kiến.")
    eventually(lambda: a.ticket(reference).status is TicketStatus.AWAITING_CITIZEN, "the origin relays the request")
    page = httpx.get(f"{a.url}/cau-hoi/{reference}", params={"token": token})
    assert "Đề nghị cho biết diện tích lô đất" in page.text
    reply = httpx.post(
        f"{a.url}/cau-hoi/{reference}/bo-sung",
        data={
            "token": token,
            "reply": "Lô đất 120 m², dự kiến xây 3 tầng.",
            "_csrf_token": CSRF.search(page.text).group(1),
        },
        cookies=page.cookies,
    )
    assert reply.status_code in (200, 303), reply.text
    eventually(lambda: b.ticket(sent.their_id).status is TicketStatus.IN_PROGRESS, "the reply reaches the peer")
    assert [e.data["text"] for e in b.events(sent.their_id) if e.kind == EventKind.CITIZEN_REPLIED] == [
        "Lô đất 120 m², dự kiến xây 3 tầng."
    ]
    assert a.ticket(reference).status is TicketStatus.FORWARDED

    # The peer answers; the answer is the origin's to send, once.
    answer = "Hồ sơ gồm đơn đề nghị, bản vẽ thiết kế và giấy tờ về quyền sử dụng đất; thời hạn giải quyết 15 ngày."
    b_officer.done(sent.their_id, "submit", answer=answer)
    b.staff("xd.truongphong").done(sent.their_id, "approve")
    ours = eventually(
        lambda: (t := a.ticket(reference)).status is TicketStatus.ANSWERED and t, "the answer reaches the origin"
    )
    assert ours.answer_text == answer and ours.published_at is not None  # the citizen agreed to publication
    eventually(lambda: len(subjects(emails_to(a, citizen))) >= 3, "the answer is emailed to the citizen")
    time.sleep(2)  # anything sent twice would have arrived by now
    answered = [s for s in subjects(emails_to(a, citizen)) if "đã được trả lời" in s or "answered" in s]
    assert len(answered) == 1, subjects(emails_to(a, citizen))
    assert a.forward_of(reference).status is ForwardStatus.ANSWERED
    page = httpx.get(f"{a.url}/cau-hoi/{reference}", params={"token": token}).text
    assert "thời hạn giải quyết 15 ngày" in page and b.name in page
    assert not emails_to(b, citizen)  # the peer never had the address
    # Published at both, as the citizen agreed: ours names the peer and links to its page.
    their_page = f"{b.url}/hoi-dap/{sent.their_id}"
    eventually(lambda: a.forward_of(reference).public_url == their_page, "the peer's public page is known")
    qa = httpx.get(f"{a.url}/hoi-dap/{reference}").text
    assert b.name in qa and their_page in qa and "thời hạn giải quyết 15 ngày" in qa


def test_the_peer_sends_it_back_and_it_returns_to_our_triage(portals: tuple[Portal, Portal]) -> None:
    a, b = portals
    reference, _ = ask(a, "Hỏi về cấp phép xây dựng công trình tôn giáo", "tuan.le@example.com")
    forward(a.staff("xd.chuyenvien"), reference, a.peer_ids[b.name])
    sent = taken(a, reference)
    b.staff("xd.chuyenvien").done(sent.their_id, "send_back", reason="Không thuộc thẩm quyền của Bộ B.")
    assert b.ticket(sent.their_id).status is TicketStatus.RETURNED
    ours = eventually(lambda: (t := a.ticket(reference)).status is TicketStatus.TRIAGE and t, "it comes back")
    assert a.forward_of(reference).status is ForwardStatus.RETURNED
    [back] = [e for e in a.events(reference) if e.kind == EventKind.TAKEN_BACK]
    assert back.data == {"peer": b.name, "reason": "Không thuộc thẩm quyền của Bộ B."}
    assert ours.department_id is not None  # the coordinating office's triage
    assert "Không thuộc thẩm quyền của Bộ B." in a.staff("dieuphoi").page(reference)


def _signed(secret: str, body: bytes, key: str, at: float | None = None) -> dict[str, str]:
    timestamp = str(int(at if at is not None else time.time()))
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Caunoi-Key": key,
        "X-Caunoi-Timestamp": timestamp,
        "X-Caunoi-Signature": f"sha256={digest}",
    }


def test_a_forged_stale_or_replayed_callback_changes_nothing(portals: tuple[Portal, Portal]) -> None:
    a, b = portals
    reference, _ = ask(a, "Hỏi về giấy phép xây dựng có thời hạn", "minh.tran@example.com")
    forward(a.staff("xd.chuyenvien"), reference, a.peer_ids[b.name])
    sent = taken(a, reference)
    eventually(lambda: any(e.kind == EventKind.PEER_UPDATE for e in a.events(reference)), "the peer says it accepted")
    # The key B holds at A, as B's register keeps it.
    [key] = b.query(sa.text("SELECT api_key FROM peer WHERE name = :n").bindparams(n=a.name))
    before = len(a.events(reference))

    def update(notes: str) -> bytes:
        return json.dumps(
            {"update_id": uuid.uuid4().hex, "kind": "progress", "service_request_id": sent.their_id, "notes": notes}
        ).encode()

    url = f"{a.root}/peer-updates.json"
    forged = update("Giả mạo")
    refused = httpx.post(url, content=forged, headers=_signed("một bí mật khác hẳn", forged, key))
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "X-Caunoi-Signature"
    stale = update("Cũ")
    assert httpx.post(url, content=stale, headers=_signed(SECRET, stale, key, time.time() - 360)).status_code == 403
    assert httpx.post(url, content=stale, headers=_signed(SECRET, stale, "khoa-khong-ai-giu")).status_code == 403
    assert len(a.events(reference)) == before

    good = update("Đang lấy ý kiến Vụ Pháp chế.")
    assert httpx.post(url, content=good, headers=_signed(SECRET, good, key)).status_code == 200
    replayed = httpx.post(url, content=good, headers=_signed(SECRET, good, key))
    assert replayed.status_code == 403 and replayed.json()["errors"][0]["field"] == "update_id"
    notes = [e.data.get("notes") for e in a.events(reference)[before:]]
    assert notes == ["Đang lấy ý kiến Vụ Pháp chế."]

    unknown = json.dumps({"update_id": uuid.uuid4().hex, "kind": "progress", "service_request_id": "2026-999999"})
    missing = httpx.post(url, content=unknown.encode(), headers=_signed(SECRET, unknown.encode(), key))
    assert missing.status_code == 404 and missing.json()["errors"][0]["field"] == "service_request_id"
    bad = b'{"update_id": "x", "kind": "answered"}'
    assert httpx.post(url, content=bad, headers=_signed(SECRET, bad, key)).json()["errors"][0]["field"] == (
        "service_request_id"
    )


def test_a_forward_to_a_peer_that_is_down_goes_out_once_when_it_is_back(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    a_dir, c_dir = tmp_path_factory.mktemp("portal_a2"), tmp_path_factory.mktemp("portal_c")
    c_port = free_port()
    with running_instance(a_dir) as a_instance:
        a = Portal("Cổng TTĐT tỉnh A", a_dir, a_instance)
        with running_instance(c_dir, port=c_port) as c_instance:
            c = Portal("Cổng TTĐT tỉnh C", c_dir, c_instance)
            connect(a, c)
        reference, _ = ask(a, "Hỏi về cấp phép sửa chữa nhà ở", "lan.pham@example.com")
        forward(a.staff("xd.chuyenvien"), reference, a.peer_ids[c.name])
        waiting = eventually(lambda: (f := a.forward_of(reference)).error and f, "the failed attempt is told to staff")
        assert waiting.status is ForwardStatus.WAITING and "could not be reached" in waiting.error
        page = a.staff("xd.chuyenvien").page(reference)
        assert "could not be reached" in page
        with running_instance(c_dir, port=c_port) as c_instance:
            c.instance = c_instance
            sent = eventually(
                lambda: (f := a.forward_of(reference)).status is ForwardStatus.AT_PEER and f,
                "the forward goes out once the peer is back",
                timeout=150,
            )
            time.sleep(3)
            [theirs] = c.query(sa.select(Ticket).where(Ticket.channel == Channel.PEER))
            assert theirs.reference == sent.their_id
            [message] = a.query(sa.select(PeerMessage).where(PeerMessage.forward_id == sent.id))
            assert message.attempts >= 2 and message.sent_at is not None
    assert not a.query(sa.select(Delivery).where(Delivery.status == "failed", Delivery.error.contains("peer")))


def test_a_chain_of_portals_keeps_one_history_and_the_answer_comes_back_to_the_first(
    portals: tuple[Portal, Portal], tmp_path_factory: pytest.TempPathFactory
) -> None:
    a, b = portals
    c_dir = tmp_path_factory.mktemp("portal_c_chain")
    with running_instance(c_dir) as c_instance:
        c = Portal("Cổng TTĐT Chính phủ", c_dir, c_instance)
        connect(b, c)
        citizen = "quang.do@example.com"
        reference, token = ask(a, "Hỏi về quy chuẩn xây dựng nhà cao tầng", citizen)
        forward(a.staff("xd.chuyenvien"), reference, a.peer_ids[b.name])
        at_b = taken(a, reference).their_id
        forward(b.staff("xd.chuyenvien"), at_b, b.peer_ids[c.name], reason="Thuộc thẩm quyền của Chính phủ")
        at_c = taken(b, at_b).their_id
        [received] = c.query(sa.select(Received))
        assert received.their_reference == at_b  # each hop knows the one before it

        # A hears that B forwarded it on, and C's deadline becomes A's.
        hop = eventually(
            lambda: [e for e in a.events(reference) if e.data.get("update") == "forwarded"],
            "the first portal hears of the second hop",
        )
        assert c.name in hop[0].data["notes"] and at_c in hop[0].data["notes"]
        c_due = c.ticket(at_c).answer_due_at
        eventually(lambda: a.ticket(reference).answer_due_at == c_due, "the last portal's deadline reaches the first")

        answer = "Áp dụng QCVN 03:2022/BXD; chủ đầu tư lập hồ sơ theo hướng dẫn của Bộ Xây dựng."
        c_officer = c.staff("xd.chuyenvien")
        c_officer.done(at_c, "accept")
        c_officer.done(at_c, "submit", answer=answer)
        c.staff("xd.truongphong").done(at_c, "approve")
        eventually(lambda: b.ticket(at_b).status is TicketStatus.ANSWERED, "the answer reaches the second portal")
        ours = eventually(
            lambda: (t := a.ticket(reference)).status is TicketStatus.ANSWERED and t, "and comes back to the first"
        )
        assert ours.answer_text == answer
        eventually(lambda: any("QCVN 03:2022" in m.get_payload(decode=True).decode() for m in _parts(a, citizen)),
                   "the citizen gets the answer")  # fmt: skip
        page = httpx.get(f"{a.url}/cau-hoi/{reference}", params={"token": token}).text
        assert "QCVN 03:2022/BXD" in page
        kinds = [e.kind for e in a.events(reference)]
        assert kinds.count(EventKind.ANSWERED) == 1 and EventKind.FORWARD_TAKEN in kinds


def _parts(portal: Portal, address: str) -> list[email.message.Message]:
    return [part for m in emails_to(portal, address) for part in m.walk() if part.get_content_type() == "text/plain"]
