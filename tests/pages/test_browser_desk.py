"""An officer enters a phone call and prints its receipt; an answer goes out by post: in a real browser."""

import re
from typing import Any

import pytest
import segno
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import CATEGORY, DESKTOP, MOBILE, QUESTION, TITLE, OpenPage, _problems
from tests.pages.test_browser_staff_flow import log_in, open_ticket

pytestmark = pytest.mark.browser

CALLER = "Lê Văn Bình"


def enter_question(page: Page, channel: str, *, address: str = "") -> str:
    """Fill "Nhập câu hỏi" from the navigation and save it; the reference on the receipt."""
    page.get_by_role("navigation", name="Khu vực cán bộ").get_by_role("link", name="Nhập câu hỏi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập câu hỏi")
    page.get_by_label(channel, exact=True).check()
    page.get_by_label("Lĩnh vực").select_option(label=CATEGORY)
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_role("textbox", name="Câu hỏi *", exact=True).fill(QUESTION)
    page.get_by_label("Họ và tên hoặc tên doanh nghiệp").fill(CALLER)
    if address:
        page.get_by_label("Địa chỉ bưu chính").fill(address)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Lưu và in phiếu tiếp nhận").click()
    assert navigation.value is not None and navigation.value.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Phiếu tiếp nhận câu hỏi")
    return page.locator("#receipt-reference").inner_text()


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_an_officer_enters_a_phone_call_and_prints_the_receipt_with_its_qr_code(
    open_page: OpenPage, device: dict[str, Any]
) -> None:
    officer = open_page(device=device)
    log_in(officer, "xd.chuyenvien")
    officer.goto("/can-bo/nhap-cau-hoi")
    problems = _problems(officer, "the entry form", 390 if device is MOBILE else None)

    reference = enter_question(officer, "Điện thoại")
    link = officer.locator("#short-link").inner_text()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/t/[a-z2-9]{10}", link), link
    expect(officer.locator("#short-code")).to_have_text(link.rsplit("/", 1)[1])
    qr = officer.get_by_role("img", name=f"Mã QR của đường dẫn tra cứu {link}")
    expect(qr).to_be_visible()
    drawn = qr.locator("path").get_attribute("d")
    assert drawn == re.search(r' d="([^"]+)"', segno.make_qr(link, error="m").svg_inline()).group(1)
    expect(officer.locator(".receipt")).to_contain_text("Sở Xây dựng")
    expect(officer.locator(".receipt")).to_contain_text("điện thoại")
    problems += _problems(officer, "the receipt", 390 if device is MOBILE else None)

    # Printed: the receipt alone (no header, navigation or buttons), on one A5 page.
    officer.emulate_media(media="print")
    expect(officer.locator(".site-header")).to_be_hidden()
    expect(officer.get_by_role("button", name="In phiếu tiếp nhận")).to_be_hidden()
    pdf = officer.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    officer.emulate_media(media="screen")

    # The citizen follows the link read out to them.
    citizen = open_page()
    citizen.goto(link)
    expect(citizen.locator("main")).to_contain_text(reference)

    open_ticket(officer, reference)
    expect(officer.locator(".timeline")).to_contain_text("Tiếp nhận (điện thoại), do Phạm Thị Dựng nhập vào hệ thống")
    expect(officer.get_by_role("link", name="In phiếu tiếp nhận")).to_be_visible()
    assert not problems, "\n\n".join(problems)


def test_an_answer_to_a_letter_is_recorded_as_sent_by_post(open_page: OpenPage) -> None:
    officer = open_page()
    log_in(officer, "xd.chuyenvien")
    reference = enter_question(officer, "Thư", address="Số 12 Lê Lợi, phường Hạc Thành")
    open_ticket(officer, reference)
    officer.get_by_role("button", name="Tiếp nhận: cơ quan tôi trả lời câu hỏi này").click()
    officer.get_by_label("Nội dung câu trả lời").fill("Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.")
    officer.get_by_role("button", name="Trình duyệt").click()
    expect(officer.get_by_text("Câu trả lời đang chờ lãnh đạo duyệt").first).to_be_visible()
    head = open_page()
    log_in(head, "xd.truongphong")
    open_ticket(head, reference)
    head.get_by_role("button", name="Duyệt và gửi cho công dân").click()
    expect(head.get_by_text("Đã duyệt câu trả lời và gửi cho công dân")).to_be_visible()

    officer.get_by_role("navigation", name="Khu vực cán bộ").get_by_role("link", name="Chờ gửi bưu điện").click()
    officer.get_by_role("link", name=reference).click()
    officer.get_by_text("Đã gửi trả lời qua bưu điện").click()
    expect(officer.get_by_label("Ngày gửi")).to_have_attribute("max", re.compile(r"\d{4}-\d{2}-\d{2}"))
    officer.get_by_role("button", name="Ghi nhận đã gửi qua bưu điện").click()
    expect(officer.locator(".notice-success")).to_have_text(
        f"Đã ghi nhận câu trả lời của câu hỏi {reference} được gửi qua bưu điện."
    )
    expect(officer.locator(".timeline")).to_contain_text("Đã gửi câu trả lời cho công dân qua bưu điện ngày")
    problems = _problems(officer, "the question answered by post", None)
    assert not problems, "\n\n".join(problems)
