"""A citizen asks a question on the portal and follows it, in a real browser against a real server."""

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]  # the fixture of that name: a page in a fresh browser context
MOBILE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}

TITLE = "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ"
QUESTION = (
    "Gia đình tôi có mảnh đất 120 m² ở phường Hàm Rồng, đã có giấy chứng nhận quyền sử dụng đất.\n"
    "Xin hỏi muốn xây nhà ở riêng lẻ ba tầng thì cần chuẩn bị hồ sơ gì, nộp ở đâu và bao lâu thì có giấy phép?\n"
    "Tôi đã đọc https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.009972"
)
CATEGORY = "Cấp phép xây dựng"
AREA = "Phường Hàm Rồng"
NAME = "Nguyễn Thị Hồng"
PHONE = "0912 345 678"
ATTACHMENT = "bản-vẽ-mặt-bằng.png"

NO_TITLE = "Vui lòng nhập tiêu đề."
BAD_EMAIL = "Vui lòng nhập địa chỉ thư điện tử hợp lệ, ví dụ ten@example.com."
NO_CONTACT = "Vui lòng nhập thư điện tử hoặc số điện thoại di động để nhận câu trả lời."
REFERENCE = re.compile(r"\d{4}-\d{6}")


def png_bytes(width: int = 24, height: int = 16) -> bytes:
    """A valid RGB PNG image, built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((165, 14, 14)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def fill_question(page: Page, *, title: str = TITLE, email: str = "", phone: str = PHONE) -> None:
    page.get_by_label("Lĩnh vực").select_option(label=CATEGORY)
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_role("textbox", name="Nội dung câu hỏi").fill(QUESTION)
    page.get_by_label("Họ và tên hoặc tên doanh nghiệp").fill(NAME)
    page.get_by_label("Thư điện tử (email)").fill(email)
    page.get_by_label("Số điện thoại di động").fill(phone)
    page.get_by_label("Xã, phường").fill(AREA)


def send(page: Page) -> int:
    """Press the form's button; the HTTP status of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Gửi câu hỏi").click()
    response = navigation.value
    assert response is not None
    return response.status


def ask_question(page: Page, tmp_path: Path) -> str:
    """Send a complete question with an image attached; the reference number it gets."""
    image = tmp_path / ATTACHMENT
    image.write_bytes(png_bytes())
    page.goto("/gui-cau-hoi")
    fill_question(page)
    page.get_by_label("Tệp đính kèm").set_input_files(image)
    page.get_by_label("Tôi đồng ý công khai câu hỏi và câu trả lời").check()
    assert send(page) == 200
    expect(page).to_have_url(re.compile(r"/cau-hoi/\d{4}-\d{6}\?token=[\w-]+&moi=1$"))
    return page.locator(".reference").inner_text()


def send_with_errors(page: Page) -> None:
    """The form sent without a title and with an email address that is not one."""
    page.goto("/gui-cau-hoi")
    fill_question(page, title="", email="nguyen.hong@", phone="")
    assert send(page) == 422


def test_a_citizen_asks_a_question_and_follows_it_with_the_private_link(
    open_page: OpenPage, live_server: str, tmp_path: Path
) -> None:
    page = open_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("main").get_by_role("link", name="Gửi câu hỏi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi câu hỏi")

    reference = ask_question(page, tmp_path)

    assert REFERENCE.fullmatch(reference), reference
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn, câu hỏi đã được tiếp nhận.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Câu hỏi {reference}")
    expect(page.locator(".facts")).to_contain_text("Trạng thái")
    expect(page.locator(".status")).to_have_text("Đã chuyển cơ quan có thẩm quyền")
    expect(page.locator(".facts")).to_contain_text(CATEGORY)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(".question-body")).to_contain_text("Gia đình tôi có mảnh đất 120 m²")
    expect(page.locator(".attachments")).to_contain_text(ATTACHMENT)
    tracking_url = page.locator("#tracking-url").input_value()
    assert tracking_url.startswith(f"{live_server}/cau-hoi/{reference}?token=")
    assert "moi=" not in tracking_url

    # The private link alone is enough: another browser, with none of this one's cookies.
    elsewhere = open_page()
    response = elsewhere.goto(tracking_url)
    assert response is not None
    assert response.status == 200
    expect(elsewhere.get_by_role("heading", level=1)).to_have_text(f"Câu hỏi {reference}")
    expect(elsewhere.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(elsewhere.locator(".status")).to_have_text("Đã chuyển cơ quan có thẩm quyền")
    expect(elsewhere.locator(".attachments")).to_contain_text(ATTACHMENT)
    expect(elsewhere.get_by_role("status")).to_have_count(0)  # the thank-you note is for the sender only
    expect(elsewhere.locator("#tracking-url")).to_have_count(0)

    # The reference without the right token shows nothing of the question.
    for link in (f"/cau-hoi/{reference}?token=not-the-right-token", f"/cau-hoi/{reference}"):
        response = elsewhere.goto(link)
        assert response is not None
        assert response.status == 404
        expect(elsewhere.locator("html")).to_have_attribute("lang", "vi")
        expect(elsewhere.get_by_role("heading", level=1)).to_have_text("Không tìm thấy câu hỏi")
        expect(elsewhere.locator("body")).not_to_contain_text(TITLE)


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_a_form_with_mistakes_comes_back_with_what_was_typed_and_a_message_beside_each_field(
    open_page: OpenPage, device: dict[str, Any]
) -> None:
    page = open_page(device=device)
    send_with_errors(page)

    expect(page).to_have_title(re.compile(r"^Lỗi: Gửi câu hỏi"))
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()  # so that a screen reader starts with it
    expect(summary.get_by_role("heading")).to_have_text("Vui lòng sửa các lỗi sau")
    expect(summary).to_contain_text("Tệp đính kèm không được giữ lại")
    # What the citizen typed is still there.
    expect(page.get_by_role("textbox", name="Nội dung câu hỏi")).to_have_value(QUESTION)
    expect(page.get_by_label("Họ và tên hoặc tên doanh nghiệp")).to_have_value(NAME)
    expect(page.get_by_label("Thư điện tử (email)")).to_have_value("nguyen.hong@")
    expect(page.get_by_label("Lĩnh vực")).to_have_value("giay-phep-xay-dung")
    expect(page.get_by_label("Xã, phường")).to_have_value(AREA)
    # Each message is beside its field and read out with it.
    title = page.get_by_label("Tiêu đề")
    expect(page.locator("#title-error")).to_have_text(NO_TITLE)
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_accessible_description(re.compile(re.escape(NO_TITLE)))
    email = page.get_by_label("Thư điện tử (email)")
    expect(page.locator("#email-error")).to_have_text(BAD_EMAIL)
    expect(email).to_have_accessible_description(re.compile(re.escape(BAD_EMAIL)))
    expect(page.get_by_role("textbox", name="Nội dung câu hỏi")).not_to_have_attribute("aria-invalid", "true")
    # The summary's links lead to the fields.
    summary.get_by_role("link", name=NO_TITLE).click()
    expect(page).to_have_url(re.compile(r"#title$"))
    expect(title).to_be_focused()
    expect(page.locator("#title-error")).to_be_in_viewport(ratio=1)  # the field arrives with its label and message
    expect(page.get_by_text("Tiêu đề *")).to_be_in_viewport(ratio=1)
    summary.get_by_role("link", name=BAD_EMAIL).click()
    expect(page).to_have_url(re.compile(r"#email$"))
    expect(email).to_be_focused()
    expect(email).to_be_in_viewport()

    # Corrected title, but now no way to send the answer at all.
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Thư điện tử (email)").fill("")
    assert send(page) == 422

    expect(page.locator("#contact-error")).to_have_text(NO_CONTACT)
    expect(page.get_by_role("group", name="Bạn muốn nhận câu trả lời qua đâu?")).to_contain_text(NO_CONTACT)
    expect(page.locator("#title-error")).to_have_count(0)
    expect(page.get_by_label("Tiêu đề")).to_have_value(TITLE)
    expect(page.get_by_role("textbox", name="Nội dung câu hỏi")).to_have_value(QUESTION)
    # Both ways of being reached are marked, and each tells why when it is read out.
    for field in (page.get_by_label("Thư điện tử (email)"), page.get_by_label("Số điện thoại di động")):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(NO_CONTACT)))
    page.get_by_role("alert").get_by_role("link", name=NO_CONTACT).click()
    expect(page).to_have_url(re.compile(r"#email$"))
    expect(page.get_by_label("Thư điện tử (email)")).to_be_focused()
    expect(page.locator("#contact-label")).to_be_in_viewport(ratio=1)
    expect(page.locator("#contact-error")).to_be_in_viewport(ratio=1)


def test_every_mistake_is_reported_at_once(page: Page) -> None:
    page.goto("/gui-cau-hoi")
    fill_question(page, title="", phone="")
    assert send(page) == 422
    expect(page.locator("#title-error")).to_have_text(NO_TITLE)
    expect(page.locator("#contact-error")).to_have_text(NO_CONTACT, timeout=1_000)


def test_the_portal_speaks_english_on_request(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("main").get_by_role("link", name="Ask a question")).to_be_visible()
    expect(page.locator('.lead [lang="vi"]')).to_have_text("phản ánh, kiến nghị")  # Vietnamese words are marked
    page.get_by_role("main").get_by_role("link", name="Ask a question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    expect(page.get_by_label("Topic")).to_contain_text("Building permits")

    # The choice is remembered, and switching back returns to the same page.
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(re.compile(r"/gui-cau-hoi$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi câu hỏi")
    expect(page.get_by_label("Lĩnh vực")).to_contain_text(CATEGORY)


def test_vietnamese_is_the_default_language(open_page: OpenPage) -> None:
    page = open_page(locale="fr-FR")  # a browser that asks for neither Vietnamese nor English
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("main").get_by_role("link", name="Gửi câu hỏi")).to_be_visible()


def _problems(page: Page, name: str, width: int | None) -> list[str]:
    """What axe-core finds on the page, and any sideways scrolling on a narrow screen."""
    problems = []
    results = Axe().run(page)
    if results.violations_count:
        problems.append(f"{name} ({page.url}): {results.violations_count} axe violations\n{results.generate_report()}")
    if width is not None:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{name} ({page.url}): scrolls sideways, {scroll_width} px wide on a {width} px screen")
    return problems


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_pages_are_accessible_and_fit_the_screen(open_page: OpenPage, device: dict[str, Any], tmp_path: Path) -> None:
    page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    problems += _problems(page, "home", narrow)
    page.goto("/gui-cau-hoi")
    problems += _problems(page, "form", narrow)
    send_with_errors(page)
    problems += _problems(page, "form with errors", narrow)
    reference = ask_question(page, tmp_path)
    problems += _problems(page, "tracking page just after sending", narrow)
    if page.locator(".reference").evaluate("number => number.getClientRects().length") != 1:
        problems.append(f"the reference number {reference} is broken across lines")
    page.goto(page.locator("#tracking-url").input_value())
    problems += _problems(page, "tracking page", narrow)
    page.get_by_text("Cách tính hạn trả lời").click()
    expect(page.locator(".deadline-explanation li").last).to_contain_text("Hạn trả lời:")
    problems += _problems(page, "tracking page with the deadline explained", narrow)
    page.goto(f"/cau-hoi/{reference}?token=wrong")
    problems += _problems(page, "question not found", narrow)
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/gui-cau-hoi")
    problems += _problems(page, "form in English", narrow)

    assert not problems, "\n\n".join(problems)
