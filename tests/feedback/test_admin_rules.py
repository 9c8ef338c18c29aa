"""The admins' routing rules page: the rules in order with their 90-day counts, the "try it" box, and changes.

Questions come in through the real intake; the "try it" box must say what intake then does.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.admin.rules import routed_counts
from feedback.audit.models import AuditEntry
from feedback.models import Ticket
from notify.db import Database, utcnow
from routing.models import Department, RoutingRule
from routing.services import forget_routing_data
from tests.factories import add_staff, csrf_of, log_in, submit
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)

PAGE = "/can-bo/quan-tri/quy-tac-phan-luong"


@pytest.fixture
async def admin_id(database: Database) -> int:
    return await add_staff(database, "quantri", "admin")


async def rules(database: Database) -> list[RoutingRule]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)))


async def audit(database: Database) -> list[AuditEntry]:
    """The entries of rule and policy changes (signing up an admin records its second factor too)."""
    mine = sa.or_(AuditEntry.action.startswith("rule:"), AuditEntry.action.startswith("policy:"))
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(AuditEntry).where(mine).order_by(AuditEntry.id)))


async def department(database: Database, code: str) -> Department:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Department).where(Department.code == code))


async def arrive(database: Database, tmp_path, **fields: object) -> str:
    """The code of the department intake sends this question to, with the rules as they are now."""
    async with database.transaction() as session:
        forget_routing_data(session)  # the page changed them through another engine
    submitted = await submit(database, tmp_path, **fields)
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, submitted.ticket_id)
        return (await session.get_one(Department, ticket.department_id)).code


async def post(client: AsyncTestClient, path: str, **data: str) -> tuple[int, str]:
    token = csrf_of((await client.get(PAGE)).text)
    response = await client.post(path, data={**data, "_csrf_token": token})
    return response.status_code, unescape(response.text)


def hidden_fields(page: str) -> dict[str, str]:
    """The fields the confirmation page posts back."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


async def confirm(client: AsyncTestClient, path: str, preview: str) -> tuple[int, str]:
    fields = {k: v for k, v in hidden_fields(preview).items() if k != "_csrf_token"}
    return await post(client, path, **fields)


def row(page: str, rule_id: int) -> str:
    start = page.index(f'id="rule-{rule_id}"')
    return page[start : page.index("</li>", start)]


async def test_the_rules_are_listed_in_order_with_what_they_routed_in_90_days(
    client: AsyncTestClient, database: Database, admin_id: int, tmp_path
) -> None:
    now = utcnow()
    await submit(database, tmp_path, category="ho-tich", title="Làm căn cước cho con nhỏ")  # rule 1
    await submit(database, tmp_path, category="ho-tich", title="Hỏi về căn cước", now=now - timedelta(days=100))
    await submit(database, tmp_path, category="giao-duc", title="Học phí năm học mới")  # topic default
    await submit(database, tmp_path, category="khac", title="Một câu hỏi khác")  # triage
    first, second, *_ = await rules(database)

    async with database.transaction() as session:
        counts = await routed_counts(session, now=now + timedelta(minutes=1))
    assert counts.by_rule == {first.id: 1} and (counts.category_default, counts.triage) == (1, 1)

    await log_in(client, "quantri")
    page = unescape((await client.get(PAGE)).text)
    assert "<h1>Quy tắc phân luồng</h1>" in page
    police = await department(database, "CAT")
    assert f"Quy tắc 1 → {police.name}" in row(page, first.id)
    assert "Có đủ các từ: “căn cước”" in row(page, first.id)
    assert "1 câu hỏi được phân luồng trong 90 ngày qua" in row(page, first.id)  # not the one of 100 days ago
    assert "0 câu hỏi được phân luồng trong 90 ngày qua" in row(page, second.id)
    assert "1 câu hỏi được phân luồng theo quy tắc, 1 theo cơ quan mặc định của lĩnh vực, 1 chuyển đến" in page


async def test_try_it_says_what_intake_does_and_which_rules_it_shadows(
    client: AsyncTestClient, database: Database, admin_id: int, tmp_path
) -> None:
    await log_in(client, "quantri")
    title, question = "Căn cước và bảo hiểm y tế", "Con tôi cần làm CAN CUOC để đóng bảo hiểm y tế cho học sinh."
    status, page = await post(client, f"{PAGE}/thu", title=title, question=question, category="giao-duc", area="")
    police = await department(database, "CAT")
    assert status == 200 and f"Đến {police.name}, theo quy tắc 1." in page
    assert "các từ tìm thấy: “căn cước”" in page
    shadowed = page[page.index("cũng khớp nhưng không bao giờ") :]
    assert "Quy tắc 2 →" in shadowed and "“bảo hiểm y tế”" in shadowed
    assert await arrive(database, tmp_path, category="giao-duc", title=title, question=question) == "CAT"

    status, page = await post(
        client, f"{PAGE}/thu", title="Học phí", question="Học phí bao nhiêu?", category="giao-duc"
    )
    school = await department(database, "SGDDT")
    assert f"Đến {school.name}, cơ quan mặc định của lĩnh vực: không quy tắc nào khớp." in page
    assert (
        await arrive(database, tmp_path, category="giao-duc", title="Học phí", question="Học phí bao nhiêu?") == "SGDDT"
    )

    status, page = await post(client, f"{PAGE}/thu", title="Hỏi", question="Một câu hỏi khác", category="khac")
    assert "Đến bộ phận phân loại của" in page
    assert await arrive(database, tmp_path, category="khac", title="Hỏi", question="Một câu hỏi khác") == "VPUB"
    assert await audit(database) == []  # the try-it changes nothing


async def test_a_rule_is_previewed_then_added_and_the_try_it_and_intake_pick_it(
    client: AsyncTestClient, database: Database, admin_id: int, tmp_path
) -> None:
    title, question = "Cầu đường hư hỏng", "Cầu đường ở phường Hạc Thành xuống cấp, xin hỏi khi nào sửa?"
    await submit(database, tmp_path, category="giao-thong", title=title, question=question)
    await submit(database, tmp_path, category="giao-thong", title=title, now=utcnow() - timedelta(days=91))
    before = await rules(database)
    await log_in(client, "quantri")

    add = {"department": "SXD", "category": "", "area": "", "keywords": "cầu đường", "before": str(before[0].id)}
    status, preview = await post(client, f"{PAGE}/them", **add)
    assert status == 200, preview
    assert "Trong các câu hỏi của 90 ngày qua, 1 câu hỏi khớp quy tắc này." in preview
    assert "Quy tắc đứng trước: Quy tắc 1 (các từ “căn cước”)" in preview
    assert await rules(database) == before and await audit(database) == []  # nothing yet

    status, page = await confirm(client, f"{PAGE}/them", preview)
    assert status == 200 and "Đã thêm: Quy tắc 1 (các từ “cầu đường”)" in page
    after = await rules(database)
    assert [r.id for r in after[1:]] == [r.id for r in before] and after[0].keywords == ["cầu đường"]
    (entry,) = await audit(database)
    assert (entry.action, entry.actor_id, entry.target, entry.before) == (
        "rule:added",
        admin_id,
        f"rule:{after[0].id}",
        None,
    )
    assert entry.after["keywords"] == ["cầu đường"] and entry.after["department"] == "SXD"

    status, page = await post(client, f"{PAGE}/thu", title=title, question=question, category="giao-thong")
    builder = await department(database, "SXD")
    assert f"Đến {builder.name}, theo quy tắc 1." in page
    assert await arrive(database, tmp_path, category="giao-thong", title=title, question=question) == "SXD"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"department": "SXD"}, "keywords", "quy tắc cần ít nhất một điều kiện: lĩnh vực, địa bàn hoặc từ khóa"),
        ({"department": "SXD", "area": "sam*son"}, "area", "mã địa bàn chỉ được có dấu '*' ở cuối: 'sam*son'"),
        (
            {"department": "KHONGCO", "keywords": "cầu"},
            "department",
            "không có cơ quan đang hoạt động nào có mã 'KHONGCO'",
        ),
        ({"department": "SXD", "category": "khong-co"}, "category", "không có lĩnh vực nào có mã 'khong-co'"),
        (
            {"department": "SXD", "keywords": "cầu", "before": "999999"},
            "before",
            "không có quy tắc phân luồng số 999999",
        ),
    ],
)
async def test_a_bad_rule_is_refused_beside_its_field_and_nothing_is_written(
    client: AsyncTestClient, database: Database, admin_id: int, fields: dict[str, str], field: str, message: str
) -> None:
    before = await rules(database)
    await log_in(client, "quantri")
    for confirmed in ("", "yes"):
        status, page = await post(client, f"{PAGE}/them", **fields, confirm=confirmed)
        assert status == 422
        assert f'<p class="field-error" id="{field}-error">{message}</p>' in page
    assert await rules(database) == before and await audit(database) == []


async def test_a_rule_is_moved_deactivated_reactivated_and_removed_each_audited(
    client: AsyncTestClient, database: Database, admin_id: int
) -> None:
    first, second, *rest = await rules(database)
    await log_in(client, "quantri")

    status, preview = await post(client, f"{PAGE}/di-chuyen", rule=str(second.id), place="1")
    assert status == 200 and "sẽ chuyển đến vị trí 1" in preview and "Quy tắc đứng trước: Quy tắc 1 (" in preview
    assert [r.id for r in await rules(database)] == [first.id, second.id, *(r.id for r in rest)]
    status, page = await confirm(client, f"{PAGE}/di-chuyen", preview)
    assert status == 200 and "Đã di chuyển: Quy tắc 1" in page
    assert [r.id for r in await rules(database)] == [second.id, first.id, *(r.id for r in rest)]

    status, preview = await post(client, f"{PAGE}/trang-thai", rule=str(first.id), active="no")
    assert "sẽ không còn được xét" in preview
    status, page = await confirm(client, f"{PAGE}/trang-thai", preview)
    assert "Đã ngừng áp dụng: Quy tắc 2" in page and "(ngừng áp dụng)" in row(page, first.id)
    status, preview = await post(client, f"{PAGE}/trang-thai", rule=str(first.id), active="no")
    assert status == 422 and f"quy tắc #{first.id} đã ngừng áp dụng" in preview
    status, preview = await post(client, f"{PAGE}/trang-thai", rule=str(first.id), active="yes")
    await confirm(client, f"{PAGE}/trang-thai", preview)

    status, preview = await post(client, f"{PAGE}/go-bo", rule=str(first.id))
    assert "Quy tắc đã phân luồng 0 câu hỏi trong 90 ngày qua." in preview
    status, page = await confirm(client, f"{PAGE}/go-bo", preview)
    assert status == 200 and "Đã xóa: Quy tắc 2" in page
    assert first.id not in [r.id for r in await rules(database)]

    status, page = await post(client, f"{PAGE}/di-chuyen", rule=str(second.id), place="99")
    assert status == 422 and f"vị trí phải từ 1 đến {1 + len(rest)}" in page
    status, page = await post(client, f"{PAGE}/go-bo", rule=str(first.id), confirm="yes")
    assert status == 422 and f"không có quy tắc phân luồng số {first.id}" in page

    entries = await audit(database)
    assert [e.action for e in entries] == [
        "rule:moved",
        "rule:deactivated",
        "rule:reactivated",
        "rule:removed",
    ]
    assert all(e.actor_id == admin_id for e in entries)
    assert (entries[0].before["place"], entries[0].after["place"]) == (2, 1)
    assert entries[3].before["keywords"] == ["căn cước"] and entries[3].after is None
    journal = unescape((await client.get("/can-bo/quan-tri/nhat-ky")).text)
    assert "Di chuyển quy tắc phân luồng" in journal and "Xóa quy tắc phân luồng" in journal


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
    page = await client.get("/can-bo")
    response = await client.post(
        f"{PAGE}/them",
        data={"department": "SXD", "keywords": "cầu", "confirm": "yes", "_csrf_token": csrf_of(page.text)},
    )
    assert response.status_code == 403
    assert (await client.post(f"{PAGE}/thu", data={"title": "x", "_csrf_token": csrf_of(page.text)})).status_code == 403


def test_the_command_line_records_its_rule_changes(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    added = run("rules", "add", "--department", "SXD", "--keyword", "cầu đường", "--before", "1")
    assert added.exit_code == 0, added.output
    rule_id = added.output.split("#")[1].strip()
    assert run("rules", "move", rule_id, "--to", "3").exit_code == 0
    assert run("rules", "deactivate", rule_id).exit_code == 0
    assert "already inactive" in run("rules", "deactivate", rule_id).output
    assert run("rules", "activate", rule_id).exit_code == 0
    assert run("rules", "remove", rule_id).exit_code == 0
    entries = query(url, sa.select(AuditEntry).where(AuditEntry.action.startswith("rule:")).order_by(AuditEntry.id))
    assert [e.action for e in entries] == [
        "rule:added",
        "rule:moved",
        "rule:deactivated",
        "rule:reactivated",
        "rule:removed",
    ]
    assert all(e.actor_id is None and e.target == f"rule:{rule_id}" for e in entries)
    assert entries[0].after["place"] == 1 and entries[1].after["place"] == 3
