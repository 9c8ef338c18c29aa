"""Departments and staff accounts in real browsers, on a phone (390 px) and a desktop.

The demo admin adds a department and an officer in it; the head of the demo's Sở Xây dựng creates
an officer of their own department and gives them a new password, with which the officer signs in.
Every page is checked with axe, for console errors, CSP violations and sideways scrolling.
"""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser

PASSWORD = "mot-mat-khau-du-dai-2026"


def confirm(page: Page, title: str) -> None:
    """The preview of a change: its title, then the button that makes it."""
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("button", name="Xác nhận").click()


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_the_admin_adds_a_department_and_an_officer(open_page: OpenPage, device: dict[str, Any]) -> None:
    page = open_page(device=device)
    width = device["viewport"]["width"]
    narrow = width if device is MOBILE else None
    problems: list[str] = []
    code, name = f"BQL{width}", f"Ban Quản lý Khu kinh tế {width}"

    log_in(page, "admin")
    page.goto("/can-bo/quan-tri")
    page.get_by_role("link", name="Cơ quan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cơ quan")
    expect(page.locator(".ticket-row", has_text="VPUB")).to_contain_text("Văn phòng điều phối")
    problems += _problems(page, "departments", narrow)

    page.get_by_label("Mã cơ quan").fill(code)
    page.get_by_label("Tên bằng tiếng Việt").fill(name)
    page.get_by_label("Trực thuộc").select_option(label="Văn phòng UBND tỉnh")
    page.get_by_label("Hộp thư liên hệ").fill("khong-phai-email")
    page.get_by_role("button", name="Kiểm tra và thêm").click()
    expect(page.locator("#mailbox-error")).to_contain_text("Không phải địa chỉ email")
    expect(page.get_by_label("Hộp thư liên hệ")).to_be_focused()
    problems += _problems(page, "a refused department", narrow)

    page.get_by_label("Hộp thư liên hệ").fill(f"bql{width}@thanhhoa.gov.vn")
    page.get_by_role("button", name="Kiểm tra và thêm").click()
    expect(page.get_by_role("region")).to_contain_text(f"Thêm cơ quan {name} ({code}).")
    expect(page.get_by_role("region")).to_contain_text("Cơ quan được đặt trực thuộc Văn phòng UBND tỉnh.")
    problems += _problems(page, "a department's preview", narrow)
    confirm(page, "Thêm cơ quan")
    expect(page.get_by_role("status")).to_contain_text(f"Đã thêm {name}.")
    expect(page.locator(".depth-1", has_text=name)).to_contain_text("Trực thuộc Văn phòng UBND tỉnh")

    page.goto("/can-bo/quan-tri/tai-khoan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản cán bộ")
    problems += _problems(page, "accounts", narrow)
    username = f"an.nguyen{width}"
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Họ và tên").fill(f"Nguyễn Văn An {width}")
    page.get_by_label("Vai trò").select_option(label="Cán bộ")
    page.get_by_label("Cơ quan", exact=True).select_option(label=name)
    page.get_by_label("Mật khẩu ban đầu").fill(PASSWORD)
    page.get_by_role("button", name="Kiểm tra và tạo").click()
    expect(page.get_by_role("region")).to_contain_text(f"Tài khoản thuộc {name}.")
    problems += _problems(page, "an account's preview", narrow)
    confirm(page, "Tạo tài khoản")
    expect(page.get_by_role("status")).to_contain_text(f"Đã tạo tài khoản {username}.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Nguyễn Văn An {width}")
    problems += _problems(page, "an account", narrow)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_a_head_creates_an_officer_and_gives_them_a_new_password(open_page: OpenPage, device: dict[str, Any]) -> None:
    page = open_page(device=device)
    width = device["viewport"]["width"]
    narrow = width if device is MOBILE else None
    problems: list[str] = []
    username = f"binh.tran{width}"

    log_in(page, "xd.truongphong")
    page.goto("/can-bo/quan-tri")
    page.get_by_role("link", name="Tài khoản cán bộ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản cán bộ")
    expect(page.get_by_label("Cơ quan", exact=True).locator("option")).to_have_text(["Sở Xây dựng"])
    problems += _problems(page, "a head's accounts", narrow)

    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Họ và tên").fill(f"Trần Thị Bình {width}")
    page.get_by_label("Mật khẩu ban đầu").fill("ngan")
    page.get_by_role("button", name="Kiểm tra và tạo").click()
    expect(page.locator("#password-error")).to_have_text("Mật khẩu phải có ít nhất 12 ký tự.")
    problems += _problems(page, "a refused account", narrow)
    page.get_by_label("Mật khẩu ban đầu").fill(PASSWORD)
    page.get_by_role("button", name="Kiểm tra và tạo").click()
    confirm(page, "Tạo tài khoản")
    expect(page.get_by_role("status")).to_contain_text(f"Đã tạo tài khoản {username}.")

    page.get_by_role("button", name="Kiểm tra và đặt mật khẩu").click()
    expect(page.get_by_role("region")).to_contain_text("Mật khẩu cũ hết hiệu lực ngay lập tức.")
    problems += _problems(page, "a new password's preview", narrow)
    confirm(page, f"Mật khẩu mới cho Trần Thị Bình {width}")
    new_password = page.locator("#new-password").inner_text()
    assert len(new_password) == 16
    problems += _problems(page, "the new password", narrow)

    officer = open_page(device=device)
    officer.goto("/can-bo/dang-nhap")
    officer.get_by_label("Tên đăng nhập").fill(username)
    officer.get_by_label("Mật khẩu").fill(new_password)
    officer.get_by_role("button", name="Đăng nhập").click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Hộp thư")
    assert not problems, "\n\n".join(problems)
