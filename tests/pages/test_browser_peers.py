"""Peer portals in real browsers: the demo admin registers a peer, reads its services again, removes it.

The peer is a second real Cầu Nối on loopback, not the live server itself:
in embedded mode a request holds SQLite's one writer lock, so a portal cannot read its own services
while it refreshes them.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.instances import running_instance
from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def peer_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Open311 root of another Cầu Nối with the demo loaded."""
    with running_instance(tmp_path_factory.mktemp("peer")) as instance:
        yield f"{instance.url}/open311/v2"


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_peer_portals_are_accessible_and_work(open_page: OpenPage, peer_root: str, device: dict[str, Any]) -> None:
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []

    log_in(page, "admin")
    page.get_by_role("link", name="Cổng liên thông").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng liên thông")
    problems += _problems(page, "peer portals", narrow)

    name = f"Cổng TTĐT tỉnh Nghệ An {device['viewport']['width']}"
    page.get_by_label("Địa chỉ Open311 của cổng").fill(peer_root)
    page.get_by_label("Chuỗi bí mật chung").fill("ngắn")
    page.get_by_role("button", name="Đăng ký cổng").click()
    expect(page.locator("#name-error")).to_have_text("Hãy nhập tên cổng.")
    expect(page.get_by_label("Tên cổng")).to_be_focused()
    problems += _problems(page, "a refused peer", narrow)

    page.get_by_label("Tên cổng").fill(name)
    page.get_by_label("Khóa API của ta tại cổng này").fill("khoa-cua-chung-toi")
    page.get_by_label("Chuỗi bí mật chung").fill("một-bí-mật-chung-đủ-dài")
    page.get_by_label("Ứng dụng Open311 mà cổng này dùng để gửi câu hỏi cho ta").select_option(
        label="Ứng dụng thử nghiệm"
    )
    page.get_by_label("Gửi kèm thông tin liên hệ của công dân").check()
    page.get_by_role("button", name="Đăng ký cổng").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã đăng ký {name}.")
    peer = page.locator(".ticket-row", has_text=name)
    expect(peer).to_contain_text("khóa bắt đầu bằng khoa…")
    expect(peer).to_contain_text("chưa đọc được lần nào")
    expect(peer).not_to_contain_text("khoa-cua-chung-toi")

    peer.get_by_role("button", name=f"Đọc lại danh mục {name}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã đọc lại danh mục của {name}:")
    expect(page.locator(".ticket-row", has_text=name)).to_contain_text("lĩnh vực · đọc lúc")
    problems += _problems(page, "a peer's services read again", narrow)

    peer = page.locator(".ticket-row", has_text=name)
    peer.locator("summary").click()
    problems += _problems(page, "removing, asked to confirm", narrow)
    peer.get_by_role("button", name=f"Gỡ bỏ {name}").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã gỡ bỏ {name}")
    expect(page.locator(".ticket-row", has_text=name)).to_have_count(0)
    assert not problems, "\n\n".join(problems)
