"""The commune field in real browsers: a typed name with suggestions (no script needed), former names understood,
an ambiguous one said beside the field; and the admins' list of communes and wards."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.pages.test_browser_ask_flow import DESKTOP, MOBILE, OpenPage, _problems, fill_question, send
from tests.pages.test_browser_staff_flow import log_in

pytestmark = pytest.mark.browser

FIELD = "Xã, phường (không bắt buộc)"


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_a_citizen_names_the_commune_as_they_know_it(open_page: OpenPage, device: dict[str, Any]) -> None:
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    problems: list[str] = []

    page.goto("/gui-cau-hoi")
    field = page.get_by_role("combobox", name=FIELD)
    expect(field).to_have_attribute("list", "area-names")
    expect(field).to_have_accessible_description(re.compile("tên trước ngày 01/7/2025"))
    expect(page.locator("#area-names option[value='Phường Nam Ngạn (nay là Phường Hàm Rồng)']")).to_have_count(1)
    problems += _problems(page, "the form with the commune field", narrow)

    fill_question(page)
    field.fill("Phường Đông Thọ")  # split between two wards on 1/7/2025
    assert send(page) == 422
    error = page.locator("#area-error")
    expect(error).to_contain_text("có thể là nhiều xã, phường: Phường Hàm Rồng, Phường Hạc Thành")
    field = page.get_by_role("combobox", name=FIELD)
    expect(field).to_have_value("Phường Đông Thọ")
    expect(field).to_have_attribute("aria-invalid", "true")
    problems += _problems(page, "an ambiguous former name", narrow)

    field.fill("phuong nam ngan")  # a former ward, typed without marks
    assert send(page) == 200
    expect(page).to_have_url(re.compile(r"/cau-hoi/\d{4}-\d{6}\?token=[\w-]+&moi=1$"))
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("device", [MOBILE, DESKTOP], ids=["mobile-390", "desktop"])
def test_the_admins_list_of_communes_and_wards(open_page: OpenPage, device: dict[str, Any]) -> None:
    page: Page = open_page(device=device)
    narrow = device["viewport"]["width"] if device is MOBILE else None
    log_in(page, "admin")
    page.goto("/can-bo/quan-tri/dia-ban")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xã, phường")
    problems = _problems(page, "communes and wards", narrow)
    page.get_by_label("Tên, tên cũ hoặc mã").fill("nam ngan")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("status")).to_have_text("1 đơn vị đang dùng.")
    expect(page.get_by_role("cell", name=re.compile("Phường Nam Ngạn"))).to_be_visible()
    problems += _problems(page, "communes and wards, filtered", narrow)
    assert not problems, "\n\n".join(problems)
