"""A question answered end to end in real browsers: the officer, the citizen, the head, the public pages."""

import time
from pathlib import Path
from typing import Any

import pyotp
import pytest
from playwright.sync_api import Page, expect

from feedback.demo import DEMO_TOTP_SECRET
from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems, ask_question

pytestmark = pytest.mark.browser

PASSWORD = "caunoi-demo-2026"
ANSWER = "Hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm:\n\n- đơn đề nghị;\n- **bản vẽ thiết kế** xây dựng."


def log_in(page: Page, username: str, home: str = "Hộp thư") -> None:
    """Sign in as a demo account; admins and leaders also type a code for the demo's authenticator key."""
    page.goto("/can-bo/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    if username in ("admin", "lanhdao"):
        type_code(page, DEMO_TOTP_SECRET)
    expect(page.get_by_role("heading", level=1)).to_contain_text(home)


def type_code(page: Page, secret: str) -> None:
    """The second step: a code works once, so a later login in the same 30 s takes the next step's."""
    totp = pyotp.TOTP(secret)
    for offset in (-30, 0, 30, 60):
        if offset == 60:
            time.sleep(30 - time.time() % 30 + 1)
        page.get_by_label("Mã xác thực").fill(totp.at(time.time() + min(offset, 30)))
        page.get_by_role("button", name="Xác nhận").click()
        if not page.url.endswith("/ma-xac-thuc"):
            return


def open_ticket(page: Page, reference: str) -> None:
    page.goto(f"/can-bo/cau-hoi/{reference}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)


def test_a_question_is_answered_approved_published_and_found(open_page: OpenPage, tmp_path: Path) -> None:
    citizen = open_page()
    reference = ask_question(citizen, tmp_path)
    tracking = citizen.locator("#tracking-url").input_value()

    officer = open_page()
    log_in(officer, "xd.chuyenvien")
    expect(officer.get_by_role("link", name=reference)).to_be_visible()
    open_ticket(officer, reference)
    officer.get_by_role("button", name="Tiếp nhận: cơ quan tôi trả lời câu hỏi này").click()
    expect(officer.locator(".notice-success")).to_have_text(
        f"Đã tiếp nhận câu hỏi {reference}: cơ quan bạn sẽ trả lời câu hỏi này."
    )
    officer.get_by_text("Đề nghị công dân bổ sung thông tin (tạm dừng tính hạn)").click()
    officer.get_by_label("Nội dung cần bổ sung").fill("Đề nghị gửi bản chụp giấy chứng nhận quyền sử dụng đất.")
    officer.get_by_role("button", name="Gửi đề nghị").click()
    expect(officer.locator(".badge-paused").first).to_be_visible()

    citizen.goto(tracking)
    expect(citizen.locator("#info-request")).to_have_text("Đề nghị gửi bản chụp giấy chứng nhận quyền sử dụng đất.")
    citizen.get_by_label("Nội dung bổ sung").fill("Tôi gửi kèm bản chụp sổ đỏ.")
    citizen.get_by_role("button", name="Gửi", exact=True).click()
    expect(citizen.get_by_text("thông tin bổ sung đã được gửi đến cơ quan xử lý")).to_be_visible()

    open_ticket(officer, reference)
    officer.get_by_label("Nội dung câu trả lời").fill(ANSWER)
    officer.get_by_role("button", name="Trình duyệt").click()
    expect(officer.get_by_text("Câu trả lời đang chờ lãnh đạo duyệt").first).to_be_visible()

    head = open_page()
    log_in(head, "xd.truongphong")
    open_ticket(head, reference)
    head.get_by_role("button", name="Duyệt và gửi cho công dân").click()
    expect(head.get_by_text("Đã duyệt câu trả lời và gửi cho công dân")).to_be_visible()

    citizen.goto(tracking)
    expect(citizen.locator(".answer strong")).to_have_text("bản vẽ thiết kế")
    public = open_page()
    public.goto("/hoi-dap?q=giay phep xay dung nha o rieng le")
    expect(public.get_by_role("link", name="Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ").first).to_be_visible()
    expect(public.locator("mark").first).to_be_visible()


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_staff_and_public_qa_pages_are_accessible(open_page: OpenPage, device: dict[str, Any], tmp_path: Path) -> None:
    page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []
    page.goto("/hoi-dap")
    problems += _problems(page, "Q&A list", narrow)
    page.goto("/hoi-dap?q=so do")
    problems += _problems(page, "Q&A search", narrow)
    page.locator(".qa-item h2 a").first.click()
    problems += _problems(page, "Q&A page", narrow)
    page.goto("/thong-ke")
    problems += _problems(page, "statistics", narrow)
    page.goto("/can-bo/dang-nhap")
    problems += _problems(page, "staff login", narrow)
    reference = ask_question(page, tmp_path)
    log_in(page, "xd.truongphong")
    problems += _problems(page, "inbox", narrow)
    # How each question came in: an icon the label beside it names (axe checks both above).
    channel = page.locator(".ticket-row").filter(has_text=reference).locator(".channel")
    expect(channel).to_have_text("biểu mẫu trên cổng")
    icon = channel.locator("svg").bounding_box()
    assert icon and icon["width"] >= 12 and icon["height"] >= 12
    open_ticket(page, reference)
    expect(page.locator(".facts .channel")).to_have_text("biểu mẫu trên cổng")
    for summary in page.locator("details summary").all():
        summary.click()  # every action form open
    problems += _problems(page, "ticket page", narrow)
    page.goto("/can-bo/mau-tra-loi")
    problems += _problems(page, "saved replies", narrow)
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "admin")
    page.goto("/can-bo/thong-bao?status=all")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông báo")
    problems += _problems(page, "notifications", narrow)
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "lanhdao", home="Bảng điều khiển")  # a leader lands on the dashboard
    problems += _problems(page, "dashboard", narrow)
    expect(page.get_by_role("table", name="Theo kênh tiếp nhận")).to_contain_text("Biểu mẫu trên cổng")
    page.goto("/can-bo/bang-dieu-khien?period=custom&from=2026-11-30&to=2026-11-01")
    problems += _problems(page, "dashboard with an error", narrow)
    page.goto("/can-bo/bang-dieu-khien/qua-han")
    problems += _problems(page, "overdue questions", narrow)
    assert not problems, "\n\n".join(problems)
