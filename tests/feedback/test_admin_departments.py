"""The admins' departments page: the tree, adding one, moving it, the coordinating office, deactivating one.

Each change is previewed, then confirmed, and lands with its audit entry; a refusal says why beside
the field with a 422 and writes nothing. The command line writes the same audit entries.
"""

from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.audit.models import AuditEntry
from feedback.models import Ticket
from notify.db import Database
from routing.models import Department
from tests.factories import add_staff, audit_entries, log_in, post_form, submit
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)

PAGE = "/can-bo/quan-tri/don-vi"


@pytest.fixture
async def people(database: Database) -> None:
    await add_staff(database, "quantri", "admin")
    await add_staff(database, "truongphong", "head", "STC")


async def department(database: Database, code: str) -> Department | None:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Department).where(Department.code == code))


NEW = {
    "code": "bqlkkt",
    "name": "Ban Quản lý Khu kinh tế Nghi Sơn",
    "name_en": "",
    "mailbox": "tiepnhan@bqlkkt.gov.vn",
    "parent": "",
}


async def test_the_admin_sees_the_tree_with_its_figures(
    client: AsyncTestClient, database: Database, people: None, tmp_path: Path
) -> None:
    await submit(database, tmp_path)
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket))
        where = await session.get(Department, ticket.department_id)
    await log_in(client, "quantri")
    page = unescape((await client.get(PAGE)).text)
    vpub = page[page.index(">Văn phòng UBND tỉnh</a>") :]
    assert "Văn phòng điều phối" in vpub[: vpub.index("</li>")]
    row = page[page.index(f">{where.name}</a>") :]
    row = row[: row.index("</li>")]
    assert "1 câu hỏi đang mở" in row
    stc = page[page.index(">Sở Tài chính</a>") :]
    assert "1 cán bộ đang hoạt động" in stc[: stc.index("</li>")]


async def test_an_admin_adds_a_department_after_a_preview(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    preview = await post_form(client, PAGE, PAGE, **NEW)
    assert preview.status_code == 200, preview.text[-3000:]
    assert "Thêm cơ quan Ban Quản lý Khu kinh tế Nghi Sơn (BQLKKT)." in unescape(preview.text)
    assert await department(database, "BQLKKT") is None, "a preview writes nothing"
    done = await post_form(client, PAGE, PAGE, **NEW, confirm="yes")
    assert done.status_code == 303
    added = await department(database, "BQLKKT")
    assert added is not None and added.active and added.mailbox == "tiepnhan@bqlkkt.gov.vn"
    assert added.name_en == "Ban Quản lý Khu kinh tế Nghi Sơn"
    [entry] = await audit_entries(database, "department:added")
    assert (
        entry.actor_id is not None and entry.target == "department:BQLKKT" and entry.after["mailbox"] == added.mailbox
    )
    trail = unescape((await client.get("/can-bo/quan-tri/nhat-ky")).text)
    assert "<td>Thêm cơ quan</td>" in trail and "department:BQLKKT" in trail


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "STC"}, "code", "Mã STC đã được dùng"),
        ({"code": "sở"}, "code", "Mã gồm chữ cái"),
        ({"name": " "}, "name", "Cần điền mục này"),
        ({"mailbox": "khong-phai-email"}, "mailbox", "Không phải địa chỉ email"),
        ({"parent": "KHONGCO"}, "parent", "Không có cơ quan đang hoạt động nào mã KHONGCO."),
    ],
)
async def test_bad_input_is_refused_beside_its_field(
    client: AsyncTestClient, database: Database, people: None, fields: dict[str, str], field: str, message: str
) -> None:
    await log_in(client, "quantri")
    refused = await post_form(client, PAGE, PAGE, **{**NEW, **fields})
    assert refused.status_code == 422
    page = unescape(refused.text)
    assert f'id="{field}-error">{message}' in page, page[page.find("field-error") - 200 :][:600]
    assert await department(database, "BQLKKT") is None
    assert await audit_entries(database, "department:added") == []


async def test_a_department_moves_under_another_but_never_under_its_own_unit(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    await post_form(client, PAGE, PAGE, **{**NEW, "parent": "STC"}, confirm="yes")
    stc = f"{PAGE}/STC"
    refused = await post_form(client, stc, stc, parent="BQLKKT", mailbox="sotc@thanhhoa.gov.vn")
    assert refused.status_code == 422
    assert "không thể đặt dưới chính nó hoặc một đơn vị của nó" in unescape(refused.text)
    refused = await post_form(client, stc, stc, parent="STC", mailbox="sotc@thanhhoa.gov.vn")
    assert refused.status_code == 422
    moved = await post_form(client, f"{PAGE}/BQLKKT", f"{PAGE}/BQLKKT", parent="", mailbox="", confirm="yes")
    assert moved.status_code == 303
    added = await department(database, "BQLKKT")
    assert added.parent_id is None and added.mailbox is None
    [entry] = await audit_entries(database, "department:changed")
    assert entry.before["parent"] == "STC" and entry.after["parent"] is None


async def test_moving_the_coordinating_office_is_previewed_as_such(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    path = f"{PAGE}/SNV"
    preview = await post_form(client, path, path, parent="", mailbox="sonv@thanhhoa.gov.vn", coordinating="yes")
    assert preview.status_code == 200
    assert "Văn phòng điều phối chuyển từ Văn phòng UBND tỉnh sang Sở Nội vụ." in unescape(preview.text)
    assert (await department(database, "VPUB")).is_coordinating_office
    done = await post_form(
        client, path, path, parent="", mailbox="sonv@thanhhoa.gov.vn", coordinating="yes", confirm="yes"
    )
    assert done.status_code == 303
    assert (await department(database, "SNV")).is_coordinating_office
    assert not (await department(database, "VPUB")).is_coordinating_office
    targets = {e.target for e in await audit_entries(database, "department:changed")}
    assert targets == {"department:SNV", "department:VPUB"}


async def test_deactivation_is_refused_while_anything_depends_on_the_department(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    path = f"{PAGE}/STC"
    page = unescape((await client.get(path)).text)
    assert "cán bộ đang hoạt động thuộc cơ quan này" in page
    assert 'href="/can-bo/quan-tri/sap-xep-to-chuc"' in page
    refused = await post_form(client, f"{path}/ngung-hoat-dong", path)
    assert refused.status_code == 422
    assert (await department(database, "STC")).active
    assert await audit_entries(database, "department:deactivated") == []


async def test_an_unused_department_is_deactivated_after_a_preview(
    client: AsyncTestClient, database: Database, people: None
) -> None:
    await log_in(client, "quantri")
    await post_form(client, PAGE, PAGE, **NEW, confirm="yes")
    path = f"{PAGE}/BQLKKT"
    preview = await post_form(client, f"{path}/ngung-hoat-dong", path)
    assert preview.status_code == 200 and "Ngừng hoạt động cơ quan Ban Quản lý Khu kinh tế Nghi Sơn" in unescape(
        preview.text
    )
    done = await post_form(client, f"{path}/ngung-hoat-dong", path, confirm="yes")
    assert done.status_code == 303
    assert not (await department(database, "BQLKKT")).active
    [entry] = await audit_entries(database, "department:deactivated")
    assert entry.before["active"] and not entry.after["active"]


@pytest.mark.parametrize("username", ["truongphong"])
async def test_others_are_refused(client: AsyncTestClient, people: None, username: str) -> None:
    await log_in(client, username)
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 403


def test_the_command_line_writes_the_same_audit_entries(caunoi) -> None:  # noqa: F811  (the fixture)
    run, url = caunoi
    added = run(
        "department", "add", "--code", "BQLKKT", "--name", "Ban Quản lý Khu kinh tế Nghi Sơn", "--parent", "STC"
    )
    assert added.exit_code == 0, added.output
    refused = run("department", "deactivate", "STC")
    assert refused.exit_code == 1, refused.output
    assert "active staff account(s) belong to it" in refused.output and "these topics by default" in refused.output
    moved = run("department", "set", "BQLKKT", "--top-level", "--mailbox", "tiepnhan@bqlkkt.gov.vn")
    assert moved.exit_code == 0, moved.output
    assert "cannot be placed under itself" in run("department", "set", "BQLKKT", "--parent", "BQLKKT").output
    assert run("department", "deactivate", "BQLKKT").exit_code == 0
    [changed] = query(url, sa.select(AuditEntry).where(AuditEntry.action == "department:changed"))
    assert changed.before["parent"] == "STC" and changed.after == {
        **changed.before,
        "parent": None,
        "mailbox": "tiepnhan@bqlkkt.gov.vn",
    }
    [added_entry] = query(url, sa.select(AuditEntry).where(AuditEntry.action == "department:added"))
    assert added_entry.actor_id is None and added_entry.after["parent"] == "STC"
    [gone] = query(url, sa.select(AuditEntry).where(AuditEntry.action == "department:deactivated"))
    assert gone.actor_id is None and gone.target == "department:BQLKKT"
