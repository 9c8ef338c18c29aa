"""The leadership dashboard in a real browser, as the demo leader sees it."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

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
