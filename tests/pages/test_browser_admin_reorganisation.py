"""Reorganisation in real browsers: the demo admin previews a merge, is refused a bad one, confirms it,
then hands a topic of the merged department over to another.

A merge ends departments for good, so this module runs its own server (``live_server`` below)
rather than change the demo province the other browser tests share.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.pages.conftest import _newcomer_server
from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser

MERGES = {
    "mobile-390": (("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), "KHVH"),
    "desktop": (("Sở Giáo dục và Đào tạo", "SGDDT"), ("Sở Y tế", "SYT"), "GDYT"),
}
HANDED_OVER = {"mobile-390": "van-hoa-du-lich", "desktop": "giao-duc"}
"""A topic of the merged department, handed over to the Department of Home Affairs afterwards."""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _newcomer_server(tmp_path_factory.mktemp("reorganisation")) as url:
        yield url


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_an_admin_previews_and_confirms_a_merge(open_page: OpenPage, device: dict[str, Any]) -> None:
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    first, second, code = MERGES["mobile-390" if device is MOBILE else "desktop"]
    problems: list[str] = []

    log_in(page, "admin")
    page.goto("/can-bo/quan-tri")
    page.get_by_role("link", name="Sắp xếp tổ chức").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sắp xếp tổ chức")
    problems += _problems(page, "reorganisation", narrow)

    for name, source in (first, second):
        page.get_by_label(f"{name} ({source})", exact=True).check()
    page.get_by_role("button", name="Xem những gì được chuyển khi sáp nhập").click()
    expect(page.locator("#merge-code-error")).to_contain_text("Mã gồm từ 1 đến")
    expect(page.get_by_label("Mã của cơ quan mới")).to_be_focused()
    problems += _problems(page, "a refused merge", narrow)

    page.get_by_label("Mã của cơ quan mới").fill(code)
    page.get_by_label("Tên của cơ quan mới", exact=True).fill(f"{first[0]} và {second[0]}")
    page.get_by_role("button", name="Xem những gì được chuyển khi sáp nhập").click()
    expect(page.get_by_role("heading", level=2, name="Kiểm tra trước khi xác nhận")).to_be_visible()
    expect(page.locator(".notice-warning")).to_contain_text("câu hỏi đang xử lý được chuyển")
    expect(page.locator(".notice-warning")).to_contain_text("tài khoản cán bộ:")
    problems += _problems(page, "the merge's preview", narrow)

    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã sáp nhập:")
    expect(page.locator(".ticket-row", has_text=f"{first[0]} → {first[0]} và {second[0]}")).to_be_visible()
    problems += _problems(page, "after the merge", narrow)

    page.get_by_label("Cơ quan chuyển giao lĩnh vực").select_option(code)
    page.get_by_label("Cơ quan tiếp nhận").select_option("SNV")
    page.get_by_role("button", name="Xem những gì được chuyển khi chuyển giao").click()
    expect(page.locator("#hand_over-topics-error")).to_have_text("Hãy chọn ít nhất một lĩnh vực để chuyển giao.")
    problems += _problems(page, "a refused hand-over", narrow)
    page.locator(f"#hand_over-topic-{HANDED_OVER['mobile-390' if device is MOBILE else 'desktop']}").check()
    page.get_by_role("button", name="Xem những gì được chuyển khi chuyển giao").click()
    expect(page.get_by_role("heading", level=2, name="Kiểm tra trước khi xác nhận")).to_be_visible()
    expect(page.locator(".notice-warning")).to_contain_text("chuyển giao")
    problems += _problems(page, "the hand-over's preview", narrow)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã chuyển giao:")
    expect(page.locator(".ticket-row", has_text=f"{first[0]} và {second[0]} → Sở Nội vụ")).to_contain_text(
        "chuyển giao"
    )
    assert not problems, "\n\n".join(problems)
