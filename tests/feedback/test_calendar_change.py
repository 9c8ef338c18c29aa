"""A calendar change recounts the running clocks whose windows hold the changed day, and only those.

Questions come in through the real intake at instants derived from one fixed Monday; the day off
added is a weekday inside most of their answer windows. Preview and apply count the same; the
stored deadlines equal what the calendar now gives (the explanation needs no "recounted" step);
escalations fire once, at the new times; removing the change moves them back.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback import answering, handling
from feedback.audit.models import AuditEntry
from feedback.calendar import recount
from feedback.escalations import escalate_due
from feedback.messages import render
from feedback.models import Ticket, TicketEvent
from feedback.outbox import expand_pending
from notify.db import Database
from notify.models import Delivery, Notification
from routing import admin
from routing.calendar import VIETNAM
from routing.models import CalendarOverride
from tests.factories import add_staff, csrf_of, log_in, submit
from tests.feedback.test_cli_admin import caunoi, query  # noqa: F401  (caunoi is a fixture)
from tests.feedback.test_deadline_explanation import explained

# A Monday with no holiday for weeks around; every instant below is derived from it.
MONDAY = datetime(2027, 3, 1, 9, tzinfo=VIETNAM)
DAY_OFF = (MONDAY + timedelta(days=9)).date()  # the Wednesday of the second week
PAGE = "/can-bo/quan-tri/lich-lam-viec"


def at(days: int, hour: int = 9) -> datetime:
    return (MONDAY + timedelta(days=days)).replace(hour=hour).astimezone(UTC)


async def act(database: Database, action, ticket_id: int, **kwargs) -> None:
    async with database.transaction() as session:
        await action(session, ticket_id, **{"actor_id": None, **kwargs})


async def tickets(database: Database) -> dict[int, Ticket]:
    async with database.transaction() as session:
        return {t.id: t for t in await session.scalars(sa.select(Ticket))}


async def recounted_events(database: Database) -> list[TicketEvent]:
    async with database.transaction() as session:
        query = sa.select(TicketEvent).where(TicketEvent.kind == "ticket:deadline_recounted").order_by(TicketEvent.id)
        return list(await session.scalars(query))


@pytest.fixture
async def questions(database: Database, tmp_path) -> dict[str, object]:
    """Plain, paused, extended, after the day (untouched) and answered questions, from :data:`MONDAY`."""
    made = {name: await submit(database, tmp_path, now=at(0)) for name in ("plain", "paused", "extended", "answered")}
    made["later"] = await submit(database, tmp_path, now=at(10))
    for name in ("plain", "paused", "extended", "answered"):
        await act(database, handling.accept, made[name].ticket_id, now=at(0, 10))
    await act(database, handling.request_information, made["paused"].ticket_id, message="Xin bản vẽ.", now=at(2))
    await act(database, handling.extend, made["extended"].ticket_id, period="3wd", reason="Cần khảo sát.", now=at(3))
    answered = made["answered"].ticket_id
    await act(database, answering.submit_answer, answered, text="Trả lời.", now=at(4))
    await act(database, answering.approve_answer, answered, now=at(4, 10))
    return made


def ids(questions: dict[str, object], *names: str) -> list[int]:
    return [questions[name].ticket_id for name in names]


async def test_a_day_off_recounts_the_running_windows_that_hold_it(
    client: AsyncTestClient, database: Database, questions: dict[str, object]
) -> None:
    before = await tickets(database)
    moved = ids(questions, "plain", "paused", "extended")
    untouched = ids(questions, "later", "answered")
    async with database.transaction() as session:
        preview = await recount.preview_add(
            session, first=DAY_OFF, last=None, working=False, reason="Nghỉ bù theo Thông báo 99/TB-BNV", now=at(7)
        )
    assert (preview.tickets, dict(preview.clocks)) == (3, {"answer": 3})
    assert await recounted_events(database) == []  # the preview wrote nothing
    async with database.transaction() as session:
        applied = await recount.add_override(
            session,
            first=DAY_OFF,
            last=None,
            working=False,
            reason="Nghỉ bù theo Thông báo 99/TB-BNV",
            actor_id=None,
            now=at(7),
        )
    assert applied.tickets == preview.tickets

    after = await tickets(database)
    for ticket_id in moved:
        # One more working day: the due time moves to the next working day's close.
        assert after[ticket_id].answer_due_at == before[ticket_id].answer_due_at + timedelta(days=1)
        await explained(database, ticket_id)  # replay == stored, no "recounted" step
    for ticket_id in untouched:
        assert after[ticket_id].model_dump() == before[ticket_id].model_dump()
    events = await recounted_events(database)
    assert sorted(e.ticket_id for e in events) == sorted(moved)
    assert all(e.public and e.data["reason"] == "Nghỉ bù theo Thông báo 99/TB-BNV" for e in events)
    async with database.transaction() as session:
        entry = await session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "calendar:override_added"))
        notices = await session.scalar(sa.select(sa.func.count()).where(Notification.kind == "citizen_deadline_moved"))
    assert entry.after["moved"] == 3 and entry.target == DAY_OFF.isoformat()
    assert notices == 3

    # The citizen's status page says it in plain words.
    plain = questions["plain"]
    status = unescape((await client.get(f"/cau-hoi/{plain.reference}?token={plain.token}")).text)
    old, new = before[moved[0]].answer_due_at, after[moved[0]].answer_due_at
    assert (
        f"Hạn trả lời được tính lại vì ngày {DAY_OFF.day}/{DAY_OFF.month} được công bố là ngày nghỉ: "
        f"{old.astimezone(VIETNAM):%d/%m/%Y %H:%M} → {new.astimezone(VIETNAM):%d/%m/%Y %H:%M}."
    ) in status

    # The warning fires at its new time; the deadline's step fires once, at the new deadline, not at the old one.
    async with database.transaction() as session:
        await escalate_due(session, now=after[moved[0]].next_check_at)
    async with database.transaction() as session:
        await escalate_due(session, now=old)
        assert (await session.get_one(Ticket, moved[0])).answer_level == 0
    for _ in range(2):
        async with database.transaction() as session:
            await escalate_due(session, now=new)
    async with database.transaction() as session:
        levels = await session.scalars(
            sa.select(TicketEvent.data).where(TicketEvent.ticket_id == moved[0], TicketEvent.kind == "ticket:escalated")
        )
        assert sorted(d["level"] for d in levels) == [0, 1]

    # Removing the change moves them back.
    async with database.transaction() as session:
        assert (await recount.preview_remove(session, day=DAY_OFF, now=at(8))).tickets == 3
        assert (await recount.remove_override(session, day=DAY_OFF, actor_id=None, now=at(8))).tickets == 3
    back = await tickets(database)
    for ticket_id in moved:
        assert back[ticket_id].answer_due_at == before[ticket_id].answer_due_at
        await explained(database, ticket_id)
    assert len(await recounted_events(database)) == 6


async def test_the_paused_clock_resumes_on_the_new_calendar(database: Database, questions: dict[str, object]) -> None:
    paused = questions["paused"].ticket_id
    async with database.transaction() as session:
        await recount.add_override(
            session, first=DAY_OFF, last=None, working=False, reason="Nghỉ bù", actor_id=None, now=at(7)
        )
    stored = (await tickets(database))[paused].answer_due_at
    async with database.transaction() as session:  # the wait is counted without the day off
        await handling.citizen_replied(session, paused, text="Đã gửi bản vẽ.", now=at(11))
    resumed = (await tickets(database))[paused]
    # 6 whole working days waited (the old calendar counted 7): Tuesday to the next Wednesday.
    assert resumed.answer_due_at == stored + timedelta(days=8)
    await explained(database, paused)


async def test_the_page_previews_confirms_and_refuses_bad_input(
    client: AsyncTestClient, database: Database, questions: dict[str, object]
) -> None:
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    await log_in(client, "dieuphoi")
    page = unescape((await client.get(f"{PAGE}?year={DAY_OFF.year}")).text)
    assert f"<h1>Lịch làm việc {DAY_OFF.year}</h1>" in page
    assert "Ngày Giỗ Tổ Hùng Vương" in page and "Tháng Ba" in page
    token = csrf_of(page)
    form = {"first": f"{DAY_OFF:%d/%m/%Y}", "last": "", "kind": "off", "reason": "Nghỉ bù", "_csrf_token": token}

    preview = unescape((await client.post(PAGE, data=form)).text)
    assert "3 câu hỏi đang chạy sẽ được tính lại hạn." in preview and 'name="confirm" value="yes"' in preview
    assert await recounted_events(database) == []
    done = await client.post(PAGE, data={**form, "confirm": "yes"})
    assert done.status_code == 200 and "3 câu hỏi đang chạy đã được tính lại hạn." in unescape(done.text)
    assert f'data-day="{DAY_OFF.isoformat()}" title="Nghỉ bù"' in done.text
    assert len(await recounted_events(database)) == 3
    plain = questions["plain"]
    history = unescape((await client.get(f"/can-bo/cau-hoi/{plain.reference}")).text)
    assert f"Hạn được tính lại sau khi thay đổi lịch làm việc ({DAY_OFF.day}/{DAY_OFF.month}): Hạn trả lời: " in history

    async with database.transaction() as session:
        overrides = await session.scalar(sa.select(sa.func.count()).select_from(CalendarOverride))
    saturday = DAY_OFF + timedelta(days=3)
    for changed, field, message in [
        (
            {"last": f"{DAY_OFF - timedelta(days=2):%d/%m/%Y}", "first": f"{DAY_OFF + timedelta(days=1):%d/%m/%Y}"},
            "last",
            "Ngày cuối đứng trước ngày đầu.",
        ),
        (
            {"first": f"{DAY_OFF + timedelta(days=1):%d/%m/%Y}", "last": f"{DAY_OFF + timedelta(days=40):%d/%m/%Y}"},
            "last",
            "Mỗi thay đổi gồm tối đa 31 ngày",
        ),
        ({}, "first", "Đã có thay đổi"),
        ({"first": f"{DAY_OFF + timedelta(days=1):%d/%m/%Y}", "kind": "working"}, "kind", "Đã là ngày làm việc sẵn"),
        ({"first": f"{saturday:%d/%m/%Y}", "kind": "off"}, "kind", "Đã là ngày nghỉ sẵn"),
        # The holidays package knows this Saturday is worked (for 31/8/2026).
        (
            {"first": "22/08/2026", "kind": "working"},
            "kind",
            "Đã là ngày làm việc sẵn, không cần thay đổi: 22/08/2026.",
        ),
        ({"first": f"{DAY_OFF + timedelta(days=1):%d/%m/%Y}", "reason": "  "}, "reason", "Hãy nêu lý do"),
        ({"first": "31/02/2027"}, "first", "Hãy viết ngày theo dạng ngày/tháng/năm"),
        ({"first": "hôm qua"}, "first", "Hãy viết ngày theo dạng ngày/tháng/năm"),
    ]:
        refused = await client.post(PAGE, data={**form, **changed, "confirm": "yes"})
        text = unescape(refused.text)
        assert refused.status_code == 422, (changed, refused.status_code)
        assert f'<p class="field-error" id="{field}-error">{message}' in text, (changed, text[:200])
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(CalendarOverride)) == overrides
    assert len(await recounted_events(database)) == 3

    removed = await client.post(f"{PAGE}/go-bo", data={"day": DAY_OFF.isoformat(), "_csrf_token": token})
    assert "3 câu hỏi đang chạy sẽ được tính lại hạn." in unescape(removed.text)
    removed = await client.post(
        f"{PAGE}/go-bo", data={"day": DAY_OFF.isoformat(), "_csrf_token": token, "confirm": "yes"}
    )
    assert "Đã gỡ thay đổi; 3 câu hỏi đang chạy đã được tính lại hạn." in unescape(removed.text)


@pytest.mark.parametrize(
    ("role", "department", "allowed"),
    [
        ("officer", "SXD", False),
        ("head", "SXD", False),
        ("leader", None, False),
        ("coordinator", "VPUB", True),
        ("admin", None, True),
    ],
)
async def test_only_the_coordinating_office_and_admins_use_the_page(
    client: AsyncTestClient, database: Database, role: str, department: str | None, allowed: bool
) -> None:
    await add_staff(database, "nguoi.dung", role, department)
    home = await log_in(client, "nguoi.dung")
    response = await client.get(PAGE)
    assert response.status_code == (200 if allowed else 403)
    token = csrf_of(home.text)
    form = {"first": "02/03/2027", "kind": "off", "reason": "x", "confirm": "yes", "_csrf_token": token}
    assert ((await client.post(PAGE, data=form)).status_code == 200) is allowed


def test_the_command_line_recounts_too(caunoi, tmp_path) -> None:  # noqa: F811
    run, url = caunoi

    async def ask() -> int:
        database = Database(url)
        try:
            return (await submit(database, tmp_path, now=at(0))).ticket_id
        finally:
            await database.dispose()

    ticket_id = asyncio.run(ask())
    [due] = query(url, sa.select(Ticket.answer_due_at).where(Ticket.id == ticket_id))
    added = run("calendar", "add", DAY_OFF.isoformat(), "--day-off", "--reason", "Nghỉ bù")
    assert added.exit_code == 0, added.output
    assert "open question(s) recounted" in added.output and "answer: 1" in added.output
    [moved] = query(url, sa.select(Ticket.answer_due_at).where(Ticket.id == ticket_id))
    assert moved == due + timedelta(days=1)
    removed = run("calendar", "remove", DAY_OFF.isoformat())
    assert removed.exit_code == 0 and "answer: 1" in removed.output, removed.output
    assert query(url, sa.select(Ticket.answer_due_at).where(Ticket.id == ticket_id)) == [due]


async def test_a_deadline_set_under_an_earlier_policy_keeps_its_working_days(
    database: Database, questions: dict[str, object]
) -> None:
    plain = questions["plain"].ticket_id
    async with database.transaction() as session:
        await admin.set_policy(session, category=None, priority=None, answer="15wd")
    before = (await tickets(database))[plain].answer_due_at
    async with database.transaction() as session:
        moved = await recount.add_override(
            session, first=DAY_OFF, last=None, working=False, reason="Nghỉ bù", actor_id=None, now=at(7)
        )
    assert moved.tickets == 3
    # Still 10 working days from routing (not today's 15): one day later, as for the others.
    assert (await tickets(database))[plain].answer_due_at == before + timedelta(days=1)


def test_the_citizens_notice_says_why_and_when_in_both_languages() -> None:
    context = {
        "reference": "2027-000001",
        "title": "Cấp phép xây dựng",
        "name": "Lê Văn Nam",
        "due_at": at(15, 17),
        "previous_due": "15/03/2027 17:00",
        "days_text": "10/3",
        "calendar_reason": "Nghỉ bù theo Thông báo 99/TB-BNV",
        "day_off": True,
    }
    vietnamese, english = (
        render("citizen_deadline_moved", "vi", **context),
        render("citizen_deadline_moved", "en", **context),
    )
    assert vietnamese.subject == "Hạn trả lời câu hỏi 2027-000001 được tính lại"
    assert "được công bố là ngày nghỉ: nay là 16/03/2027 17:00 thay vì 15/03/2027 17:00." in vietnamese.text
    assert "Nghỉ bù theo Thông báo 99/TB-BNV" in vietnamese.text and "16/03/2027 17:00" in vietnamese.sms
    assert "was declared a day off: it is now 16/03/2027 17:00 instead of 15/03/2027 17:00." in english.text


async def test_a_recounted_deadline_goes_by_sms_only_to_askers_without_email(database: Database, tmp_path) -> None:
    """A calendar change tells thousands at once: email where there is one, SMS to the others."""
    asked = {
        "both": await submit(database, tmp_path, now=at(0)),
        "phone": await submit(database, tmp_path, now=at(0), email=None),
        "email": await submit(database, tmp_path, now=at(0), phone=None),
    }
    for question in asked.values():
        await act(database, handling.accept, question.ticket_id, now=at(0, 10))
    async with database.transaction() as session:
        await recount.add_override(
            session, first=DAY_OFF, last=None, working=False, reason="Nghỉ bù", actor_id=None, now=at(7)
        )
    async with database.transaction() as session:
        while await expand_pending(session, now=at(7), base_url="http://portal.test"):
            pass
        rows = await session.execute(
            sa.select(Notification.topic, Delivery.channel)
            .join(Delivery, Delivery.notification_id == Notification.id)
            .where(Notification.kind == "citizen_deadline_moved")
        )
        channels = {(topic, str(channel)) for topic, channel in rows}
    assert channels == {
        (asked["both"].reference, "email"),
        (asked["phone"].reference, "sms"),
        (asked["email"].reference, "email"),
    }
