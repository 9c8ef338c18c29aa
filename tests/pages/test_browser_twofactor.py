"""Two-step sign-in in a real browser: a member sets up their authenticator, signs out, signs in with a code."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.pages.test_browser_ask_flow import MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in, type_code

pytestmark = pytest.mark.browser


def test_an_officer_sets_up_two_step_verification_and_signs_in_with_a_code(open_page: OpenPage) -> None:
    page = open_page(device=MOBILE)
    log_in(page, "yt.chuyenvien")
    page.goto("/can-bo/xac-thuc-hai-buoc")
    page.get_by_role("link", name="Thiết lập xác thực hai bước").click()
    expect(page.get_by_role("img", name="Mã QR để quét bằng ứng dụng xác thực")).to_be_visible()
    problems = _problems(page, "enrol", 390)
    secret = page.locator("#secret").inner_text().replace(" ", "")
    page.get_by_label("Mã trên ứng dụng").fill("000000")
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã này không khớp")
    page.get_by_label("Mã trên ứng dụng").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mã khôi phục của bạn")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    problems += _problems(page, "recovery codes", 390)
    page.get_by_role("link", name="Tôi đã lưu các mã: tiếp tục").click()
    page.get_by_role("button", name="Đăng xuất").click()

    page.goto("/can-bo/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill("yt.chuyenvien")
    page.get_by_label("Mật khẩu").fill("caunoi-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác thực hai bước")
    problems += _problems(page, "second step", 390)
    page.get_by_label("Mã xác thực").fill("111111")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã này sai")
    type_code(page, secret)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hộp thư")
    assert re.search(r"/can-bo/hop-thu", page.url)
    assert not problems, "\n".join(problems)


def test_the_demo_admin_signs_in_with_the_demo_key_and_reads_the_audit_trail(open_page: OpenPage) -> None:
    page = open_page()
    log_in(page, "admin")
    page.goto("/can-bo/quan-tri/nhat-ky")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhật ký thay đổi")
    expect(page.get_by_role("link", name="Tải về dạng CSV")).to_be_visible()
    problems = _problems(page, "audit trail", None)
    assert not problems, "\n".join(problems)
