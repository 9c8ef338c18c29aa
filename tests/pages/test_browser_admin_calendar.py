"""The working calendar in real browsers: the coordinator opens a year, adds a day off, previews, confirms, sees it."""

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser

YEAR = 2098
"""A year far from the demo's questions and overrides, so each device adds a day of its own."""


def a_weekday(offset: int) -> date:
    """The ``offset``-th Tuesday-to-Thursday of March ``YEAR`` (no holiday falls in March)."""
    days = [date(YEAR, 3, 1) + timedelta(days=n) for n in range(31)]
    return [d for d in days if d.weekday() in (1, 2, 3)][offset]


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_the_coordinator_adds_a_day_off(open_page: OpenPage, device: dict[str, Any]) -> None:
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []
    day = a_weekday(0 if device is MOBILE else 1)

    log_in(page, "dieuphoi")
    page.goto(f"/can-bo/quan-tri/lich-lam-viec?year={YEAR}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Lịch làm việc {YEAR}")
    expect(page.locator("table.month")).to_have_count(12)
    problems += _problems(page, "the year", narrow)

    page.get_by_label("Ngày đầu").fill("31/02/2098")
    page.get_by_label("Lý do").fill("Nghỉ bù theo thông báo")
    page.get_by_role("button", name="Xem trước thay đổi").click()
    expect(page.locator("#first-error")).to_contain_text("Hãy viết ngày theo dạng ngày/tháng/năm")
    problems += _problems(page, "a refused change", narrow)

    page.get_by_label("Ngày đầu").fill(f"{day:%d/%m/%Y}")
    page.get_by_role("button", name="Xem trước thay đổi").click()
    expect(page.get_by_role("region")).to_contain_text("0 câu hỏi đang chạy sẽ được tính lại hạn.")
    problems += _problems(page, "the preview", narrow)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thay đổi lịch làm việc")
    cell = page.locator(f'td[data-day="{day.isoformat()}"]')
    expect(cell).to_have_class("day-extra-off")
    expect(cell).to_contain_text("Ngày nghỉ thêm: Nghỉ bù theo thông báo")
    problems += _problems(page, "the day marked", narrow)
    assert not problems, "\n\n".join(problems)
