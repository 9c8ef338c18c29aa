"""Merging, splitting and renaming departments: no question lost, no clock touched, the names of the time kept."""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback import answering, handling
from feedback.aftercare import follow_up
from feedback.audit.models import AuditEntry
from feedback.desk.entry import enter_question
from feedback.intake import Submitted, receive_question
from feedback.models import Channel, SavedReply, Ticket, TicketEvent, User
from feedback.reorganisation.apply import apply
from feedback.reorganisation.plans import (
    NewDepartment,
    ReorganisationError,
    plan_hand_over,
    plan_merge,
    plan_rename,
    plan_split,
)
from feedback.reorganisation.preview import preview
from feedback.saved_replies import add_saved_reply
from notify.db import Database
from notify.models import Notification
from routing.calendar import VIETNAM
from routing.models import Category, Department, RoutingRule
from tests.factories import add_staff, csrf_of, log_in, question_fields
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)

START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 2/3/2026 09:00 in Vietnam
NOW = START + timedelta(days=3)
ON = date(2026, 3, 5)
CLOCKS = (
    "status",
    "assignee_id",
    "transfer_due_at",
    "assigned_at",
    "accept_due_at",
    "accepted_at",
    "routed_at",
    "answer_due_at",
    "paused_at",
    "extended_at",
    "waited_minutes",
    "next_check_at",
    "transfer_level",
    "accept_level",
    "answer_level",
)
MERGED = NewDepartment("SXD", "Sở Xây dựng và Tài chính", "Department of Construction and Finance")


async def ask(database: Database, tmp_path: Path, category: str, at: datetime, **more: object) -> Submitted:
    async with database.transaction() as session:
        return await receive_question(
            session,
            question_fields(category=category, **more),
            [],
            channel=Channel.WEB,
            language="vi",
            upload_dir=tmp_path,
            now=at,
        )


async def department(database: Database, code: str) -> Department:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Department).where(Department.code == code))


async def clocks(database: Database, ids: list[int]) -> dict[int, tuple]:
    async with database.transaction() as session:
        tickets = await session.scalars(sa.select(Ticket).where(Ticket.id.in_(ids)))
        return {t.id: tuple(getattr(t, name) for name in CLOCKS) for t in tickets}


def deadline_shown(page: str) -> str:
    """The "Answer due by" entry of the status page, as the citizen reads it."""
    text = unescape(page)
    start = text.index("<dt>Hạn trả lời</dt>")
    return re.sub(r"\s+", " ", text[start : text.index("</dd>", start)])


@pytest.fixture
async def questions(database: Database, tmp_path: Path) -> dict[str, Submitted]:
    """Open, paused, extended and overdue questions in SXD and STC, and an answered one, built by the real code."""
    officer = await add_staff(database, "xd.chuyenvien", "officer", "SXD")
    await add_staff(database, "tc.lanhdao", "head", "STC")
    asked = {
        "open": await ask(database, tmp_path, "giay-phep-xay-dung", START),
        "paused": await ask(database, tmp_path, "quy-hoach", START),
        "extended": await ask(database, tmp_path, "tai-chinh-ngan-sach", START),
        "overdue": await ask(database, tmp_path, "giay-phep-xay-dung", START - timedelta(days=60)),
        "answered": await ask(database, tmp_path, "giay-phep-xay-dung", START - timedelta(days=400)),
    }
    async with database.transaction() as session:
        await handling.accept(session, asked["open"].ticket_id, actor_id=None, now=START)
        await answering.assign(session, asked["open"].ticket_id, assignee_id=officer, actor_id=None, now=START)
        await handling.accept(session, asked["paused"].ticket_id, actor_id=None, now=START)
        await handling.request_information(
            session,
            asked["paused"].ticket_id,
            message="Xin bổ sung bản vẽ.",
            actor_id=None,
            now=START + timedelta(days=1),
        )
        await handling.accept(session, asked["extended"].ticket_id, actor_id=None, now=START)
        await handling.extend(
            session, asked["extended"].ticket_id, period="5wd", reason="Cần lấy ý kiến", actor_id=None, now=START
        )
        answered = asked["answered"].ticket_id
        then = START - timedelta(days=399)
        await handling.accept(session, answered, actor_id=None, now=then)
        await answering.submit_answer(session, answered, text="Hồ sơ gồm đơn đề nghị.", actor_id=None, now=then)
        await answering.approve_answer(session, answered, actor_id=None, now=then)
        sxd = await session.scalar(sa.select(Department.id).where(Department.code == "SXD"))
        await add_saved_reply(session, sxd, title="Hồ sơ cấp phép", body="Hồ sơ gồm…")
    return asked


async def test_a_merge_moves_every_open_question_with_its_clocks_and_keeps_the_names_of_the_time(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    open_ids = [questions[k].ticket_id for k in ("open", "paused", "extended", "overdue")]
    before = await clocks(database, open_ids)
    shown = {}
    for key in ("open", "paused", "extended", "overdue"):
        q = questions[key]
        shown[key] = deadline_shown((await client.get(f"/cau-hoi/{q.reference}", params={"token": q.token})).text)
    assert "Quá hạn" in shown["overdue"] and "Tạm dừng" in shown["paused"]
    sxd, stc = await department(database, "SXD"), await department(database, "STC")

    async with database.transaction() as session:
        plan = await plan_merge(session, ["SXD", "STC"], into=MERGED, on=ON, now=NOW)
        counts = plan.counts
        assert counts.open == 4 and counts.paused == 1 and counts.extended == 1 and counts.overdue >= 1
        assert counts.open_by_status == {"in_progress": 2, "awaiting_citizen": 1, "assigned": 1}
        assert counts.closed_staying == 1 and counts.staff == 2 and counts.saved_replies == 1
        assert counts.rules >= 1 and counts.topic_defaults >= 4
        done = await apply(session, plan, actor_id=None, now=NOW)
        assert done.moved == 4

    merged = await department(database, "SXD")
    assert merged.id not in (sxd.id, stc.id) and merged.name == MERGED.name and merged.valid_from == ON
    async with database.transaction() as session:
        ended = {
            d.id: d for d in await session.scalars(sa.select(Department).where(Department.id.in_([sxd.id, stc.id])))
        }
        for old in ended.values():
            assert not old.active and old.valid_to == date(2026, 3, 4) and old.successor_id == merged.id
        assert ended[sxd.id].code == "SXD~20260304" and ended[stc.id].code == "STC~20260304"
        tickets = {t.id: t for t in await session.scalars(sa.select(Ticket))}
        assert {tickets[i].department_id for i in open_ids} == {merged.id}
        assert tickets[questions["answered"].ticket_id].department_id == sxd.id  # closed: stays with the old version
        events = (await session.scalars(sa.select(TicketEvent).where(TicketEvent.kind == "ticket:reorganised"))).all()
        assert sorted(e.ticket_id for e in events) == sorted(open_ids)
        assert all(e.public and e.data["name"] == MERGED.name for e in events)
        assert {e.data["from_name"] for e in events} == {"Sở Xây dựng", "Sở Tài chính"}
        assert {u.department_id for u in await session.scalars(sa.select(User))} == {merged.id}
        assert {r.department_id for r in await session.scalars(sa.select(SavedReply))} == {merged.id}
        rules = await session.scalars(sa.select(RoutingRule.department_id))
        assert sxd.id not in set(rules) and stc.id not in set(
            await session.scalars(sa.select(RoutingRule.department_id))
        )
        defaults = set(await session.scalars(sa.select(Category.default_department_id)))
        assert sxd.id not in defaults and stc.id not in defaults and merged.id in defaults
        recipients = set(
            await session.scalars(sa.select(Notification.recipient).where(Notification.status == "pending"))
        )
        assert f"department:{merged.id}" in recipients
        assert not recipients & {f"department:{sxd.id}", f"department:{stc.id}"}  # their staff are the successor's
        audit = await session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "reorganisation:merge"))
        assert audit.actor_id is None and audit.after["moved_questions"] == 4 and audit.after["staff"] == 2
        assert audit.target == "SXD + STC → SXD"

    assert await clocks(database, open_ids) == before
    for key, text in shown.items():
        q = questions[key]
        page = (await client.get(f"/cau-hoi/{q.reference}", params={"token": q.token})).text
        assert deadline_shown(page) == text
        assert "khi các cơ quan được sắp xếp lại; hạn trả lời không thay đổi." in unescape(page)

    answered = questions["answered"]
    public = unescape((await client.get(f"/hoi-dap/{answered.reference}")).text)
    assert "Sở Xây dựng (nay là Sở Xây dựng và Tài chính)" in public
    english = unescape((await client.get(f"/hoi-dap/{answered.reference}", headers={"Accept-Language": "en"})).text)
    assert "Department of Construction (now Department of Construction and Finance)" in english
    status = unescape((await client.get(f"/cau-hoi/{answered.reference}", params={"token": answered.token})).text)
    assert "Sở Xây dựng (nay là Sở Xây dựng và Tài chính)" in status
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    await log_in(client, "dieuphoi")
    staff_page = unescape((await client.get(f"/can-bo/cau-hoi/{answered.reference}")).text)
    assert "<dd>Sở Xây dựng (nay là Sở Xây dựng và Tài chính)</dd>" in staff_page
    moved = unescape((await client.get(f"/can-bo/cau-hoi/{questions['open'].reference}")).text)
    assert "Chuyển từ Sở Xây dựng sang Sở Xây dựng và Tài chính do sắp xếp tổ chức (giữ nguyên các thời hạn)" in moved


async def test_a_split_sends_each_topic_to_its_department_and_flags_the_rest(
    database: Database, questions: dict[str, Submitted]
) -> None:
    sxd, snnmt, scs = (
        await department(database, "SXD"),
        await department(database, "SNNMT"),
        await department(database, "SCT"),
    )
    async with database.transaction() as session:
        with pytest.raises(ReorganisationError, match="have no department"):
            await plan_split(session, "SXD", into={"quy-hoach": "SNNMT"}, default=None, on=ON, now=NOW)
        plan = await plan_split(session, "SXD", into={"quy-hoach": "SNNMT"}, default="SCT", on=ON, now=NOW)
        assert plan.counts.open_by_target == {0: 1, 1: 2}
        assert any("xd.chuyenvien" in str(f.values) or f.values.get("staff") == 1 for f in plan.flags)
        await apply(session, plan, actor_id=None, now=NOW)
    async with database.transaction() as session:
        where = {t.id: t.department_id for t in await session.scalars(sa.select(Ticket))}
        assert where[questions["paused"].ticket_id] == snnmt.id
        assert where[questions["open"].ticket_id] == where[questions["overdue"].ticket_id] == scs.id
        assert where[questions["answered"].ticket_id] == sxd.id
        topic = await session.scalar(sa.select(Category).where(Category.code == "quy-hoach"))
        assert topic.default_department_id == snnmt.id
        old = await session.get(Department, sxd.id)
        assert old.successor_id == scs.id and not old.active
        assert await session.scalar(sa.select(User.department_id).where(User.username == "xd.chuyenvien")) == scs.id


async def test_a_rename_keeps_the_code_on_the_new_version(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    old = await department(database, "STC")
    async with database.transaction() as session:
        plan = await plan_rename(
            session,
            "STC",
            name="Sở Tài chính và Kế hoạch",
            name_en="Department of Finance and Planning",
            on=ON,
            now=NOW,
        )
        await apply(session, plan, actor_id=None, now=NOW)
    new = await department(database, "STC")
    assert new.id != old.id and new.name == "Sở Tài chính và Kế hoạch" and new.mailbox == old.mailbox
    q = questions["extended"]
    page = unescape((await client.get(f"/cau-hoi/{q.reference}", params={"token": q.token})).text)
    assert "Câu hỏi của bạn được chuyển từ Sở Tài chính sang Sở Tài chính và Kế hoạch" in page


@pytest.mark.parametrize(
    ("attempt", "message"),
    [
        ({"sources": ["SXD"], "into": "SXD"}, "cannot be merged into itself"),
        ({"sources": ["KHONG"], "into": "STC"}, "no department with code KHONG"),
        ({"sources": ["SXD"], "into": NewDepartment("STC", "Trùng mã", "")}, "already used"),
        ({"sources": ["SXD"], "into": "STC", "on": date(2027, 1, 1)}, "too far ahead"),
    ],
)
async def test_bad_plans_are_refused_with_nothing_written(
    database: Database, questions: dict[str, Submitted], attempt: dict, message: str
) -> None:
    async with database.transaction() as session:
        with pytest.raises(ReorganisationError, match=message):
            await plan_merge(session, attempt["sources"], into=attempt["into"], on=attempt.get("on", ON), now=NOW)
    async with database.transaction() as session:
        await plan_rename(session, "SXD", name="Sở Xây dựng mới", name_en="x", on=ON, now=NOW)  # still live
        done = await apply(
            session, await plan_merge(session, ["STC"], into="SCT", on=ON, now=NOW), actor_id=None, now=NOW
        )
        assert done.moved == 1
    async with database.transaction() as session:
        with pytest.raises(ReorganisationError, match="has ended or is inactive"):
            await plan_merge(session, ["STC~20260304"], into="SXD", on=ON, now=NOW)
        assert await session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 1


def test_the_command_line_previews_then_merges(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    args = ("department", "merge", "SXD", "STC", "--into-new", "SXDTC", "--name", "Sở Xây dựng và Tài chính")
    preview = run(*args, "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "Dry run: nothing changed." in preview.output and "staff accounts:" in preview.output
    assert query(url, sa.select(Department.code).where(Department.code == "SXDTC")) == []
    done = run(*args)
    assert done.exit_code == 0, done.output
    assert "Merged into SXDTC" in done.output
    assert query(url, sa.select(AuditEntry.action).where(AuditEntry.action.like("reorganisation:%"))) == [
        "reorganisation:merge"
    ]
    refused = run("department", "merge", "SXD", "--into", "STC")
    assert refused.exit_code == 1 and "no department with code SXD" in refused.output


PAGE = "/can-bo/quan-tri/sap-xep-to-chuc"


async def test_an_admin_previews_then_confirms_a_merge_on_the_page(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    await add_staff(database, "quantri", "admin")
    await log_in(client, "quantri")
    page = await client.get(PAGE)
    assert page.status_code == 200 and "<h1>Sắp xếp tổ chức</h1>" in unescape(page.text)
    fields = {
        "sources": ["SXD", "STC"],
        "into": "",
        "code": "SXDTC",
        "name": "Sở Xây dựng và Tài chính",
        "name_en": "Department of Construction and Finance",
        "on": "2026-12-01",
        "_csrf_token": csrf_of(page.text),
    }
    shown = await client.post(f"{PAGE}/sap-nhap", data=fields)
    text = unescape(shown.text)
    assert shown.status_code == 200 and "Kiểm tra trước khi xác nhận" in text
    assert "4 câu hỏi đang xử lý được chuyển, hạn trả lời giữ nguyên" in text
    assert "tài khoản cán bộ: 2" in text
    assert await department(database, "SXDTC") is None  # nothing written before confirming
    confirmed = await client.post(
        f"{PAGE}/sap-nhap", data={**fields, "confirm": "yes", "_csrf_token": csrf_of(shown.text)}
    )
    listed = unescape(confirmed.text)
    assert (
        confirmed.url.path == PAGE and "Đã sáp nhập: 4 câu hỏi đang xử lý nay thuộc Sở Xây dựng và Tài chính." in listed
    )
    assert "Sở Xây dựng → Sở Xây dựng và Tài chính" in listed
    async with database.transaction() as session:
        audit = await session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "reorganisation:merge"))
        assert audit.actor_id is not None


async def test_a_refused_merge_shows_why_beside_the_field(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    await add_staff(database, "quantri", "admin")
    await log_in(client, "quantri")
    page = await client.get(PAGE)
    refused = await client.post(
        f"{PAGE}/sap-nhap",
        data={"sources": "SXD", "into": "SXD", "on": "2026-12-01", "_csrf_token": csrf_of(page.text)},
    )
    assert refused.status_code == 422
    assert 'id="merge-into-error">Sở Xây dựng không thể sáp nhập vào chính nó' in unescape(refused.text)
    bad_date = await client.post(
        f"{PAGE}/doi-ten", data={"source": "SXD", "name": "Sở mới", "on": "hôm qua", "_csrf_token": csrf_of(page.text)}
    )
    assert bad_date.status_code == 422 and 'id="rename-on-error"' in bad_date.text


@pytest.mark.parametrize("role", ["head", "coordinator", "officer"])
async def test_only_admins_reorganise(client: AsyncTestClient, database: Database, role: str) -> None:
    await add_staff(database, "nguoi.khac", role, "VPUB")
    await log_in(client, "nguoi.khac")
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 403


def received_in_row(page: str, name: str) -> int | None:
    """The "Received" figure of the department ``name`` on /thong-ke, None when it has no row."""
    found = re.search(
        rf'<th scope="row">{re.escape(name)}</th>\s*<td><span class="cell-label">[^<]*</span>(\d+)</td>', page
    )
    return int(found.group(1)) if found else None


async def test_the_statistics_can_count_a_merged_departments_predecessors(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted], tmp_path: Path
) -> None:
    answered = await ask(database, tmp_path, "tai-chinh-ngan-sach", START)
    async with database.transaction() as session:
        await handling.accept(session, answered.ticket_id, actor_id=None, now=START)
        await answering.submit_answer(session, answered.ticket_id, text="Đã trả lời.", actor_id=None, now=START)
        await answering.approve_answer(session, answered.ticket_id, actor_id=None, now=START)
        await apply(
            session, await plan_merge(session, ["SXD", "STC"], into=MERGED, on=ON, now=NOW), actor_id=None, now=NOW
        )
    plain = unescape((await client.get("/thong-ke")).text)
    assert received_in_row(plain, "Sở Tài chính") == 1  # answered before the merge: still under its name of the time
    assert received_in_row(plain, MERGED.name) == 4
    merged = unescape((await client.get("/thong-ke", params={"tien-than": "1"})).text)
    assert received_in_row(merged, "Sở Tài chính") is None
    assert received_in_row(merged, MERGED.name) == 5
    assert "Tính cả số liệu của cơ quan tiền thân" in merged


async def test_the_dashboard_of_a_merged_department_includes_its_predecessors(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    async with database.transaction() as session:
        await apply(
            session, await plan_merge(session, ["SXD", "STC"], into=MERGED, on=ON, now=NOW), actor_id=None, now=NOW
        )
    merged = await department(database, "SXD")
    await add_staff(database, "lanhdao", "leader")
    await log_in(client, "lanhdao")
    period = {"period": "custom", "from": "01/01/2025", "to": "31/03/2026"}
    every = unescape((await client.get("/can-bo/bang-dieu-khien", params=period)).text)
    assert received_in_row(every, MERGED.name) is None  # the rows are links here
    assert re.search(rf">{MERGED.name}</a></th>\s*<td><span class=\"cell-label\">[^<]*</span>4</td>", every)
    one = unescape((await client.get("/can-bo/bang-dieu-khien", params={**period, "department": str(merged.id)})).text)
    # Its own four open questions, and the answered one the Sở Xây dựng kept, counted for it.
    assert re.search(rf">{MERGED.name}</a></th>\s*<td><span class=\"cell-label\">[^<]*</span>5</td>", one)


async def test_an_admin_splits_and_renames_on_the_page(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    await add_staff(database, "quantri", "admin")
    await log_in(client, "quantri")
    page = await client.get(PAGE)
    assert 'name="topic:quy-hoach"' in page.text
    fields = {"source": "SXD", "topic:quy-hoach": "SNNMT", "default": "SCT", "on": "2026-12-01"}
    shown = unescape((await client.post(f"{PAGE}/chia-tach", data={**fields, "_csrf_token": csrf_of(page.text)})).text)
    assert "Chia tách Sở Xây dựng cho Sở Nông nghiệp và Môi trường, Sở Công Thương từ ngày 01/12/2026." in shown
    assert "1 câu hỏi đến Sở Nông nghiệp và Môi trường" in shown and "2 câu hỏi đến Sở Công Thương" in shown
    assert "1 tài khoản cán bộ và 1 câu trả lời mẫu chuyển đến Sở Công Thương" in shown
    done = await client.post(f"{PAGE}/chia-tach", data={**fields, "confirm": "yes", "_csrf_token": csrf_of(shown)})
    assert "Đã chia tách: 3 câu hỏi đang xử lý nay thuộc Sở Nông nghiệp và Môi trường, Sở Công Thương." in unescape(
        done.text
    )

    renamed = {"source": "STC", "name": "Sở Tài chính và Kế hoạch", "name_en": "", "on": "2026-12-01"}
    shown = unescape((await client.post(f"{PAGE}/doi-ten", data={**renamed, "_csrf_token": csrf_of(done.text)})).text)
    assert "Đổi tên Sở Tài chính thành Sở Tài chính và Kế hoạch từ ngày 01/12/2026." in shown
    done = await client.post(f"{PAGE}/doi-ten", data={**renamed, "confirm": "yes", "_csrf_token": csrf_of(shown)})
    listed = unescape(done.text)
    assert "Đã đổi tên: 1 câu hỏi đang xử lý nay thuộc Sở Tài chính và Kế hoạch." in listed
    assert "Sở Tài chính → Sở Tài chính và Kế hoạch" in listed and "STC~20261130 → STC" in listed
    async with database.transaction() as session:
        actions = list(await session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-2:] == ["reorganisation:split", "reorganisation:rename"]


async def test_a_follow_up_after_a_merge_reopens_in_the_department_that_took_over(
    database: Database, tmp_path: Path
) -> None:
    asked = await ask(database, tmp_path, "giay-phep-xay-dung", START)
    async with database.transaction() as session:
        await handling.accept(session, asked.ticket_id, actor_id=None, now=START)
        await answering.submit_answer(session, asked.ticket_id, text="Hồ sơ gồm đơn.", actor_id=None, now=START)
        await answering.approve_answer(session, asked.ticket_id, actor_id=None, now=START)
        await apply(session, await plan_merge(session, ["SXD"], into="STC", on=ON, now=NOW), actor_id=None, now=NOW)
    ended, finance = await department(database, "SXD~20260304"), await department(database, "STC")
    async with database.transaction() as session:
        ticket = await session.get(Ticket, asked.ticket_id)
        assert ticket.department_id == ended.id  # answered: it keeps the name of the time
        await follow_up(session, ticket, text="Tôi cần hỏi thêm về lệ phí.", window=timedelta(days=30), now=NOW)
    async with database.transaction() as session:
        ticket = await session.get(Ticket, asked.ticket_id)
        kinds = list(
            await session.scalars(
                sa.select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id)
            )
        )
        told = list(await session.scalars(sa.select(Notification.recipient).where(Notification.kind == "follow_up")))
    assert ticket.status == "reopened" and ticket.department_id == finance.id
    assert kinds[-2:] == ["ticket:reorganised", "ticket:follow_up"]
    assert told == [f"department:{finance.id}"]


async def test_the_department_that_took_over_reads_and_posts_its_predecessors_answers(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted], tmp_path: Path
) -> None:
    """Answered questions keep the name of the time, and the successor's staff still open and post them."""
    officer = await add_staff(database, "xd.vanthu", "officer", "SXD")
    async with database.transaction() as session:
        letter = await enter_question(
            session,
            {**question_fields(email=None, phone=None, address="12 Lê Lợi, Hạc Thành"), "channel": Channel.LETTER},
            [],
            received=START.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M"),
            delay_note="",
            staff=await session.get_one(User, officer),
            upload_dir=tmp_path,
            now=START,
        )
        await handling.accept(session, letter.ticket_id, actor_id=None, now=START)
        await answering.submit_answer(session, letter.ticket_id, text="Hồ sơ gồm đơn.", actor_id=None, now=START)
        await answering.approve_answer(session, letter.ticket_id, actor_id=None, now=START)
    await add_staff(database, "yt.chuyenvien", "officer", "SYT")
    answered = questions["answered"].reference

    async def seen_by(username: str) -> tuple[int, str, str]:
        client.cookies.clear()
        await log_in(client, username)
        page = await client.get(f"/can-bo/cau-hoi/{answered}")
        return page.status_code, unescape(page.text), (await client.get("/can-bo/cho-gui-buu-dien")).text

    assert (await seen_by("tc.lanhdao"))[0] == 404  # before the merge: another department's question
    listed = (await client.get("/hoi-dap", params={"department": "STC"})).text
    assert answered not in listed

    async with database.transaction() as session:
        await apply(session, await plan_merge(session, ["SXD"], into="STC", on=ON, now=NOW), actor_id=None, now=NOW)

    status, page, to_post = await seen_by("tc.lanhdao")
    assert status == 200 and "<dd>Sở Xây dựng (nay là Sở Tài chính)</dd>" in page
    assert letter.reference in to_post and "12 Lê Lợi" in to_post
    status, _, to_post = await seen_by("yt.chuyenvien")
    assert status == 404 and letter.reference not in to_post
    listed = (await client.get("/hoi-dap", params={"department": "STC"})).text
    assert answered in listed and "Sở Xây dựng (nay là Sở Tài chính)" in unescape(listed)
    searched = (await client.get("/hoi-dap", params={"department": "STC", "q": "giấy phép xây dựng"})).text
    assert answered in searched


async def test_a_hand_over_moves_one_topic_and_leaves_the_department_in_service(
    database: Database, questions: dict[str, Submitted], tmp_path: Path
) -> None:
    """A function transferred by decision: the topic's open questions, rules and default move, nothing ends."""
    assigned, overdue = questions["open"].ticket_id, questions["overdue"].ticket_id  # building permits, in SXD
    staying = questions["paused"].ticket_id  # planning, in SXD
    before = await clocks(database, [assigned, overdue, staying])
    sxd, stc = await department(database, "SXD"), await department(database, "STC")
    async with database.transaction() as session:
        rules = await session.scalar(
            sa.select(sa.func.count())
            .select_from(RoutingRule)
            .join(Category, Category.id == RoutingRule.category_id)
            .where(RoutingRule.department_id == sxd.id, Category.code == "giay-phep-xay-dung")
        )
        plan = await plan_hand_over(session, "SXD", topics=["giay-phep-xay-dung"], to="STC", now=NOW)
        assert (plan.counts.open, plan.counts.overdue, plan.counts.closed_staying) == (2, 1, 1)
        assert (plan.counts.rules, plan.counts.topic_defaults, plan.counts.unassigned) == (rules, 1, 1)
        effects = preview(plan).effects
        assert "1 câu hỏi trong số đó có cán bộ xử lý không chuyển theo" in " ".join(effects)
        assert not any("tài khoản cán bộ" in effect for effect in effects)  # the staff stay
        assert preview(plan).summary == "Sở Xây dựng chuyển giao Cấp phép xây dựng cho Sở Tài chính từ ngày 05/03/2026."
        done = await apply(session, plan, actor_id=None, now=NOW)
        assert done.moved == 2

    after = await clocks(database, [assigned, overdue, staying])
    assert before[assigned][1] is not None and after[assigned][1] is None  # its officer stays in SXD: back to the queue
    unassigned = CLOCKS.index("assignee_id")
    assert {i: c[:unassigned] + c[unassigned + 1 :] for i, c in after.items()} == {
        i: c[:unassigned] + c[unassigned + 1 :] for i, c in before.items()
    }
    assert after[staying] == before[staying]
    async with database.transaction() as session:
        tickets = {t.id: t for t in await session.scalars(sa.select(Ticket))}
        assert tickets[assigned].department_id == tickets[overdue].department_id == stc.id
        assert tickets[staying].department_id == sxd.id
        assert tickets[questions["answered"].ticket_id].department_id == sxd.id
        kept = await session.get(Department, sxd.id)
        assert (kept.code, kept.active, kept.valid_to, kept.successor_id) == ("SXD", True, None, None)
        topic = await session.scalar(sa.select(Category).where(Category.code == "giay-phep-xay-dung"))
        assert topic.default_department_id == stc.id
        left = sa.select(RoutingRule.id).where(RoutingRule.department_id == sxd.id, RoutingRule.category_id == topic.id)
        assert not (await session.scalars(left)).all()
        officer = await session.scalar(sa.select(User).where(User.username == "xd.chuyenvien"))
        assert officer.department_id == sxd.id
        assert {r.department_id for r in await session.scalars(sa.select(SavedReply))} == {sxd.id}
        events = (await session.scalars(sa.select(TicketEvent).where(TicketEvent.kind == "ticket:reorganised"))).all()
        assert sorted(e.ticket_id for e in events) == sorted([assigned, overdue])
        assert {e.data["reorganisation"] for e in events} == {"hand_over"}
        audit = await session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "reorganisation:hand_over"))
        assert audit.after["moved_questions"] == 2 and audit.target == "SXD → STC"
    # A new question on the topic goes to the department that took it.
    asked = await ask(database, tmp_path, "giay-phep-xay-dung", NOW)
    async with database.transaction() as session:
        assert (await session.get(Ticket, asked.ticket_id)).department_id == stc.id


@pytest.mark.parametrize(
    ("topics", "to", "field", "message"),
    [
        ([], "STC", "topics", "Choose at least one topic"),
        (["khong-co"], "STC", "topics", "no topic with code khong-co"),
        (["quy-hoach"], "SXD", "to", "cannot hand topics over to itself"),
        (["quy-hoach"], "KHONG", "to", "no department with code KHONG"),
        (["y-te"], "STC", "topics", "Sở Xây dựng has nothing to hand over on these topics"),
    ],
)
async def test_bad_hand_overs_are_refused_with_nothing_written(
    database: Database, topics: list[str], to: str, field: str, message: str
) -> None:
    async with database.transaction() as session:
        with pytest.raises(ReorganisationError, match=message) as refused:
            await plan_hand_over(session, "SXD", topics=topics, to=to, now=NOW)
        assert refused.value.field == field
        assert await session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_the_command_line_hands_a_topic_over(caunoi) -> None:  # noqa: F811
    run, url = caunoi
    args = ("department", "hand-over", "SXD", "--topic", "quy-hoach", "--to", "STC")
    preview_run = run(*args, "--dry-run")
    assert preview_run.exit_code == 0, preview_run.output
    assert "Department of Construction hands Planning and architecture over to Department of Finance" in (
        preview_run.output
    )
    assert "Dry run: nothing changed." in preview_run.output
    done = run(*args)
    assert done.exit_code == 0 and "Handed over to STC: 0 open questions moved." in done.output, done.output
    assert query(url, sa.select(AuditEntry.action).where(AuditEntry.action.like("reorganisation:%"))) == [
        "reorganisation:hand_over"
    ]


async def test_an_admin_hands_a_topic_over_on_the_page(
    client: AsyncTestClient, database: Database, questions: dict[str, Submitted]
) -> None:
    await add_staff(database, "quantri", "admin")
    await log_in(client, "quantri")
    page = await client.get(PAGE)
    assert "Chuyển giao lĩnh vực cho cơ quan khác" in unescape(page.text)
    refused = await client.post(
        f"{PAGE}/chuyen-giao", data={"source": "SXD", "to": "STC", "_csrf_token": csrf_of(page.text)}
    )
    assert refused.status_code == 422
    assert 'id="hand_over-topics-error">Hãy chọn ít nhất một lĩnh vực để chuyển giao.' in unescape(refused.text)
    fields = {"source": "SXD", "topics": ["quy-hoach"], "to": "STC", "_csrf_token": csrf_of(page.text)}
    shown = unescape((await client.post(f"{PAGE}/chuyen-giao", data=fields)).text)
    assert "Sở Xây dựng chuyển giao Quy hoạch, kiến trúc cho Sở Tài chính" in shown
    assert "1 câu hỏi đang xử lý được chuyển, hạn trả lời giữ nguyên" in shown and "tài khoản cán bộ" not in shown
    confirmed = await client.post(
        f"{PAGE}/chuyen-giao", data={**fields, "confirm": "yes", "_csrf_token": csrf_of(shown)}
    )
    assert confirmed.url.path == PAGE
    listed = unescape(confirmed.text)
    assert "Đã chuyển giao: 1 câu hỏi đang xử lý nay thuộc Sở Tài chính." in listed
    assert "Sở Xây dựng → Sở Tài chính" in listed and "chuyển giao Quy hoạch, kiến trúc từ ngày" in listed
    async with database.transaction() as session:
        moved = await session.get(Ticket, questions["paused"].ticket_id)
        assert moved.department_id == (await session.scalar(sa.select(Department.id).where(Department.code == "STC")))
