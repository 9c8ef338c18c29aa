"""The land topic's extra questions appear on the form when a citizen chooses it, in a real browser."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.pages.test_browser_ask_flow import MOBILE, NAME, PHONE, QUESTION, OpenPage, send

pytestmark = pytest.mark.browser

LAND = "Đất đai, giấy chứng nhận quyền sử dụng đất"


def test_the_land_questions_follow_the_topic_and_are_required_as_they_say(open_page: OpenPage, tmp_path: Path) -> None:
    page = open_page(device=MOBILE)
    page.goto("/gui-cau-hoi")
    parcel = page.get_by_label("Số thửa đất *")
    expect(parcel).to_be_hidden()  # no topic yet: no extra question

    page.get_by_label("Lĩnh vực").select_option(label=LAND)
    expect(parcel).to_be_visible()
    expect(page.get_by_role("group", name=re.compile("Thông tin thêm cho câu hỏi về"))).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Tiêu đề").fill("Thời hạn sử dụng đất ở")
    page.get_by_role("textbox", name="Nội dung câu hỏi").fill(QUESTION)
    page.get_by_label("Họ và tên hoặc tên doanh nghiệp").fill(NAME)
    page.get_by_label("Số điện thoại di động").fill(PHONE)
    assert send(page) == 422  # the parcel number is required for land questions
    error = page.locator("#attr-dat-dai-so-thua-error")
    expect(error).to_have_text("Vui lòng nhập thông tin này.")
    expect(page.get_by_role("alert")).to_contain_text("Số thửa đất: Vui lòng nhập thông tin này.")

    page.get_by_label("Số thửa đất *").fill("125")
    page.get_by_label("Loại đất").select_option(label="Đất ở tại đô thị")
    assert send(page) == 200
    expect(page).to_have_url(re.compile(r"/cau-hoi/\d{4}-\d{6}\?token=[\w-]+&moi=1$"))


def test_another_topic_sends_no_land_answers(open_page: OpenPage) -> None:
    page = open_page()
    page.goto("/gui-cau-hoi")
    page.get_by_label("Lĩnh vực").select_option(label=LAND)
    page.get_by_label("Số thửa đất *").fill("125")
    page.get_by_label("Lĩnh vực").select_option(label="Cấp phép xây dựng")
    expect(page.get_by_label("Số thửa đất *")).to_be_hidden()
    page.get_by_label("Tiêu đề").fill("Giấy phép xây dựng nhà ở")
    page.get_by_role("textbox", name="Nội dung câu hỏi").fill(QUESTION)
    page.get_by_label("Họ và tên hoặc tên doanh nghiệp").fill(NAME)
    page.get_by_label("Số điện thoại di động").fill(PHONE)
    assert send(page) == 200
