"""The staff workspace in a real browser: its width, where an action lands, how a refused form comes back."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems, ask_question
from tests.pages.test_browser_staff_flow import log_in, open_ticket

pytestmark = pytest.mark.browser

DEVICES = pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])


def narrow(device: dict[str, Any]) -> int | None:
    """The width to check for sideways scrolling: only a phone's."""
    return device["viewport"]["width"] if device is MOBILE else None


def panel(page: Page, summary: str) -> Locator:
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


REQUIRED = "Vui lòng nhập thông tin này."
NO_REASON = "Hãy nêu lý do."
NO_ANSWER = "Hãy viết câu trả lời trước khi lưu hoặc gửi."


def form_of(page: Page, action: str) -> Locator:
    return page.locator(f'form[action$="/{action}"]')


def send(page: Page, scope: Locator, button: str) -> None:
    """Press ``button`` of ``scope`` (opening its panel first, if closed): the form comes back refused."""
    details = page.locator("details").filter(has=scope)
    if details.count() and details.get_attribute("open") is None:
        details.locator("summary").click()
    with page.expect_navigation() as navigation:
        scope.get_by_role("button", name=button, exact=True).click()
    assert navigation.value is not None and navigation.value.status in (409, 422), navigation.value


def expect_beside(page: Page, action: str, field: Locator, message: str | re.Pattern[str]) -> None:
    """The refused form is open, its first wrong field focused and in view, the message beside it and read with it."""
    details = page.locator("details").filter(has=form_of(page, action))
    if details.count():
        expect(details).to_have_attribute("open", "")
    expect(field).to_be_focused()
    expect(field).to_be_in_viewport()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(message)
    error = page.locator(f"#{field.get_attribute('aria-describedby')}")
    expect(error).to_have_text(message)
    expect(error).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)  # not at the top of the page, far from the field
    expect(page).to_have_title(re.compile(r"^Lỗi: "))


@DEVICES
def test_a_refused_transfer_comes_back_open_with_the_reason_field_focused_and_described(
    open_page: OpenPage, device: dict[str, Any], tmp_path: Path
) -> None:
    reference = ask_question(open_page(), tmp_path)
    officer = open_page(device=device)
    log_in(officer, "xd.chuyenvien")
    open_ticket(officer, reference)
    transfer = panel(officer, "Chuyển cho cơ quan khác")
    transfer.locator("summary").click()
    transfer.get_by_label("Cơ quan").select_option(label="Sở Tài chính")
    send(officer, form_of(officer, "transfer"), "Chuyển")

    expect_beside(officer, "transfer", officer.locator("#transfer-reason"), NO_REASON)
    expect(officer.locator("#transfer-department")).to_have_value("STC")  # what was chosen is kept
    expect(officer.locator("#triage-reason")).not_to_have_attribute("aria-invalid", "true")  # another "reason"
    expect(officer.locator("details[open]")).to_have_count(1)
    problems = _problems(officer, "ticket page with a refused transfer", narrow(device))
    officer.locator("#transfer-reason").fill("Lệ phí thuộc thẩm quyền Sở Tài chính.")
    with officer.expect_navigation():
        form_of(officer, "transfer").get_by_role("button", name="Chuyển", exact=True).click()
    expect(officer.locator(".notice-success")).to_have_text(f"Đã chuyển câu hỏi {reference} cho Sở Tài chính.")
    assert not problems, "\n\n".join(problems)


@DEVICES
def test_every_action_form_refused_comes_back_open_with_its_field_focused_and_described(
    open_page: OpenPage, device: dict[str, Any], tmp_path: Path
) -> None:
    citizen = open_page()
    reference, to_triage = ask_question(citizen, tmp_path), ask_question(citizen, tmp_path)
    head = open_page(device=device)
    log_in(head, "xd.truongphong")
    open_ticket(head, reference)
    # A form loaded before someone else's change is refused as a whole: said at the top, and focused there.
    other = open_page()
    log_in(other, "xd.chuyenvien")
    open_ticket(other, reference)
    other.get_by_role("button", name="Tiếp nhận: cơ quan tôi trả lời câu hỏi này").click()
    expect(other.locator(".notice-success")).to_be_visible()
    send(head, form_of(head, "accept"), "Tiếp nhận: cơ quan tôi trả lời câu hỏi này")
    expect(head.locator(".error-summary")).to_be_focused()
    expect(head.locator(".error-summary")).to_contain_text("Có người đã thay đổi câu hỏi này")
    open_ticket(head, reference)

    cases: list[tuple[str, str, Callable[[Page], None], Callable[[Page], Locator], str | re.Pattern[str]]] = [
        ("note", "Thêm ghi chú", lambda p: None, lambda p: p.locator("#note"), REQUIRED),
        ("request_info", "Gửi đề nghị", lambda p: None, lambda p: p.locator("#message"), REQUIRED),
        ("draft", "Lưu bản nháp", lambda p: None, lambda p: p.locator("#answer"), NO_ANSWER),
        ("draft", "Trình duyệt", lambda p: None, lambda p: p.locator("#answer"), NO_ANSWER),
        (
            "assign",
            "Phân công",
            lambda p: p.locator("#assignee").evaluate("select => { select.options[0].value = '999999999'; }"),
            lambda p: p.locator("#assignee"),
            "Chọn một cán bộ của cơ quan đang xử lý.",
        ),
        (
            "extend",
            "Gia hạn",
            lambda p: p.locator("#period").fill("mãi mãi"),
            lambda p: p.locator("#period"),
            re.compile(r"^Gia hạn tối đa"),
        ),
        ("transfer", "Chuyển", lambda p: None, lambda p: p.locator("#transfer-department"), re.compile("cơ quan")),
        ("send_to_triage", "Trả lại", lambda p: None, lambda p: p.locator("#triage-reason"), NO_REASON),
        ("reject", "Không tiếp nhận", lambda p: None, lambda p: p.locator("#reason-spam"), re.compile("^Chọn lý do")),
        (
            "request_input",
            "Gửi đề nghị",
            lambda p: None,
            lambda p: form_of(p, "request_input").locator("input[type=checkbox]").first,
            "Chọn một cơ quan đang hoạt động trong danh sách.",
        ),
        (
            "link_duplicate",
            "Trả lời theo câu hỏi trùng",
            lambda p: None,
            lambda p: p.locator("#link-duplicate"),
            "Nhập mã số của một câu hỏi khác đã được trả lời.",
        ),
    ]
    for action, button, prepare, field, message in cases:
        details = head.locator("details").filter(has=form_of(head, action))
        if details.count():
            details.locator("summary").click()
        prepare(head)
        send(head, form_of(head, action), button)
        expect_beside(head, action, field(head), message)
        open_ticket(head, reference)

    # The extension and the rejection describe their second field too.
    send(head, form_of(head, "reject"), "Không tiếp nhận")
    expect(head.locator("#explanation")).to_have_accessible_description(NO_REASON)

    form_of(head, "draft").get_by_label("Nội dung câu trả lời").fill("Hồ sơ gồm đơn đề nghị và bản vẽ.")
    with head.expect_navigation():
        form_of(head, "draft").get_by_role("button", name="Trình duyệt").click()
    send(head, form_of(head, "return"), "Trả lại")
    expect_beside(head, "return", head.locator("#comment"), NO_REASON)

    open_ticket(head, to_triage)
    panel(head, "Trả lại Văn phòng để phân loại").locator("summary").click()
    head.locator("#triage-reason").fill("Không rõ cơ quan có thẩm quyền.")
    with head.expect_navigation():
        form_of(head, "send_to_triage").get_by_role("button", name="Trả lại", exact=True).click()
    coordinator = open_page(device=device)
    log_in(coordinator, "dieuphoi", home="Hộp thư")
    open_ticket(coordinator, to_triage)
    send(coordinator, form_of(coordinator, "route"), "Gửi")
    expect_beside(coordinator, "route", coordinator.locator("#route-department"), re.compile("cơ quan"))
    coordinator.goto("/hoi-dap")
    published = coordinator.locator(".qa-item h2 a").first.get_attribute("href").rsplit("/", 1)[1]
    open_ticket(coordinator, published)
    redact = form_of(coordinator, "redact")
    panel(coordinator, "Sửa nội dung công khai").locator("summary").click()
    redact.get_by_label("Tiêu đề công khai").fill("")
    redact.get_by_label("Nội dung câu hỏi công khai").fill("")
    send(coordinator, redact, "Lưu nội dung công khai")
    expect_beside(coordinator, "redact", coordinator.locator("#public_title"), REQUIRED)
    expect(coordinator.locator("#public_body")).to_have_accessible_description(REQUIRED)
    open_ticket(coordinator, published)
    send(coordinator, form_of(coordinator, "unpublish"), "Gỡ công khai")
    expect_beside(coordinator, "unpublish", coordinator.locator("#unpublish-reason"), NO_REASON)


@DEVICES
def test_the_staff_header_page_and_footer_share_one_width(
    open_page: OpenPage, device: dict[str, Any], tmp_path: Path
) -> None:
    ticket = f"/can-bo/cau-hoi/{ask_question(open_page(), tmp_path)}"
    page = open_page(device=device)
    log_in(page, "xd.truongphong")
    problems: list[str] = []
    for url in ("/can-bo/hop-thu", ticket, "/can-bo/bang-dieu-khien", "/can-bo/mau-tra-loi", "/can-bo/thong-bao"):
        response = page.goto(url)
        assert response is not None
        boxes = {
            part: page.locator(selector).bounding_box()
            for part, selector in (("header", ".site-header .wrap"), ("page", "main"), ("footer", ".site-footer .wrap"))
        }
        edges = {part: (round(box["x"]), round(box["x"] + box["width"])) for part, box in boxes.items() if box}
        assert len(set(edges.values())) == 1, f"{url}: {edges}"
        if response.status == 403:  # a head may not keep the notifications: the staff layout says so
            expect(page.get_by_role("heading", level=1)).to_have_text("Rất tiếc")
            expect(page.get_by_role("alert")).to_have_text("Vai trò của bạn không được truy cập trang này.")
            expect(page.get_by_role("navigation", name="Khu vực cán bộ")).to_be_visible()
            problems += _problems(page, "a page the role may not open", narrow(device))
    assert not problems, "\n\n".join(problems)


@DEVICES
def test_the_notifications_page_finds_a_question_s_messages(
    open_page: OpenPage, device: dict[str, Any], tmp_path: Path
) -> None:
    reference = ask_question(open_page(), tmp_path)
    page = open_page(device=device)
    log_in(page, "admin")
    page.goto("/can-bo/thong-bao?status=all")
    page.get_by_label("Tìm thông báo").fill(reference)
    page.get_by_role("search").get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_label("Tìm thông báo")).to_have_value(reference)
    rows = page.locator(".ticket-row")
    for _ in range(50):  # the worker writes the question's messages a moment after it is sent
        if rows.count() >= 3:  # the citizen's email and SMS, the department's alert
            break
        page.wait_for_timeout(200)
        page.reload()
    expect(rows).to_have_count(3)
    assert all(row.get_by_role("link", name=reference).count() == 1 for row in rows.all())
    expect(page.locator(".ticket-row", has_text="0912345678")).to_have_count(0)  # stored and shown as +84…
    expect(page.locator(".ticket-row", has_text="Nguyễn Thị Hồng, +84912345678")).to_have_count(1)
    problems = _problems(page, "notifications found by reference", narrow(device))
    assert not problems, "\n\n".join(problems)
