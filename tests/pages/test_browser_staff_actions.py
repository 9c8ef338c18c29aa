"""The question page's actions in a real browser: where an officer lands, and how a refused form comes back."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems, ask_question
from tests.pages.test_browser_staff_flow import log_in, open_ticket

pytestmark = pytest.mark.browser

DEVICES = pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])


def narrow(device: dict[str, Any]) -> int | None:
    """The width to check for sideways scrolling: only a phone's."""
    return device["viewport"]["width"] if device is MOBILE else None


def panel(page: Page, summary: str):
    """The <details> panel of one action, by the words of its summary."""
    return page.locator("details").filter(has=page.locator("summary", has_text=summary))


@DEVICES
def test_an_officer_who_transfers_a_question_lands_on_the_inbox_with_what_happened(
    open_page: OpenPage, device: dict[str, Any], tmp_path: Path
) -> None:
    reference = ask_question(open_page(), tmp_path)  # a building permit: Sở Xây dựng's
    officer = open_page(device=device)
    log_in(officer, "xd.chuyenvien")
    open_ticket(officer, reference)
    transfer = panel(officer, "Chuyển cho cơ quan khác")
    transfer.locator("summary").click()
    transfer.get_by_label("Cơ quan").select_option(label="Sở Tài chính")
    transfer.get_by_label("Lý do").fill("Câu hỏi về lệ phí thuộc thẩm quyền của Sở Tài chính.")
    with officer.expect_navigation() as navigation:
        transfer.get_by_role("button", name="Chuyển").click()

    assert navigation.value is not None and navigation.value.status == 200
    expect(officer).to_have_url(re.compile(r"/can-bo/hop-thu$"))
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Hộp thư")
    expect(officer.locator(".notice-success")).to_have_text(f"Đã chuyển câu hỏi {reference} cho Sở Tài chính.")
    expect(officer.get_by_role("link", name=reference)).to_have_count(0)  # no longer in their inbox
    problems = _problems(officer, "inbox after a transfer", narrow(device))
    assert not problems, "\n\n".join(problems)
