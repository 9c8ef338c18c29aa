"""The admins' deadlines and escalation page: policies in words, set or removed with a preview, never moving a clock."""

from html import unescape

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.audit.models import AuditEntry
from feedback.models import Ticket
from notify.db import Database
from routing.models import SlaPolicy
from tests.factories import add_staff, csrf_of, log_in, submit
from tests.feedback.test_admin_rules import audit, confirm
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)

PAGE = "/can-bo/quan-tri/thoi-han"
DEFAULT_LADDER = [
    ("0", "assignee", ""),
    ("1", "head", "0"),
    ("2", "coordinating_office", "2"),
    ("3", "leadership", "5"),
]


@pytest.fixture
async def admin_id(database: Database) -> int:
    return await add_staff(database, "quantri", "admin")


def fields(ladder: list[tuple[str, str, str]] = DEFAULT_LADDER, **values: str) -> dict[str, str]:
    """The policy form as the admin fills it: the built-in default unless ``values`` say otherwise."""
    form = {
        "category": "",
        "priority": "",
        "accept_amount": "2",
        "accept_unit": "wd",
        "answer_amount": "10",
        "answer_unit": "wd",
        "transfer_amount": "5",
        "transfer_unit": "wd",
        "max_extension_amount": "10",
        "max_extension_unit": "wd",
        "warning": "75",
        "restart": "yes",
    }
    for index, (level, recipient, days) in enumerate(ladder):
        form |= {f"step{index}_level": level, f"step{index}_recipient": recipient, f"step{index}_days": days}
    return form | values


async def post(client: AsyncTestClient, path: str, **data: str) -> tuple[int, str]:
    token = csrf_of((await client.get(PAGE)).text)
    response = await client.post(path, data={**data, "_csrf_token": token})
    return response.status_code, unescape(response.text)


async def stored(database: Database) -> list[tuple[str, int, str, list]]:
    async with database.transaction() as session:
        rows = await session.scalars(sa.select(SlaPolicy).order_by(SlaPolicy.id))
        return [(row.scope, row.answer_amount, row.answer_unit, row.ladder) for row in rows]


async def test_the_policies_are_shown_in_words(client: AsyncTestClient, database: Database, admin_id: int) -> None:
    await log_in(client, "quantri")
    page = unescape((await client.get(PAGE)).text)
    assert "<h1>Thời hạn và nhắc việc</h1>" in page
    default = page[page.index("Mặc định: mọi lĩnh vực, mọi mức ưu tiên") : page.index("</li>")]
    assert "(có sẵn, chưa thay đổi)" in default
    assert "<dt>Trả lời trong</dt><dd>10 ngày làm việc</dd>" in default
    assert "<dt>Cảnh báo khi</dt><dd>75% thời hạn trả lời</dd>" in default
    assert "<td>2</td><td>Văn phòng điều phối</td><td>quá hạn 2 ngày làm việc</td>" in default
    assert "<td>0</td><td>chuyên viên phụ trách (hoặc hộp thư của cơ quan)</td><td>tại điểm cảnh báo" in default
    assert "<dd>15 ngày</dd>" in page  # feedback on legal documents: calendar days
    assert "Mức ưu tiên: khẩn" in page and "<dd>4 giờ làm việc</dd>" in page


async def test_the_default_ladder_is_edited_with_a_preview_and_running_clocks_are_kept(
    client: AsyncTestClient, database: Database, admin_id: int, tmp_path
) -> None:
    running = await submit(database, tmp_path, category="giao-duc", title="Học phí")  # takes the default
    await submit(database, tmp_path, category="gop-y-van-ban", title="Góp ý dự thảo")  # has its own policy
    before = await stored(database)
    await log_in(client, "quantri")
    prefilled = unescape((await client.get(f"{PAGE}?category=&priority=")).text)
    assert (
        'id="answer_amount" name="answer_amount" type="text" inputmode="numeric" size="4" maxlength="4" value="10"'
        in prefilled
    )

    ladder = [("0", "assignee", ""), ("1", "head", "0"), ("2", "coordinating_office", "3")]
    status, preview = await post(client, PAGE, **fields(ladder, answer_amount="12"))
    assert status == 200, preview
    assert "Chính sách cho mọi lĩnh vực, mọi mức ưu tiên sẽ là: trả lời trong 12 ngày làm việc" in preview
    assert "1 câu hỏi đang xử lý thuộc phạm vi này giữ nguyên hạn hiện tại" in preview
    assert "Thời hạn mới áp dụng cho các câu hỏi tiếp nhận từ nay" in preview
    assert await stored(database) == before and await audit(database) == []

    status, page = await confirm(client, PAGE, preview)
    assert status == 200 and "Đã lưu chính sách cho mọi lĩnh vực, mọi mức ưu tiên." in page
    assert (
        "category:*/priority:*",
        12,
        "working_days",
        [[0, "assignee", None], [1, "head", 0], [2, "coordinating_office", 3]],
    ) in await stored(database)
    (entry,) = await audit(database)
    assert (entry.action, entry.actor_id, entry.target, entry.before) == (
        "policy:set",
        admin_id,
        "policy:category=*/priority=*",
        None,
    )
    assert (
        entry.after["answer"] == "12wd"
        and entry.after["ladder"] == "0:assignee:warning,1:head:0,2:coordinating_office:3"
    )
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, running.ticket_id)
    assert ticket.answer_due_at == running.answer_due_at  # the running clock is not recomputed
    shown = page[page.index("Mặc định: mọi lĩnh vực") :]
    assert "<td>2</td><td>Văn phòng điều phối</td><td>quá hạn 3 ngày làm việc</td>" in shown
    assert "lãnh đạo UBND" not in shown[: shown.index("</li>")]


@pytest.mark.parametrize(
    ("values", "ladder", "field", "message"),
    [
        ({"answer_amount": "0"}, None, "answer", "thời hạn 0wd nằm ngoài khoảng cho phép (1–120)"),
        ({"answer_amount": "mười"}, None, "answer", "'mườiwd' không phải là thời hạn"),
        ({"accept_amount": "12"}, None, "accept", "thời hạn tiếp nhận (12wd) phải ngắn hơn thời hạn trả lời (10wd)"),
        ({"warning": "nhiều"}, None, "warning_ratio", "điểm cảnh báo phải là phần trăm của thời hạn, ví dụ 75"),
        ({}, [("1", "head", "3"), ("2", "leadership", "1")], "ladder", "bậc 2 đến sớm hơn bậc 1"),
        ({}, [("1", "head", "0"), ("2", "assignee", "")], "ladder", "chỉ bậc đầu tiên được là bậc cảnh báo"),
        ({}, [], "ladder", "cần ít nhất một bậc nhắc việc"),
        ({"priority": "rat-cao"}, None, "priority", "không có mức ưu tiên 'rat-cao'"),
        ({"category": "khong-co"}, None, "category", "không có lĩnh vực nào có mã 'khong-co'"),
    ],
)
async def test_a_bad_policy_is_refused_beside_its_field_and_nothing_is_written(
    client: AsyncTestClient,
    database: Database,
    admin_id: int,
    values: dict[str, str],
    ladder: list | None,
    field: str,
    message: str,
) -> None:
    before = await stored(database)
    await log_in(client, "quantri")
    form = fields(DEFAULT_LADDER if ladder is None else ladder, **values)
    for confirmed in ("", "yes"):
        status, page = await post(client, PAGE, **form, confirm=confirmed)
        assert status == 422, page
        error = page[page.index(f'<p class="field-error" id="{field}-error">') :]
        assert message in error[: error.index("</p>")]
    assert await stored(database) == before and await audit(database) == []


async def test_a_policy_is_removed_but_never_the_default(
    client: AsyncTestClient, database: Database, admin_id: int, tmp_path
) -> None:
    await log_in(client, "quantri")
    status, preview = await post(client, f"{PAGE}/go-bo", category="", priority="urgent")
    assert status == 200 and "Chính sách cho mọi lĩnh vực, mức ưu tiên khẩn sẽ bị xóa." in preview
    assert "0 câu hỏi đang xử lý thuộc phạm vi này giữ nguyên hạn hiện tại" in preview
    status, page = await confirm(client, f"{PAGE}/go-bo", preview)
    assert status == 200 and "Đã xóa chính sách cho mọi lĩnh vực, mức ưu tiên khẩn." in page
    assert "category:*/priority:urgent" not in [scope for scope, *_ in await stored(database)]
    (entry,) = await audit(database)
    assert entry.action == "policy:removed" and entry.before["answer"] == "3wd" and entry.after is None

    for confirmed in ("", "yes"):
        status, page = await post(client, f"{PAGE}/go-bo", category="", priority="", confirm=confirmed)
        assert status == 422 and "không thể xóa chính sách mặc định: hãy sửa chính sách đó" in page
        status, page = await post(client, f"{PAGE}/go-bo", category="", priority="high", confirm=confirmed)
        assert status == 422 and "không có chính sách cho lĩnh vực và mức ưu tiên đó" in page
    assert len(await audit(database)) == 1


@pytest.mark.parametrize(
    ("username", "role", "department_code"),
    [
        ("canbo", "officer", "STC"),
        ("truongphong", "head", "STC"),
        ("lanhdao", "leader", None),
        ("dieuphoi", "coordinator", "VPUB"),
    ],
)
async def test_other_roles_are_refused(
    client: AsyncTestClient, database: Database, username: str, role: str, department_code: str | None
) -> None:
    await add_staff(database, username, role, department_code)
    await log_in(client, username)
    assert (await client.get(PAGE)).status_code == 403
    token = csrf_of((await client.get("/can-bo")).text)
    assert (await client.post(PAGE, data={**fields(), "confirm": "yes", "_csrf_token": token})).status_code == 403
    removal = {"priority": "urgent", "confirm": "yes", "_csrf_token": token}
    assert (await client.post(f"{PAGE}/go-bo", data=removal)).status_code == 403


def test_the_command_line_records_its_policy_changes(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    assert run("policy", "set", "--priority", "high", "--answer", "5wd", "--accept", "4wh").exit_code == 0
    assert run("policy", "set", "--ladder", "0:assignee:warning,1:head:0").exit_code == 0
    refused = run("policy", "remove")
    assert refused.exit_code == 1 and "the default policy cannot be removed" in refused.output
    assert run("policy", "remove", "--priority", "high").exit_code == 0
    entries = query(url, sa.select(AuditEntry).where(AuditEntry.action.startswith("policy:")).order_by(AuditEntry.id))
    assert [(e.action, e.target) for e in entries] == [
        ("policy:set", "policy:category=*/priority=high"),
        ("policy:set", "policy:category=*/priority=*"),
        ("policy:removed", "policy:category=*/priority=high"),
    ]
    assert all(e.actor_id is None for e in entries)
    assert entries[0].before is None and entries[0].after["answer"] == "5wd" and entries[0].after["accept"] == "4wh"
    assert entries[1].after["ladder"] == "0:assignee:warning,1:head:0"
