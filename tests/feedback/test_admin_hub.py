"""The administration's index: each role sees the sections it may use, and the others are refused."""

from html import unescape

import pytest
from litestar.testing import AsyncTestClient

from feedback.admin.hub import SECTIONS
from notify.db import Database
from tests.factories import add_staff, log_in


@pytest.fixture
async def people(database: Database) -> None:
    await add_staff(database, "quantri", "admin")
    await add_staff(database, "truongphong", "head", "STC")
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    await add_staff(database, "canbo", "officer", "STC")
    await add_staff(database, "lanhdao", "leader")


async def index_of(client: AsyncTestClient, username: str) -> tuple[int, str]:
    await log_in(client, username)
    page = await client.get("/can-bo/quan-tri", follow_redirects=False)
    return page.status_code, unescape(page.text)


async def test_an_admin_sees_every_section(client: AsyncTestClient, people: None) -> None:
    status, page = await index_of(client, "quantri")
    assert status == 200
    for title in ("Cơ quan", "Tài khoản cán bộ", "Lĩnh vực", "Quy tắc phân luồng", "Lịch làm việc", "Nhật ký thay đổi"):
        assert f">{title}</a>" in page, title


async def test_a_head_sees_only_the_accounts(client: AsyncTestClient, people: None) -> None:
    status, page = await index_of(client, "truongphong")
    assert status == 200
    assert ">Tài khoản cán bộ</a>" in page
    assert ">Quy tắc phân luồng</a>" not in page and ">Lịch làm việc</a>" not in page


async def test_the_coordinating_office_sees_the_calendar(client: AsyncTestClient, people: None) -> None:
    status, page = await index_of(client, "dieuphoi")
    assert status == 200
    assert ">Lịch làm việc</a>" in page and ">Tài khoản cán bộ</a>" not in page


@pytest.mark.parametrize("username", ["canbo", "lanhdao"])
async def test_officers_and_leaders_are_refused(client: AsyncTestClient, people: None, username: str) -> None:
    status, _ = await index_of(client, username)
    assert status == 403


async def test_every_section_the_index_lists_opens_for_its_roles(client: AsyncTestClient, people: None) -> None:
    await log_in(client, "quantri")
    for section in SECTIONS:
        page = await client.get(section.path, follow_redirects=False)
        assert page.status_code == 200, section.path
        assert "<h1" in page.text, section.path
