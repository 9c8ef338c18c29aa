"""Open311 in real browsers: the demo admin registers and revokes an app; an officer reads an app's question."""

from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in, open_ticket

pytestmark = pytest.mark.browser

DEMO_KEY = "caunoi-demo-key"


def file_request(live_server: str, key: str) -> httpx.Response:
    """A land question as an app files it, with the answers to the demo's extra questions."""
    fields = {
        "api_key": key,
        "service_code": "dat-dai",
        "description": "Gia đình tôi muốn tách thửa đất ở tại phường Hàm Rồng. Xin hỏi diện tích tối thiểu?",
        "attribute[so-thua]": "125",
        "attribute[so-to-ban-do]": "12",
        "attribute[loai-dat]": "ODT",
        "lat": "19.8075",
        "long": "105.7764",
        "media_url": "https://anh.example.vn/thua-125.jpg",
        "device_id": "android-7f3a",
    }
    return httpx.post(f"{live_server}/open311/v2/requests.json", data=fields)


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_connected_apps_and_an_app_s_question_are_accessible_and_work(
    open_page: OpenPage, live_server: str, device: dict[str, Any]
) -> None:
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []
    filed = file_request(live_server, DEMO_KEY)
    assert filed.status_code == 201, filed.text
    reference = filed.json()[0]["service_request_id"]

    log_in(page, "admin")
    page.get_by_role("link", name="Ứng dụng kết nối").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ứng dụng kết nối (Open311)")
    expect(page.locator(".ticket-title", has_text="Ứng dụng thử nghiệm")).to_be_visible()
    problems += _problems(page, "connected apps", narrow)

    name = f"Cổng dịch vụ công {device['viewport']['width']}"
    page.get_by_label("Tên ứng dụng").fill(name)
    page.get_by_label("Liên hệ (không bắt buộc)").fill("hotro@dichvucong.example.vn")
    page.get_by_role("button", name="Đăng ký và hiển thị khóa").click()
    expect(page.get_by_role("heading", level=2, name=f"{name} đã được đăng ký")).to_be_visible()
    key = page.get_by_label(f"Khóa của {name}").input_value()
    problems += _problems(page, "a new key", narrow)
    assert file_request(live_server, key).status_code == 201

    app = page.locator(".ticket-row", has_text=name)
    app.locator("summary").click()
    problems += _problems(page, "revoking, asked to confirm", narrow)
    app.get_by_role("button", name=f"Thu hồi khóa của {name}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã thu hồi khóa của {name}")
    expect(page.locator(".ticket-row", has_text=name)).to_contain_text("Đã thu hồi lúc")
    assert file_request(live_server, key).status_code == 403

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, "nnmt.chuyenvien")
    open_ticket(page, reference)
    app_section = page.get_by_role("region", name="Gửi qua ứng dụng (chỉ cán bộ xem được)")
    expect(app_section).to_contain_text("Gửi qua ứng dụng: Ứng dụng thử nghiệm")
    expect(app_section.get_by_role("link", name="https://anh.example.vn/thua-125.jpg")).to_have_attribute(
        "rel", "noopener noreferrer nofollow"
    )
    expect(page.locator(".facts", has_text="Số thửa đất")).to_contain_text("Loại đất")
    expect(page.locator(".facts", has_text="Số thửa đất")).to_contain_text("Đất ở tại đô thị")
    problems += _problems(page, "an app's question", narrow)
    assert not problems, "\n\n".join(problems)
