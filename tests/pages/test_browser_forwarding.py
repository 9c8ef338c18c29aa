"""Forwarding to another portal in real browsers: the officer's form, the question waiting for a peer that
is down, and the citizen's status page meanwhile, on a phone and a desktop.

The portal is a real instance of its own with a peer registered whose services were read before it
went down: its address is a port nobody listens on, so the forward waits with its error shown.
"""

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from feedback.federation.peers import add_peer
from notify.db import Database
from tests.conftest import free_port
from tests.instances import running_instance
from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser

PEER = "Cổng Dịch vụ công quốc gia — Hệ thống tiếp nhận phản ánh, kiến nghị"


async def _register_peer(database_url: str) -> None:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            peer = await add_peer(
                session,
                name=PEER,
                url=f"http://127.0.0.1:{free_port()}/open311/v2",
                key="khoa-cua-tinh-tai-cong-quoc-gia",
                secret="bí-mật-chung-giữa-hai-cổng",
            )
            peer.services = [
                {"code": "xay-dung", "name": "Xây dựng, quy hoạch, kiến trúc đô thị", "group": "Xây dựng"},
                {"code": "dat-dai", "name": "Đất đai", "group": "Tài nguyên"},
            ]
    finally:
        await database.dispose()


def _in_a_thread_of_its_own(database_url: str) -> None:
    """Playwright's sync API runs an event loop in this thread: the registration runs beside it."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, _register_peer(database_url)).result()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This module's own portal, with the peer registered (``open_page`` opens its pages)."""
    with running_instance(
        tmp_path_factory.mktemp("forwarding"),
        prepare=_in_a_thread_of_its_own,
        CAUNOI_RATE_LIMIT="1000",
    ) as instance:
        yield instance.url


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_forwarding_is_accessible_and_says_what_it_waits_for(
    open_page: OpenPage, live_server: str, device: dict[str, Any]
) -> None:
    asked = httpx.post(
        f"{live_server}/api/v1/questions",
        json={
            "category": "giay-phep-xay-dung",
            "title": "Xin phép xây dựng công trình trên đất quốc phòng",
            "question": "Công trình nằm trên đất do Bộ Quốc phòng quản lý thì xin phép ở đâu?",
            "name": "Lê Văn Tâm",
            "email": "tam.le@example.com",
        },
    )
    assert asked.status_code == 201, asked.text
    reference, tracking = asked.json()["reference"], asked.json()["tracking_url"]
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []

    log_in(page, "xd.chuyenvien")
    page.goto(f"/can-bo/cau-hoi/{reference}")
    page.get_by_text("Chuyển đến cổng khác", exact=True).click()
    expect(page.get_by_text("họ tên và thông tin liên hệ của công dân được giữ tại đây")).to_be_visible()
    problems += _problems(page, "the forward form", narrow)

    page.get_by_role("button", name="Chuyển", exact=True).click()
    expect(page.locator("#forward-service-error")).to_have_text("Chọn một cổng trong danh sách các cổng liên thông.")
    problems += _problems(page, "a refused forward", narrow)

    page.get_by_label("Cổng và lĩnh vực").select_option(label="Xây dựng, quy hoạch, kiến trúc đô thị")
    page.locator("#forward-reason").fill("Đất quốc phòng: thuộc thẩm quyền cấp phép của Bộ Quốc phòng.")
    page.get_by_role("button", name="Chuyển", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"Câu hỏi {reference} đang được chuyển đến {PEER}")
    expect(page.get_by_role("heading", name="Liên thông giữa các cổng")).to_be_visible()
    expect(page.get_by_text("Đang chờ cổng nhận tiếp nhận")).to_be_visible()
    for _ in range(30):  # the worker tries at once; the peer is down
        if page.get_by_text("the peer could not be reached").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(page.get_by_text("the peer could not be reached (ConnectError)")).to_be_visible()
    problems += _problems(page, "a forward waiting for the peer", narrow)

    page.goto(tracking.removeprefix(live_server))
    expect(page.get_by_text("Đã chuyển đến cổng có thẩm quyền").first).to_be_visible()
    problems += _problems(page, "the citizen's page of a forwarded question", narrow)
    assert not problems, "\n\n".join(problems)
