"""Seeing the network (issue 15): the questions forwarded to peers on the dashboard, and the exchanges on /thong-ke.

The forwards are made and followed through the services (forward, the sender's claim and record of
the peer's answer or error, the peer's updates), on a clock frozen at a Friday morning in March
2026 after two weeks of traffic; the pages read the same clock.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.federation import forwarding, sender
from feedback.federation.models import Peer
from feedback.federation.network import exchanges, network
from feedback.federation.receiving import receive_forward
from feedback.open311.keys import add_client
from feedback.performance import Period, PeriodKind, Scope
from notify.db import Database
from routing.calendar import VIETNAM
from routing.models import Department
from routing.services import routing_data
from tests.factories import add_staff, log_in, submit

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=VIETNAM)
"""A Friday, 09:00 in Vietnam: the frozen present."""
MARCH = Period(PeriodKind.CUSTOM, date(2026, 3, 1), date(2026, 3, 20))
FINANCE, NGHE_AN, HA_TINH = "Cổng TTĐT Bộ Tài chính", "Cổng TTĐT tỉnh Nghệ An", "Cổng TTĐT tỉnh Hà Tĩnh"
SERVICE = {"code": "thue-dat", "name": "Thuế sử dụng đất", "group": "Thuế"}


def at(day: int, hour: int = 9, month: int = 3) -> datetime:
    """An instant of 2026 in Vietnam."""
    return datetime(2026, month, day, hour, 0, tzinfo=VIETNAM)


@dataclass
class Traffic:
    references: dict[str, str]
    """By role in the story: the question's reference."""


async def _peer(database: Database, name: str, *, app: bool = False) -> int:
    async with database.transaction() as session:
        client_id = (await add_client(session, name))[0].id if app else None
        peer = Peer(name=name, base_url="https://peer.example/open311/v2", api_key="k" * 20, secret="s" * 20,
                    services=[SERVICE], client_id=client_id, created_at=at(1, month=2))  # fmt: skip
        session.add(peer)
        await session.flush()
        return peer.id


async def _forward(database: Database, tmp_path: Path, peer_id: int, title: str, *, when: datetime) -> tuple[int, str]:
    """A question of Sở Xây dựng asked the day before, forwarded at ``when``: its forward's id and its reference."""
    asked = await submit(database, tmp_path, now=when - timedelta(days=1), title=title)
    async with database.transaction() as session:
        sent = await forwarding.forward(session, asked.ticket_id, peer_id=peer_id, service_code=SERVICE["code"],
                                        reason="Thuộc thẩm quyền của cổng bạn", actor_id=None, now=when)  # fmt: skip
        return sent.id, asked.reference


async def _deliver(database: Database, outcomes: dict[int, dict], *, now: datetime) -> None:
    """The sender claims every due forward and records what each peer answered: ``{forward id: outcome}``."""
    async with database.transaction() as session:
        jobs = await sender.claim(session, now=now)
        assert {job.forward_id for job in jobs} == set(outcomes)
        await sender.record(session, [sender.Outcome(job, **outcomes[job.forward_id]) for job in jobs], now=now)


async def _peer_says(database: Database, peer_id: int, their_id: str, kind: str, *, now: datetime, **more) -> None:
    async with database.transaction() as session:
        peer = await session.get_one(Peer, peer_id)
        sent = await forwarding.forward_at(session, peer, their_id)
        await forwarding.apply_update(session, sent, peer, {"kind": kind, "notes": more.pop("notes", None), **more},
                                      now=now)  # fmt: skip


@pytest.fixture
async def traffic(database: Database, tmp_path: Path) -> Traffic:
    """Two weeks between portals.

    To Bộ Tài chính, taken on Monday 2 March at 09:00: one answered in 5 working days, one in 2,
    one still there past its deadline of Monday 16 March 09:00, and one that it refused for good
    on 18 March. To Nghệ An, taken the same morning: one open within its deadline, one sent back,
    one past its deadline but waiting for the citizen, and one it has not taken yet (the first try
    on 19 March failed). Hà Tĩnh forwarded us two questions in March and one in February.
    """
    for username, role, department in (("lanhdao", "leader", None), ("yt.tp", "head", "SYT")):
        await add_staff(database, username, role, department)
    finance, nghe_an = await _peer(database, FINANCE), await _peer(database, NGHE_AN)
    ha_tinh = await _peer(database, HA_TINH, app=True)
    story = {
        "answered_5": (finance, at(16)),
        "answered_2": (finance, at(23)),
        "late": (finance, at(16)),
        "open": (nghe_an, at(30)),
        "returned": (nghe_an, at(30)),
        "paused": (nghe_an, at(10)),
    }
    forwards, references = {}, {}
    for role, (peer_id, _) in story.items():
        forwards[role], references[role] = await _forward(
            database, tmp_path, peer_id, f"Hỏi về thuế sử dụng đất ({role})", when=at(2, 8)
        )
    await _deliver(database, {forwards[r]: {"answer": [{"service_request_id": r}]} for r in story}, now=at(2))
    for role, (peer_id, deadline) in story.items():
        await _peer_says(database, peer_id, role, "routed", now=at(2, 10), expected_datetime=deadline)
    await _peer_says(database, finance, "answered_5", "answered", now=at(9), notes="Xin trả lời như sau.")
    await _peer_says(database, finance, "answered_2", "answered", now=at(4), notes="Xin trả lời như sau.")
    await _peer_says(database, nghe_an, "returned", "returned", now=at(6), notes="Không thuộc thẩm quyền.")
    await _peer_says(database, nghe_an, "paused", "info_requested", now=at(5), notes="Xin số thửa đất.")

    refused, references["refused"] = await _forward(database, tmp_path, finance, "Hỏi về lệ phí (refused)", when=at(18))
    waiting, references["waiting"] = await _forward(database, tmp_path, nghe_an, "Hỏi về phí (waiting)", when=at(19))
    await _deliver(
        database,
        {
            refused: {"error": "the peer answered HTTP 400: unknown service_code", "permanent": True},
            waiting: {"error": "the peer could not be reached (ConnectError)"},
        },
        now=at(19, 10),
    )
    for n, when in enumerate((at(5), at(12), at(10, month=2))):
        async with database.transaction() as session:
            params = {
                "service_code": "giay-phep-xay-dung",
                "description": "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại địa phương?",
                "idempotency_key": f"ha-tinh-{n}",
                "origin_reference": f"HT-{n}",
                "title": "Thủ tục cấp giấy phép xây dựng",
            }
            peer = await session.get_one(Peer, ha_tinh)
            await receive_forward(session, peer, params, client_id=peer.client_id, upload_dir=tmp_path, now=when)
    return Traffic(references)


async def test_each_peer_s_figures_and_the_late_and_waiting_questions(database: Database, traffic: Traffic) -> None:
    async with database.transaction() as session:
        calendar = (await routing_data(session)).calendar
        seen = await network(session, Scope(MARCH), now=NOW, calendar=calendar)
    figures = {
        row.name: (row.forwarded, row.open, row.answered, row.returned, row.late, row.waiting, row.median_answer_days)
        for row in seen.peers
    }
    assert figures == {
        FINANCE: (3, 1, 2, 0, 1, 1, 3.5),  # the median of 5 and 2 working days
        NGHE_AN: (3, 2, 0, 1, 0, 1, None),  # the one past its deadline waits for the citizen
    }
    assert [row.name for row in seen.peers] == [FINANCE, NGHE_AN]  # the late one first
    t = seen.totals
    assert (t.forwarded, t.open, t.answered, t.returned, t.late, t.waiting, t.median_answer_days) == (
        6, 3, 2, 1, 1, 2, 3.5,
    )  # fmt: skip
    [late] = seen.late
    assert (late.reference, late.peer, late.late_days) == (traffic.references["late"], FINANCE, 4.0)
    assert [(w.reference, w.peer, w.failed, w.attempts) for w in seen.waiting] == [
        (traffic.references["refused"], FINANCE, True, 1),
        (traffic.references["waiting"], NGHE_AN, False, 1),
    ]
    assert seen.waiting[0].error == "the peer answered HTTP 400: unknown service_code"


async def test_the_period_and_the_department_narrow_the_figures(database: Database, traffic: Traffic) -> None:
    async with database.transaction() as session:
        calendar = (await routing_data(session)).calendar
        health = await session.scalar(sa.select(Department.id).where(Department.code == "SYT"))
        later = Period(PeriodKind.CUSTOM, date(2026, 3, 7), date(2026, 3, 20))
        after = await network(session, Scope(later), now=NOW, calendar=calendar)
        elsewhere = await network(session, Scope(MARCH, department_id=health), now=NOW, calendar=calendar)
        public = await exchanges(session, Scope(MARCH))
    finance = next(row for row in after.peers if row.name == FINANCE)
    assert (finance.forwarded, finance.answered, finance.median_answer_days) == (0, 1, 5.0)  # taken before 7 March
    assert (finance.open, finance.late) == (1, 1)  # what stands now does not depend on the period
    assert elsewhere.peers == [] and elsewhere.late == [] and elsewhere.waiting == []
    assert [(e.peer, e.forwarded, e.received) for e in public] == [
        (FINANCE, 3, 0), (HA_TINH, 0, 2), (NGHE_AN, 3, 0),
    ]  # fmt: skip


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()


def _rows(html: str, title_id: str) -> list[list[str]]:
    """The rows (header, then cells without their phone labels) of the table in the region ``title_id`` names."""
    region = html.split(f'aria-labelledby="{title_id}"', 1)[1].split("</table>", 1)[0]
    region = re.sub(r'<span class="cell-label">[^<]*</span>', "", region)
    return [
        [_text(header), *(_text(cell) for cell in re.findall(r"<td>(.*?)</td>", cells, re.S))]
        for header, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', region, re.S)
    ]


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages read :data:`NOW` as the time."""
    monkeypatch.setattr("feedback.web.dashboard.utcnow", lambda: NOW)
    monkeypatch.setattr("feedback.web.statistics.utcnow", lambda: NOW)


async def test_a_leader_sees_who_is_late_among_the_peers(client: AsyncTestClient, traffic: Traffic, frozen) -> None:
    await log_in(client, "lanhdao")
    page = await client.get("/can-bo/bang-dieu-khien")  # this month: 1 to 20 March
    assert page.status_code == 200
    assert '<h2 id="network-title">Câu hỏi chuyển cổng khác</h2>' in page.text
    assert _rows(page.text, "network-title") == [
        [FINANCE, "3", "1", "1", "2", "0", "3,5", "1"],
        [NGHE_AN, "3", "2", "0", "0", "1", "–", "1"],
        ["Tất cả các cổng", "6", "3", "1", "2", "1", "3,5", "2"],
    ]
    assert "Đang quá hạn tại cổng" in page.text and "Thời gian trả lời trung vị của cổng" in page.text
    late = traffic.references["late"]
    assert 'id="late-at-peer-title">Quá hạn tại cổng khác <span class="count">1</span></h3>' in page.text
    [row] = _rows(page.text, "late-at-peer-title")
    assert row == [f"{late} Hỏi về thuế sử dụng đất (late)", FINANCE, "4,0", "16/03/2026 09:00"]
    assert f'href="/can-bo/cau-hoi/{late}"' in page.text
    waiting = _rows(page.text, "waiting-title")
    assert [r[:2] for r in waiting] == [
        [f"{traffic.references['refused']} Hỏi về lệ phí (refused)", FINANCE],
        [f"{traffic.references['waiting']} Hỏi về phí (waiting)", NGHE_AN],
    ]
    assert waiting[0][2:] == ["18/03/2026 09:00", "1", "Bị từ chối hẳn: hãy hủy chuyển the peer answered HTTP 400: unknown service_code"]  # fmt: skip
    assert waiting[1][3:] == ["1", "the peer could not be reached (ConnectError)"]


async def test_in_english_over_chosen_dates(client: AsyncTestClient, traffic: Traffic, frozen) -> None:
    await log_in(client, "lanhdao")
    await client.get("/ngon-ngu/en", params={"next": "/can-bo/bang-dieu-khien"})
    page = await client.get("/can-bo/bang-dieu-khien", params={"period": "custom", "from": "2026-03-07", "to": "2026-03-20"})  # fmt: skip
    assert "Questions forwarded to other portals" in page.text and "Late at another portal" in page.text
    assert _rows(page.text, "network-title")[0] == [FINANCE, "0", "1", "1", "1", "0", "5.0", "1"]


async def test_a_head_of_another_department_sees_none_of_it(client: AsyncTestClient, traffic: Traffic, frozen) -> None:
    await log_in(client, "yt.tp")
    theirs = await client.get("/can-bo/bang-dieu-khien")
    assert "Không có câu hỏi nào được chuyển đến cổng khác trong kỳ này" in theirs.text
    assert FINANCE not in theirs.text and traffic.references["late"] not in theirs.text


async def test_the_public_statistics_show_the_exchanges_with_each_peer(
    client: AsyncTestClient, traffic: Traffic, frozen
) -> None:
    page = await client.get("/thong-ke")  # the twelve months to 20 March 2026
    assert page.status_code == 200 and "Câu hỏi chuyển giữa các cổng" in page.text
    assert _rows(page.text, "peers-caption") == [
        [FINANCE, "3", "0"],
        [HA_TINH, "0", "3"],
        [NGHE_AN, "3", "0"],
        ["Tất cả các cổng", "6", "3"],
    ]
    for private in ("Nguyễn Thị Hồng", "hong.nguyen@example.com", "0912", *traffic.references.values(), "HT-0"):
        assert private not in page.text
