"""The leadership dashboard in a real browser, as the demo leader sees it."""

from playwright.sync_api import expect

from tests.pages.test_browser_ask_flow import OpenPage
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
