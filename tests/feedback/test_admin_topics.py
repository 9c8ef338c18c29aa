"""The admins' topics page: by group with the default department and the last 90 days' questions;
adding a topic, changing it (previewed with its open questions, which keep their department)."""

from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.audit.models import AuditEntry
from feedback.models import Ticket
from notify.db import Database
from routing import admin
from routing.models import Category, Department
from tests.factories import add_staff, audit_entries, log_in, post_form, submit
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)

PAGE = "/can-bo/quan-tri/linh-vuc"
NEW = {
    "code": "cay-xanh",
    "name": "Cây xanh đô thị",
    "name_en": "Urban trees",
    "group": "Xây dựng và đô thị",
    "group_en": "",
    "department": "SXD",
}


@pytest.fixture
async def people(database: Database) -> None:
    await add_staff(database, "quantri", "admin")
    await add_staff(database, "truongphong", "head", "SXD")
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")


async def topic(database: Database, code: str) -> Category | None:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Category).where(Category.code == code))


def current(category: Category, department: str, **changes: str) -> dict[str, str]:
    return {
        "name": category.name,
        "name_en": category.name_en,
        "group": category.group,
        "group_en": category.group_en,
        "position": str(category.position),
        "department": department,
        "active": "yes",
        **changes,
    }


async def test_topics_are_listed_by_group_with_their_department_figures_and_extra_questions(
    client: AsyncTestClient, database: Database, people: None, tmp_path: Path
) -> None:
    await submit(database, tmp_path)
    async with database.transaction() as session:
        await admin.add_attribute(
            session, "giay-phep-xay-dung", code="so-thua", description="Số thửa đất", datatype="string"
        )
    await log_in(client, "quantri")
    page = unescape((await client.get(PAGE)).text)
    row = page[page.index(">Cấp phép xây dựng</a>") :]
    row = row[: row.index("</li>")]
    assert "Sở Xây dựng" in row and "1 câu hỏi trong 90 ngày qua" in row and "Số thửa đất" in row
    assert "caunoi category attribute" in page


async def test_an_admin_adds_a_topic_after_a_preview(client: AsyncTestClient, database: Database, people: None) -> None:
    await log_in(client, "quantri")
    preview = await post_form(client, PAGE, PAGE, **NEW)
    assert preview.status_code == 200
    text = unescape(preview.text)
    assert "Thêm lĩnh vực Cây xanh đô thị vào nhóm Xây dựng và đô thị." in text
    assert "Câu hỏi mới thuộc lĩnh vực này được chuyển đến Sở Xây dựng" in text
    assert await topic(database, "cay-xanh") is None
    assert (await post_form(client, PAGE, PAGE, **NEW, confirm="yes")).status_code == 303
    added = await topic(database, "cay-xanh")
    assert added.group_en == "Xây dựng và đô thị" and added.active
    [entry] = await audit_entries(database, "topic:added")
    assert entry.after["department"] == "SXD" and entry.actor_id is not None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "giay-phep-xay-dung"}, "code", "Mã giay-phep-xay-dung đã được dùng."),
        ({"code": "Cây Xanh"}, "code", "Mã gồm chữ thường"),
        ({"name": ""}, "name", "Cần điền mục này."),
        ({"group": "<b>nhóm</b>"}, "group", "Hãy viết văn bản thường"),
        ({"department": "KHONGCO"}, "department", "Không có cơ quan đang hoạt động nào mã KHONGCO."),
    ],
)
async def test_bad_input_is_refused_beside_its_field(
    client: AsyncTestClient, database: Database, people: None, fields: dict[str, str], field: str, message: str
) -> None:
    await log_in(client, "quantri")
    refused = await post_form(client, PAGE, PAGE, **{**NEW, **fields})
    assert refused.status_code == 422
    assert f'id="{field}-error">{message}' in unescape(refused.text)
    assert await topic(database, "cay-xanh") is None
    assert await audit_entries(database, "topic:added") == []


async def test_a_new_default_department_leaves_open_questions_where_they_are(
    client: AsyncTestClient, database: Database, people: None, tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path)
    category = await topic(database, "giay-phep-xay-dung")
    path = f"{PAGE}/giay-phep-xay-dung"
    await log_in(client, "quantri")
    fields = current(category, "STC", name="Cấp giấy phép xây dựng", position="3")
    preview = await post_form(client, path, path, **fields)
    assert preview.status_code == 200
    text = unescape(preview.text)
    assert "1 câu hỏi đang mở thuộc lĩnh vực này giữ nguyên cơ quan xử lý" in text
    assert "Câu hỏi mới thuộc lĩnh vực này được chuyển đến Sở Tài chính" in text
    assert (await post_form(client, path, path, **fields, confirm="yes")).status_code == 303
    changed = await topic(database, "giay-phep-xay-dung")
    assert changed.name == "Cấp giấy phép xây dựng" and changed.position == 3
    async with database.transaction() as session:
        stc = await session.scalar(sa.select(Department.id).where(Department.code == "STC"))
        ticket = await session.scalar(sa.select(Ticket).where(Ticket.reference == submitted.reference))
    assert changed.default_department_id == stc and ticket.department_id != stc
    [entry] = await audit_entries(database, "topic:changed")
    assert entry.before["department"] == "SXD" and entry.after["department"] == "STC"
    assert entry.after["name"] == "Cấp giấy phép xây dựng"


async def test_a_topic_is_deactivated_and_a_bad_position_refused(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    category = await topic(database, "giay-phep-xay-dung")
    path = f"{PAGE}/giay-phep-xay-dung"
    await log_in(client, "quantri")
    refused = await post_form(client, path, path, **current(category, "SXD", position="đầu"))
    assert refused.status_code == 422
    assert 'id="position-error">Hãy nhập thứ tự là số nguyên' in unescape(refused.text)
    fields = current(category, "", active="")
    preview = await post_form(client, path, path, **fields)
    text = unescape(preview.text)
    assert "Người dân không còn chọn được lĩnh vực này trên biểu mẫu." in text
    assert "hàng chờ phân loại" in text
    assert (await post_form(client, path, path, **fields, confirm="yes")).status_code == 303
    changed = await topic(database, "giay-phep-xay-dung")
    assert not changed.active and changed.default_department_id is None


@pytest.mark.parametrize("username", ["truongphong", "dieuphoi"])
async def test_others_are_refused(client: AsyncTestClient, people: None, username: str) -> None:
    await log_in(client, username)
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 403
    assert (await client.get(f"{PAGE}/giay-phep-xay-dung", follow_redirects=False)).status_code == 403


def test_the_command_line_writes_the_same_audit_entries(caunoi) -> None:  # noqa: F811  (the fixture)
    run, url = caunoi
    added = run(
        "category", "add", "--code", "cay-xanh", "--name", "Cây xanh", "--group", "Đô thị", "--department", "SXD"
    )
    assert added.exit_code == 0, added.output
    changed = run("category", "set", "cay-xanh", "--no-department", "--name", "Cây xanh đô thị", "--position", "5")
    assert changed.exit_code == 0, changed.output
    [row] = query(url, sa.select(Category).where(Category.code == "cay-xanh"))
    assert row.name == "Cây xanh đô thị" and row.position == 5 and row.default_department_id is None
    actions = [(e.action, e.actor_id) for e in query(url, sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-2:] == [("topic:added", None), ("topic:changed", None)]
