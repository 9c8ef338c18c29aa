"""The leadership dashboard in a real browser, as the demo leader sees it."""

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from feedback.federation.models import Peer
from feedback.federation.receiving import receive_forward
from notify.db import Database, utcnow
from tests.feedback.test_federation_network import _deliver, _forward, _peer, _peer_says
from tests.instances import running_instance
from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

LEADER = "lanhdao"
DASHBOARD = "Bảng điều khiển"

PAINTED_COLOURS = """figure => ({
  bars: [...new Set(Array.from(figure.querySelectorAll(":scope > svg rect"), bar => getComputedStyle(bar).fill))],
  legend: Array.from(figure.querySelectorAll(".legend li"), item => {
    const swatch = item.querySelector(".swatch");
    const shape = swatch.querySelector("rect");
    return [item.innerText.trim(), shape ? getComputedStyle(shape).fill : getComputedStyle(swatch).backgroundColor];
  }),
  swatchHeights: Array.from(figure.querySelectorAll(".legend .swatch"), swatch => swatch.getBoundingClientRect().height),
})"""
"""The colours the weekly chart's bars are painted in, each legend entry's name and colour, its swatch's size."""


def test_each_legend_entry_shows_the_colour_of_its_bars(open_page: OpenPage) -> None:
    page = open_page()
    log_in(page, LEADER, home=DASHBOARD)
    weekly = page.locator("figure.chart", has=page.locator("#chart-weekly-caption"))
    expect(weekly.locator(".legend li")).to_have_text(["Đã tiếp nhận", "Đã trả lời"])
    painted = weekly.evaluate(PAINTED_COLOURS)
    assert len(painted["bars"]) == 2, painted
    assert painted["legend"] == [["Đã tiếp nhận", painted["bars"][0]], ["Đã trả lời", painted["bars"][1]]]
    assert all(0 < height <= 20 for height in painted["swatchHeights"]), painted  # a square beside the name


CRAMPED_CELLS = """() => {
  const problems = [];
  const lines = (target) => new Set(Array.from(target.getClientRects(), (box) => Math.round(box.top))).size;
  for (const cell of document.querySelectorAll("main th, main td")) {
    if (!cell.getClientRects().length) continue;  // not shown at this width
    const text = cell.innerText.replace(/\\s+/g, " ").trim();
    if (cell.scrollWidth > cell.clientWidth) {
      problems.push(`"${text}": ${cell.scrollWidth} px of content in a ${cell.clientWidth} px cell`);
    }
    const words = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = words.nextNode(); node; node = words.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (lines(range) > 1) problems.push(`"${word[0]}" is broken across lines in "${text}"`);
      }
    }
    for (const date of cell.querySelectorAll("time")) {
      if (lines(date) > 1) problems.push(`the date "${date.innerText}" is broken across lines in "${text}"`);
    }
  }
  return problems;
}"""
"""Every shown table cell whose content is wider than the cell, and every word or date it breaks across lines."""


def _cramped(page: Page, name: str) -> list[str]:
    return [f"{name} ({page.url}): {problem}" for problem in page.evaluate(CRAMPED_CELLS)]


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_the_dashboard_and_the_overdue_list_read_on_the_screen(open_page: OpenPage, device: dict[str, Any]) -> None:
    page = open_page(device=device)
    width = device["viewport"]["width"]
    log_in(page, LEADER, home=DASHBOARD)
    for summary in page.locator("details summary").all():
        summary.click()  # the figures behind every chart
    problems = _cramped(page, "dashboard") + _problems(page, "dashboard", width)
    page.get_by_role("link", name="Câu hỏi quá hạn").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Câu hỏi quá hạn")
    expect(page.locator("main tbody tr").first).to_be_visible()  # the demo has an overdue question
    problems += _cramped(page, "overdue questions") + _problems(page, "overdue questions", width)
    page.goto("/thong-ke")
    problems += _cramped(page, "statistics") + _problems(page, "statistics", width)
    assert not problems, "\n".join(problems)


def test_on_a_phone_each_department_is_a_card_that_names_its_figures(open_page: OpenPage) -> None:
    page = open_page(device=MOBILE)
    log_in(page, LEADER, home=DASHBOARD)
    card = page.locator("table.figures").first.locator("tbody tr").first
    shown = [cell.inner_text().split("\n") for cell in card.locator("td").all()]
    assert [lines[0] for lines in shown] == [
        "Đã tiếp nhận", "Đã trả lời", "Trong hạn", "Trễ hạn", "Đang xử lý", "Đang quá hạn",
        "Tỷ lệ đúng hạn", "Thời gian trả lời trung vị (ngày làm việc)", "Câu hỏi tồn đọng lâu nhất",
    ]  # fmt: skip
    assert all(len(lines) == 2 and lines[1] for lines in shown), shown  # the name above, the figure below
    expect(page.locator("table.figures thead").first).to_be_hidden()


PEER = "Cổng Thông tin điện tử Bộ Tài nguyên và Môi trường"
LATE_TITLE = "Hỏi về thời hạn cấp giấy chứng nhận quyền sử dụng đất"


async def _add_traffic(database_url: str, uploads: Path) -> None:
    """A peer with a long name: a question late there, one it answered, one it has not taken yet; one it sent us."""
    database = Database(database_url)
    try:
        now = utcnow()
        peer = await _peer(database, PEER, app=True)
        late, _ = await _forward(database, uploads, peer, LATE_TITLE, when=now - timedelta(days=20))
        answered, _ = await _forward(database, uploads, peer, "Hỏi về thuế đất", when=now - timedelta(days=20))
        waiting, _ = await _forward(database, uploads, peer, "Hỏi về phí trước bạ", when=now - timedelta(hours=1))
        taken = {sent: {"answer": [{"service_request_id": str(sent)}]} for sent in (late, answered)}
        await _deliver(database, taken, now=now - timedelta(days=20) + timedelta(hours=1))
        for sent in (late, answered):
            await _peer_says(database, peer, str(sent), "routed", now=now - timedelta(days=19),
                             expected_datetime=now - timedelta(days=10))  # fmt: skip
        await _peer_says(database, peer, str(answered), "answered", now=now - timedelta(days=12), notes="Trả lời.")
        await _deliver(database, {waiting: {"error": "the peer could not be reached (ConnectError)"}}, now=now)
        async with database.transaction() as session:
            params = {"service_code": "giay-phep-xay-dung", "idempotency_key": "tnmt-1", "origin_reference": "TNMT-1", "title": "Thủ tục cấp phép xây dựng",
                      "description": "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại địa phương?"}  # fmt: skip
            sender = await session.get_one(Peer, peer)
            await receive_forward(session, sender, params, client_id=sender.client_id, upload_dir=uploads, now=now)
    finally:
        await database.dispose()


@pytest.fixture(scope="module")
def portal_with_peers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo portal that has forwarded questions to a peer and received one from it."""
    data_dir = tmp_path_factory.mktemp("peers")

    def prepare(url: str) -> None:  # in a thread of its own: Playwright's loop may already run in this one
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, _add_traffic(url, data_dir / "uploads")).result()

    with running_instance(data_dir, prepare=prepare, CAUNOI_RATE_LIMIT="1000") as instance:
        yield instance.url


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_the_questions_at_other_portals_read_on_the_screen(
    browser: Browser, portal_with_peers: str, device: dict[str, Any]
) -> None:
    context = browser.new_context(base_url=portal_with_peers, locale="vi-VN", **device)
    try:
        page = context.new_page()
        width = device["viewport"]["width"]
        log_in(page, LEADER, home=DASHBOARD)
        section = page.locator("section", has=page.get_by_role("heading", name="Câu hỏi chuyển cổng khác"))
        expect(section.get_by_role("link", name=LATE_TITLE)).to_be_visible()
        expect(section.get_by_role("heading", name="Quá hạn tại cổng khác")).to_contain_text("1")
        expect(section.get_by_text("the peer could not be reached (ConnectError)")).to_be_visible()
        problems = _cramped(page, "dashboard") + _problems(page, "dashboard", width)
        page.goto("/thong-ke")
        expect(page.get_by_role("table", name="Theo cổng thông tin")).to_contain_text(PEER)
        problems += _cramped(page, "statistics") + _problems(page, "statistics", width)
        assert not problems, "\n".join(problems)
    finally:
        context.close()
