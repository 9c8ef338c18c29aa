"""The citizen's own pages on a phone and a desktop: the form's mistakes, the department's request."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems, send

pytestmark = pytest.mark.browser

DEVICES = pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])

# Each field the form refuses when it is sent empty, in the form's order: its id and its message.
EMPTY_FORM = {
    "vi": [
        ("category", "Vui lòng chọn lĩnh vực."),
        ("title", "Vui lòng nhập tiêu đề."),
        ("question", "Vui lòng nhập nội dung câu hỏi."),
        ("name", "Vui lòng nhập họ và tên hoặc tên doanh nghiệp."),
        ("email", "Vui lòng nhập thư điện tử hoặc số điện thoại di động để nhận câu trả lời."),
    ],
    "en": [
        ("category", "Choose a topic."),
        ("title", "Enter a title."),
        ("question", "Write your question."),
        ("name", "Enter your full name or business name."),
        ("email", "Give an email address or a mobile number so that we can send you the answer."),
    ],
}


def _width(device: dict[str, Any]) -> int | None:
    return device["viewport"]["width"] if device is MOBILE else None


@DEVICES
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_error_summary_names_each_field_and_takes_the_citizen_to_it(
    open_page: OpenPage, device: dict[str, Any], language: str
) -> None:
    page = open_page(device=device, locale="vi-VN" if language == "vi" else "en-GB")
    page.goto("/gui-cau-hoi")
    with page.expect_navigation() as navigation:
        page.locator(".ask-form button[type=submit]").click()
    assert navigation.value is not None and navigation.value.status == 422
    expect(page.locator("html")).to_have_attribute("lang", language)

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_text([message for _, message in EMPTY_FORM[language]])
    problems = _problems(page, f"form with every field missing ({language})", _width(device))

    for field, message in EMPTY_FORM[language]:
        summary.get_by_role("link", name=message).click()
        expect(page).to_have_url(re.compile(f"#{field}$"))
        target = page.locator(f"#{field}")
        expect(target).to_be_focused()
        expect(target).to_be_in_viewport()
        if field != "email":  # the contact group's message sits above the group, not beside email
            expect(page.locator(f"#{field}-error")).to_have_text(message)
            expect(target).to_have_accessible_description(re.compile(re.escape(message)))
    assert not problems, "\n\n".join(problems)


@DEVICES
def test_a_topic_left_unchosen_is_asked_to_be_chosen(open_page: OpenPage, device: dict[str, Any]) -> None:
    page = open_page(device=device)
    page.goto("/gui-cau-hoi")
    page.get_by_label("Tiêu đề").fill("Giấy phép xây dựng")
    page.get_by_role("textbox", name="Nội dung câu hỏi").fill("Cần hồ sơ gì?")
    page.get_by_label("Họ và tên hoặc tên doanh nghiệp").fill("Nguyễn Thị Hồng")
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    assert send(page) == 422
    expect(page.get_by_role("alert").get_by_role("link")).to_have_text(["Vui lòng chọn lĩnh vực."])
    topic = page.get_by_label("Lĩnh vực")
    expect(topic).to_have_attribute("aria-invalid", "true")
    expect(topic).to_have_accessible_description("Vui lòng chọn lĩnh vực.")
    expect(page.get_by_text("Vui lòng nhập thông tin này.")).to_have_count(0)
