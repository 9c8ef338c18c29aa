"""Staff accounts in the browser: admins manage every account, a head the officers of their own department.

Each change is previewed, then confirmed, and lands with its audit entry (never a password); a
refusal says why beside the field with a 422 and writes nothing. A deactivated member is signed
out and their open questions go back to their department's queue, unassigned.
"""

from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.answering import assign
from feedback.app import create_app
from feedback.audit.models import AuditEntry
from feedback.lifecycle import EventKind
from feedback.models import Role, Ticket, TicketEvent, User
from feedback.settings import Settings
from notify.db import Database, utcnow
from tests.factories import STAFF_PASSWORD, add_staff, audit_entries, csrf_of, log_in, post_form, submit
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)

PAGE = "/can-bo/quan-tri/tai-khoan"
PASSWORD = "mot-mat-khau-du-dai-2026"


@pytest.fixture
async def people(database: Database) -> dict[str, int]:
    return {
        "quantri": await add_staff(database, "quantri", "admin"),
        "truongphong": await add_staff(database, "truongphong", "head", "SXD"),
        "canbo": await add_staff(database, "canbo", "officer", "SXD"),
        "canbo.stc": await add_staff(database, "canbo.stc", "officer", "STC"),
        "lanhdao": await add_staff(database, "lanhdao", "leader"),
    }


async def account(database: Database, username: str) -> User | None:
    async with database.transaction() as session:
        return await session.scalar(sa.select(User).where(User.username == username))


def officer(**more: str) -> dict[str, str]:
    return {
        "username": "an.nguyen",
        "full_name": "Nguyễn Văn An",
        "email": "an.nguyen@sxd.gov.vn",
        "role": "officer",
        "department": "SXD",
        "password": PASSWORD,
        **more,
    }


async def test_the_admin_lists_every_account_with_its_two_step_status(
    client: AsyncTestClient, people: dict[str, int]
) -> None:
    await log_in(client, "quantri")
    page = unescape((await client.get(PAGE)).text)
    row = page[page.index(">Lanhdao</a>") :]
    row = row[: row.index("</li>")]
    assert "lanhdao" in row and "Lãnh đạo" in row and "Đã bật xác thực hai bước" in row
    assert f'href="/can-bo/quan-tri/tai-khoan/{people["lanhdao"]}/xac-thuc-hai-buoc"' in row
    assert ">Canbo Stc</a>" in page and "Sở Xây dựng" in page


async def test_an_admin_creates_an_account_after_a_preview(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    await log_in(client, "quantri")
    preview = await post_form(client, PAGE, PAGE, **officer())
    assert preview.status_code == 200
    assert "Tạo tài khoản an.nguyen cho Nguyễn Văn An, Cán bộ." in unescape(preview.text)
    assert await account(database, "an.nguyen") is None, "a preview writes nothing"
    done = await post_form(client, PAGE, PAGE, **officer(), confirm="yes")
    assert done.status_code == 303
    created = await account(database, "an.nguyen")
    assert created.role is Role.OFFICER and created.email == "an.nguyen@sxd.gov.vn" and created.active
    [entry] = await audit_entries(database, "account:created")
    assert entry.actor_id == people["quantri"] and entry.after["department"] == "SXD"
    assert PASSWORD not in str(entry.after) and created.password_hash not in str(entry.after)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"username": "canbo"}, "username", "Tên đăng nhập canbo đã được dùng."),
        ({"username": "An Nguyễn"}, "username", "Tên đăng nhập gồm 2 đến 64 chữ thường"),
        ({"password": "ngan"}, "password", "Mật khẩu phải có ít nhất 12 ký tự."),
        ({"department": ""}, "department", "Cán bộ hoặc trưởng phòng phải thuộc một cơ quan."),
        ({"department": "KHONGCO"}, "department", "Không có cơ quan nào mã KHONGCO."),
        ({"email": "khong-phai-email"}, "email", "Không phải địa chỉ email"),
        ({"full_name": ""}, "full_name", "Hãy nhập họ và tên"),
    ],
)
async def test_bad_input_is_refused_beside_its_field(
    client: AsyncTestClient,
    database: Database,
    people: dict[str, int],
    fields: dict[str, str],
    field: str,
    message: str,
) -> None:
    await log_in(client, "quantri")
    refused = await post_form(client, PAGE, PAGE, **officer(**fields))
    assert refused.status_code == 422
    page = unescape(refused.text)
    assert f'id="{field}-error">{message}' in page
    assert PASSWORD not in page, "a refused form does not echo the password"
    assert await account(database, "an.nguyen") is None
    assert await audit_entries(database, "account:created") == []


async def test_a_head_manages_the_officers_of_their_own_department_only(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    await log_in(client, "truongphong")
    page = unescape((await client.get(PAGE)).text)
    assert ">Canbo</a>" in page and ">Canbo Stc</a>" not in page and ">Quantri</a>" not in page
    assert f"{PAGE}/{people['canbo']}/xac-thuc-hai-buoc" not in page
    for other in ("canbo.stc", "quantri", "truongphong"):
        assert (await client.get(f"{PAGE}/{people[other]}")).status_code == 404
    token = csrf_of((await client.get(PAGE)).text)
    moved = await client.post(
        f"{PAGE}/{people['canbo.stc']}/trang-thai", data={"active": "no", "_csrf_token": token, "confirm": "yes"}
    )
    assert moved.status_code == 404 and (await account(database, "canbo.stc")).active
    role = await client.post(
        f"{PAGE}/{people['canbo']}/vai-tro", data={"role": "head", "department": "SXD", "_csrf_token": token}
    )
    assert role.status_code == 403
    refused = await post_form(client, PAGE, PAGE, **officer(role="head"))
    assert refused.status_code == 422 and "Trưởng phòng chỉ tạo được tài khoản cán bộ." in unescape(refused.text)
    refused = await post_form(client, PAGE, PAGE, **officer(department="STC"))
    assert refused.status_code == 422
    assert "Trưởng phòng chỉ tạo được tài khoản trong cơ quan của mình." in unescape(refused.text)
    assert await account(database, "an.nguyen") is None
    done = await post_form(client, PAGE, PAGE, **officer(), confirm="yes")
    assert done.status_code == 303
    [entry] = await audit_entries(database, "account:created")
    assert entry.actor_id == people["truongphong"]


@pytest.mark.parametrize("username", ["canbo", "lanhdao"])
async def test_officers_and_leaders_are_refused(client: AsyncTestClient, people: dict[str, int], username: str) -> None:
    await log_in(client, username)
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 403
    assert (await client.get(f"{PAGE}/{people['canbo']}", follow_redirects=False)).status_code == 403


async def test_a_deactivated_officer_is_signed_out_and_their_questions_go_back_to_the_queue(
    client: AsyncTestClient, database: Database, settings: Settings, people: dict[str, int], tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path)
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket).where(Ticket.reference == submitted.reference))
        await assign(session, ticket.id, assignee_id=people["canbo"], actor_id=None, now=utcnow())
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as member:
        await log_in(member, "canbo")
        assert (await member.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 200
        await log_in(client, "truongphong")
        path = f"{PAGE}/{people['canbo']}"
        preview = await post_form(client, f"{path}/trang-thai", path, active="no")
        assert preview.status_code == 200
        assert (
            "1 câu hỏi đang mở được giao cho cán bộ này sẽ trở về hàng chờ của cơ quan, chưa giao cho ai"
            in unescape(preview.text)
        )
        done = await post_form(client, f"{path}/trang-thai", path, active="no", confirm="yes")
        assert done.status_code == 303
        assert (await member.get("/can-bo/hop-thu", follow_redirects=False)).status_code in (302, 303, 401)
    assert not (await account(database, "canbo")).active
    async with database.transaction() as session:
        ticket = await session.get(Ticket, ticket.id)
        kinds = list(await session.scalars(sa.select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id)))
    assert ticket.assignee_id is None and ticket.department_id is not None
    assert EventKind.UNASSIGNED in kinds
    [entry] = await audit_entries(database, "account:deactivated")
    assert entry.actor_id == people["truongphong"] and entry.before["active"] and not entry.after["active"]


async def test_an_admin_cannot_deactivate_themself_nor_demote_the_last_admin(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    await log_in(client, "quantri")
    path = f"{PAGE}/{people['quantri']}"
    refused = await post_form(client, f"{path}/trang-thai", path, active="no")
    assert refused.status_code == 422
    assert "Bạn không thể ngừng hoạt động tài khoản của chính mình." in unescape(refused.text)
    refused = await post_form(client, f"{path}/vai-tro", path, role="leader", department="")
    assert refused.status_code == 422
    assert "Đây là quản trị viên cuối cùng đang hoạt động" in unescape(refused.text)
    assert (await account(database, "quantri")).role is Role.ADMIN
    assert await audit_entries(database, "account:role_changed") == []


async def test_an_admin_moves_an_officer_to_another_department(
    client: AsyncTestClient, database: Database, people: dict[str, int], tmp_path: Path
) -> None:
    submitted = await submit(database, tmp_path)
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket).where(Ticket.reference == submitted.reference))
        await assign(session, ticket.id, assignee_id=people["canbo"], actor_id=None, now=utcnow())
    await log_in(client, "quantri")
    path = f"{PAGE}/{people['canbo']}"
    preview = await post_form(client, f"{path}/vai-tro", path, role="head", department="STC")
    assert preview.status_code == 200
    assert "Canbo trở thành Trưởng phòng/Thủ trưởng cơ quan — Sở Tài chính." in unescape(preview.text)
    assert "1 câu hỏi đang mở được giao cho cán bộ này sẽ trở về hàng chờ của cơ quan" in unescape(preview.text)
    done = await post_form(client, f"{path}/vai-tro", path, role="head", department="STC", confirm="yes")
    assert done.status_code == 303
    moved = await account(database, "canbo")
    assert moved.role is Role.HEAD
    [entry] = await audit_entries(database, "account:role_changed")
    assert entry.before == {**entry.before, "role": "officer", "department": "SXD"}
    assert entry.after["role"] == "head" and entry.after["department"] == "STC"
    async with database.transaction() as session:
        ticket = await session.get(Ticket, ticket.id)
    assert ticket.assignee_id is None and ticket.department_id != moved.department_id


async def test_a_new_password_is_shown_once_and_never_recorded(
    client: AsyncTestClient, database: Database, settings: Settings, people: dict[str, int]
) -> None:
    await log_in(client, "truongphong")
    path = f"{PAGE}/{people['canbo']}"
    preview = await post_form(client, f"{path}/mat-khau", path, choice="generated", password="")
    assert preview.status_code == 200 and "Mật khẩu cũ hết hiệu lực ngay lập tức." in unescape(preview.text)
    result = await post_form(client, f"{path}/mat-khau", path, choice="generated", password="", confirm="yes")
    assert result.status_code == 200 and result.headers["cache-control"] == "no-store"
    new = unescape(result.text).split('id="new-password">')[1].split("<")[0]
    assert len(new) == 16
    [entry] = await audit_entries(database, "account:password_reset")
    assert entry.before is None and entry.after is None and entry.actor_id == people["truongphong"]
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as member:
        refused = await log_in(member, "canbo", STAFF_PASSWORD)
        assert refused.status_code == 401 or "dang-nhap" in str(refused.url)
        await log_in(member, "canbo", new)
        assert (await member.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 200
    short = await post_form(client, f"{path}/mat-khau", path, choice="typed", password="ngan")
    assert short.status_code == 422 and 'id="password-error">Mật khẩu phải có ít nhất 12 ký tự.' in unescape(short.text)


def test_the_command_line_writes_the_same_audit_entries(caunoi) -> None:  # noqa: F811  (the fixture)
    run, url = caunoi
    created = run(
        "user", "create", "--username", "an.nguyen", "--full-name", "Nguyễn Văn An", "--role", "officer",
        "--department", "SXD", "--password", PASSWORD,
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    refused = run(
        "user", "create", "--username", "binh", "--full-name", "Bình", "--role", "head", "--password", PASSWORD
    )
    assert refused.exit_code == 1 and "an officer or a head must belong to a department" in refused.output
    assert run("user", "set", "an.nguyen", "--inactive").exit_code == 0
    assert run("user", "set", "an.nguyen", "--password", "mot-mat-khau-moi-2026").exit_code == 0
    actions = [(e.action, e.actor_id) for e in query(url, sa.select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-3:] == [("account:created", None), ("account:deactivated", None), ("account:password_reset", None)]
