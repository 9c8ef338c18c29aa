"""Routing rules and deadlines in real browsers: the demo admin tries a question, adds a rule that then
routes it, and edits the default policy's escalation ladder, on a phone and on a desktop."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser


def try_question(page: Page, title: str) -> None:
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Câu hỏi", exact=True).fill("Cây cầu treo qua sông ở xã tôi đã hỏng, khi nào được sửa?")
    page.get_by_label("Lĩnh vực (không bắt buộc)").select_option("giao-duc")
    page.get_by_role("button", name="Thử", exact=True).click()


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_routing_rules_and_deadlines_are_accessible_and_work(open_page: OpenPage, device: dict[str, Any]) -> None:
    page: Page = open_page(device=device)
    width = device["viewport"]["width"]
    narrow = width if device is MOBILE else None
    problems: list[str] = []
    title = f"Cầu treo số {width} bị hỏng"

    log_in(page, "admin")
    page.goto("/can-bo/quan-tri")
    page.get_by_role("link", name="Quy tắc phân luồng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quy tắc phân luồng")
    problems += _problems(page, "routing rules", narrow)

    try_question(page, title)
    expect(page.locator("#trial")).to_contain_text("cơ quan mặc định của lĩnh vực: không quy tắc nào khớp")
    problems += _problems(page, "a question tried", narrow)

    page.get_by_label("Cơ quan nhận câu hỏi").select_option("SXD")
    page.get_by_label("Vị trí trong thứ tự").select_option(index=1)  # before the first rule
    page.get_by_label("Từ khóa").fill(f"cau treo so {width}")  # accents do not matter
    page.get_by_role("button", name="Xem trước quy tắc").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm quy tắc phân luồng")
    expect(page.locator("main")).to_contain_text("Trong các câu hỏi của 90 ngày qua, 0 câu hỏi khớp quy tắc này.")
    problems += _problems(page, "a rule previewed", narrow)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm: Quy tắc 1")

    try_question(page, title)
    expect(page.locator("#trial")).to_contain_text("Đến Sở Xây dựng, theo quy tắc 1.")
    expect(page.locator("#trial")).to_contain_text(f"các từ tìm thấy: “cau treo so {width}”")

    page.goto("/can-bo/quan-tri")
    page.get_by_role("link", name="Thời hạn và nhắc việc").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thời hạn và nhắc việc")
    problems += _problems(page, "deadlines", narrow)
    page.get_by_role("link", name="Sửa Mặc định: mọi lĩnh vực, mọi mức ưu tiên").click()
    days = "3" if device is MOBILE else "4"
    page.locator("#step2_days").fill(days)
    page.get_by_role("button", name="Xem trước chính sách").click()
    expect(page.locator("main")).to_contain_text("giữ nguyên hạn hiện tại")
    problems += _problems(page, "a policy previewed", narrow)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu chính sách cho mọi lĩnh vực, mọi mức ưu tiên.")
    default = page.locator(".ticket-row", has_text="Mặc định: mọi lĩnh vực, mọi mức ưu tiên")
    expect(default).to_contain_text(f"quá hạn {days} ngày làm việc")
    problems += _problems(page, "a policy saved", narrow)
    assert not problems, "\n\n".join(problems)
