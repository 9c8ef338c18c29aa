"""The citizen's own pages on a phone and a desktop: the form's mistakes, the department's request."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems, ask_question, send
from tests.pages.test_browser_staff_flow import log_in, open_ticket

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


REQUEST = "Đề nghị gửi bản chụp giấy chứng nhận quyền sử dụng đất và sơ đồ vị trí thửa đất."


@DEVICES
def test_the_citizen_asked_for_more_information_sees_the_request_first_above_the_reply_form(
    open_page: OpenPage, device: dict[str, Any], tmp_path: Path
) -> None:
    citizen = open_page(device=device)
    reference = ask_question(citizen, tmp_path)
    tracking = citizen.locator("#tracking-url").input_value()

    officer = open_page()
    log_in(officer, "xd.chuyenvien")
    open_ticket(officer, reference)
    officer.get_by_role("button", name="Tiếp nhận: cơ quan tôi trả lời câu hỏi này").click()
    officer.get_by_text("Đề nghị công dân bổ sung thông tin (tạm dừng tính hạn)").click()
    officer.get_by_label("Nội dung cần bổ sung").fill(REQUEST)
    officer.get_by_role("button", name="Gửi đề nghị").click()
    expect(officer.locator(".badge-paused").first).to_be_visible()

    citizen.goto(tracking)
    section = citizen.get_by_role("region", name="Gửi thông tin bổ sung")
    request = section.locator("#info-request")
    expect(request).to_have_text(REQUEST)
    expect(section).to_contain_text(re.compile(r"Sở Xây dựng đề nghị bạn bổ sung \(\d{2}/\d{2}/\d{4} \d{2}:\d{2}\):"))
    reply = citizen.get_by_label("Nội dung bổ sung")
    expect(reply).to_have_accessible_description(REQUEST)
    # Before anything else of the question, and right above the field the reply goes in.
    order = citizen.evaluate(
        """() => ['#info-request', '#reply', '#question-title', '#timeline-title'].map(
            selector => document.querySelector(selector).getBoundingClientRect().top + window.scrollY)"""
    )
    assert order == sorted(order), order
    if device is DESKTOP:
        expect(request).to_be_in_viewport()  # seen without scrolling on a desktop
    problems = _problems(citizen, "tracking page awaiting the citizen", _width(device))
    assert not problems, "\n\n".join(problems)

    reply.fill("Tôi gửi kèm bản chụp sổ đỏ.")
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    expect(citizen.get_by_text("thông tin bổ sung đã được gửi đến cơ quan xử lý")).to_be_visible()
    expect(citizen.locator("#info-request")).to_have_count(0)
    expect(citizen.locator(".timeline")).to_contain_text(REQUEST)  # what was asked stays in the history
