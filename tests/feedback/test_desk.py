"""Questions staff enter (phone, counter, letter…), their receipt, and answers sent by post: the services' rules."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import segno
import sqlalchemy as sa

from feedback import answering, handling
from feedback.desk.entry import earliest_receipt, enter_question
from feedback.desk.posting import answers_to_post, record_posted
from feedback.desk.receipts import qr_svg, receipt, reissue_short_code
from feedback.errors import InvalidInput
from feedback.intake import Submitted
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Attachment, Channel, Ticket, TicketEvent, User
from feedback.performance import PeriodKind, Scope, overview, period
from feedback.staff_view import staff_ticket
from feedback.tickets import get_question_for_citizen, reference_for_short_code
from feedback.uploads import IncomingFile
from notify.db import Database, utcnow
from routing.calendar import VIETNAM, WorkingCalendar
from routing.services import routing_data
from tests.factories import add_staff, docx_bytes, pdf_bytes, png_bytes, question_fields, submit

NO_CONTACT = {"email": None, "phone": None}


async def _calendar(database: Database) -> WorkingCalendar:
    async with database.transaction() as session:
        return (await routing_data(session)).calendar


def _typed(moment: datetime) -> str:
    """As a datetime-local input sends it, in Vietnam time."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")


def _today() -> str:
    return utcnow().astimezone(VIETNAM).date().isoformat()


def _at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9), VIETNAM).astimezone(UTC)


async def _officer(database: Database) -> User:
    user_id = await add_staff(database, "xd.cv", "officer", "SXD")
    async with database.transaction() as session:
        return await session.get_one(User, user_id)


async def _enter(
    database: Database,
    staff: User,
    tmp_path: Path,
    *,
    channel: Channel = Channel.PHONE,
    received: str | None = None,
    note: str = "",
    files: list[IncomingFile] | None = None,
    now: datetime | None = None,
    **fields: object,
) -> Submitted:
    now = now or utcnow()
    async with database.transaction() as session:
        return await enter_question(
            session,
            {**question_fields(**fields), "channel": channel},
            files or [],
            received=received if received is not None else _typed(now),
            delay_note=note,
            staff=staff,
            upload_dir=tmp_path,
            now=now,
        )


async def _refusal(database: Database, staff: User, tmp_path: Path, **kwargs: object) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        await _enter(database, staff, tmp_path, **kwargs)
    async with database.transaction() as session:  # nothing was written
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0
    return refused.value.messages


async def _ticket(database: Database, reference: str) -> Ticket:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Ticket).where(Ticket.reference == reference))


async def test_a_back_dated_phone_question_is_clocked_from_its_receipt_and_its_history_says_who_entered_it(
    database: Database, tmp_path: Path
) -> None:
    officer = await _officer(database)
    now = utcnow()
    received = _at_nine(earliest_receipt(await _calendar(database), now.astimezone(VIETNAM).date()))
    entered = await _enter(
        database,
        officer,
        tmp_path,
        received=_typed(received),
        note="Thư đến bộ phận văn thư, chuyển muộn.",
        **NO_CONTACT,
    )

    ticket = await _ticket(database, entered.reference)
    assert (ticket.channel, ticket.entered_by_id, ticket.citizen_email, ticket.citizen_phone) == (
        Channel.PHONE, officer.id, None, None
    )  # fmt: skip
    assert ticket.created_at == received and ticket.routed_at == received and ticket.status is TicketStatus.ASSIGNED
    # The same question sent on the portal at that instant has the same deadline: the clock ran from receipt.
    web = await submit(database, tmp_path, now=received)
    assert ticket.answer_due_at == (await _ticket(database, web.reference)).answer_due_at == entered.answer_due_at
    async with database.transaction() as session:
        view = await staff_ticket(session, entered.reference, officer, now=now)
    received_entry = next(e for e in view.timeline if e.at == received and e.description.startswith("Tiếp nhận"))
    assert received_entry.description == "Tiếp nhận (điện thoại), do Xd Cv nhập vào hệ thống"
    late = next(e for e in view.timeline if e.description.startswith("Nhập vào hệ thống muộn"))
    assert late.detail == "Thư đến bộ phận văn thư, chuyển muộn." and late.who == "Xd Cv" and not late.public
    assert f"{received.astimezone(VIETNAM):%d/%m/%Y %H:%M}" in late.description


async def test_a_receipt_in_the_future_or_more_than_ten_working_days_back_is_refused(
    database: Database, tmp_path: Path
) -> None:
    officer = await _officer(database)
    now = utcnow()
    future = await _refusal(database, officer, tmp_path, received=_typed(now + timedelta(hours=2)), now=now)
    assert future == {"received_at": "Thời điểm tiếp nhận không thể muộn hơn hiện tại."}
    calendar = await _calendar(database)
    earliest = earliest_receipt(calendar, now.astimezone(VIETNAM).date())
    eleventh = earliest - timedelta(days=1)
    while not calendar.is_working_day(eleventh):
        eleventh -= timedelta(days=1)
    too_early = await _refusal(database, officer, tmp_path, received=_typed(_at_nine(eleventh)), note="Muộn.", now=now)
    assert too_early == {
        "received_at": "Không thể nhập câu hỏi đã tiếp nhận quá 10 ngày làm việc: "
        f"ngày sớm nhất được phép là {earliest:%d/%m/%Y}."
    }
    garbled = await _refusal(database, officer, tmp_path, received="hôm qua", now=now)
    assert garbled == {"received_at": "Hãy nhập ngày và giờ tiếp nhận, ví dụ 04/12/2026 08:30."}


@pytest.mark.parametrize(
    ("today", "earliest"),
    [
        (date(2026, 10, 26), date(2026, 10, 12)),  # Monday: ten working days since Monday 12/10
        (date(2026, 10, 24), date(2026, 10, 9)),  # a Saturday counts no day of its own
        (date(2026, 11, 30), date(2026, 11, 13)),  # Tuesday 24/11 is a holiday (Vietnamese Culture Day)
        (date(2026, 9, 7), date(2026, 8, 20)),  # 31/8–2/9 are holidays; Saturday 22/8 was worked for 31/8
    ],
)
def test_the_earliest_receipt_is_ten_working_days_back(today: date, earliest: date) -> None:
    assert earliest_receipt(WorkingCalendar.vietnam(), today) == earliest


async def test_a_receipt_of_an_earlier_day_needs_a_note(database: Database, tmp_path: Path) -> None:
    officer = await _officer(database)
    now = utcnow()
    yesterday = _at_nine(now.astimezone(VIETNAM).date() - timedelta(days=1))
    refused = await _refusal(database, officer, tmp_path, received=_typed(yesterday), note="  ", now=now)
    assert refused == {"delay_note": "Hãy nêu lý do câu hỏi tiếp nhận từ ngày trước đến nay mới được nhập."}


async def test_a_caller_may_give_no_contact_but_a_letter_needs_one(database: Database, tmp_path: Path) -> None:
    officer = await _officer(database)
    refused = await _refusal(database, officer, tmp_path, channel=Channel.LETTER, **NO_CONTACT)
    assert refused == {
        "contact": "Hãy nhập số di động, địa chỉ email hoặc địa chỉ bưu chính: "
        "chỉ câu hỏi tiếp nhận qua điện thoại mới được để trống."
    }
    # Said together with the other mistakes, not after they are corrected.
    several = await _refusal(database, officer, tmp_path, channel=Channel.LETTER, title="", name="", **NO_CONTACT)
    assert set(several) == {"contact", "title", "name"}
    assert several["name"] == "Hãy nhập họ tên công dân như họ đã cung cấp."
    by_post = await _enter(
        database, officer, tmp_path, channel=Channel.LETTER, address="12 Lê Lợi, Hạc Thành", **NO_CONTACT
    )
    assert (await _ticket(database, by_post.reference)).address == "12 Lê Lợi, Hạc Thành"
    by_phone = await _enter(database, officer, tmp_path, channel=Channel.PHONE, **NO_CONTACT)
    assert (await _ticket(database, by_phone.reference)).channel is Channel.PHONE
    web = await _refusal_of_channel(database, officer, tmp_path)
    assert web == {"channel": "Hãy chọn kênh tiếp nhận câu hỏi."}


async def _refusal_of_channel(database: Database, staff: User, tmp_path: Path) -> dict[str, str]:
    async with database.transaction() as session:
        count = await session.scalar(sa.select(sa.func.count()).select_from(Ticket))
    with pytest.raises(InvalidInput) as refused:
        await _enter(database, staff, tmp_path, channel=Channel.WEB)  # the portal's form is no desk's channel
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == count
    return refused.value.messages


async def test_scans_are_pdf_jpeg_or_png_and_a_refused_file_is_named(database: Database, tmp_path: Path) -> None:
    officer = await _officer(database)
    docx = [IncomingFile("don-de-nghi.docx", docx_bytes())]
    assert await _refusal(database, officer, tmp_path, files=docx) == {
        "files": "Tệp don-de-nghi.docx không phải là tệp PDF, JPEG hoặc PNG."
    }
    liar = [IncomingFile("ban-chup.pdf", png_bytes())]
    assert (await _refusal(database, officer, tmp_path, files=liar))["files"] == (
        "Nội dung tệp ban-chup.pdf không khớp với tên tệp: đây không phải tệp PDF."
    )
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
    scans = [IncomingFile("thu.pdf", pdf_bytes()), IncomingFile("anh.png", png_bytes())]
    entered = await _enter(database, officer, tmp_path, channel=Channel.COUNTER, files=scans)
    async with database.transaction() as session:
        stored = (
            await session.scalars(sa.select(Attachment.filename).where(Attachment.ticket_id == entered.ticket_id))
        ).all()
    assert sorted(stored) == ["anh.png", "thu.pdf"]


async def test_a_receipt_printed_again_gets_a_new_short_code_and_the_old_one_stops_working(
    database: Database, tmp_path: Path
) -> None:
    officer = await _officer(database)
    entered = await _enter(database, officer, tmp_path, **NO_CONTACT)
    async with database.transaction() as session:
        first = await receipt(
            session, entered.reference, officer, short_code=entered.short_code, base_url="http://p.test"
        )
        plain = await receipt(session, entered.reference, officer, short_code=None, base_url="http://p.test")
    assert first.short_link == f"http://p.test/t/{entered.short_code}" and plain.short_link is None
    assert first.department is not None and first.answer_due_at == entered.answer_due_at and not first.in_triage
    svg = qr_svg(first.short_link, "QR")
    expected = segno.make_qr(first.short_link, error="m").svg_inline(scale=4, svgclass="qr-code", omitsize=True)
    assert svg.startswith('<svg role="img" aria-label="QR" ') and svg.endswith(expected.split(" ", 1)[1])

    async with database.transaction() as session:
        code = await reissue_short_code(session, entered.reference, officer, now=utcnow())
    async with database.transaction() as session:
        assert await reference_for_short_code(session, code) == entered.reference
        view = await get_question_for_citizen(session, entered.reference, code, now=utcnow())
        assert view.reference == entered.reference
        with pytest.raises(Exception, match=entered.short_code):
            await reference_for_short_code(session, entered.short_code)
        kinds = (
            await session.scalars(sa.select(TicketEvent.kind).where(TicketEvent.ticket_id == entered.ticket_id))
        ).all()
    assert EventKind.RECEIPT_REISSUED in kinds


async def _answered(database: Database, tmp_path: Path, officer: User, at: datetime) -> Submitted:
    """A letter with only a postal address, answered at ``at``."""
    entered = await _enter(
        database, officer, tmp_path, channel=Channel.LETTER, address="12 Lê Lợi, Hạc Thành", **NO_CONTACT
    )
    async with database.transaction() as session:
        await handling.accept(session, entered.ticket_id, actor_id=officer.id, now=at)
        await answering.submit_answer(session, entered.ticket_id, text="Hồ sơ gồm đơn.", actor_id=officer.id, now=at)
        await answering.approve_answer(session, entered.ticket_id, actor_id=None, now=at)
    return entered


async def test_an_answer_sent_by_post_is_recorded_once_never_before_the_answer_nor_in_the_future(
    database: Database, tmp_path: Path
) -> None:
    officer = await _officer(database)
    now = utcnow()
    entered = await _answered(database, tmp_path, officer, now)
    async with database.transaction() as session:
        assert [t.reference for t in await answers_to_post(session, officer)] == [entered.reference]
    today = now.astimezone(VIETNAM).date()
    for day, message in [
        (today + timedelta(days=1), "Ngày gửi không thể muộn hơn hôm nay."),
        (
            today - timedelta(days=1),
            f"Câu trả lời được duyệt ngày {today:%d/%m/%Y}: ngày gửi không thể sớm hơn ngày này.",
        ),
        ("mai", "Hãy nhập ngày theo dạng ngày/tháng/năm."),
    ]:
        with pytest.raises(InvalidInput) as refused:
            async with database.transaction() as session:
                await record_posted(session, entered.ticket_id, sent_on=str(day), actor_id=officer.id, now=now)
        assert refused.value.messages == {"posted_on": message}
    assert (await _ticket(database, entered.reference)).posted_at is None

    async with database.transaction() as session:
        await record_posted(session, entered.ticket_id, sent_on=f"{today:%d/%m/%Y}", actor_id=officer.id, now=now)
    ticket = await _ticket(database, entered.reference)
    assert ticket.posted_at == now and ticket.status is TicketStatus.ANSWERED
    async with database.transaction() as session:
        assert await answers_to_post(session, officer) == []
        view = await get_question_for_citizen(session, entered.reference, entered.token, now=now)
        staff_view = await staff_ticket(session, entered.reference, officer, now=now)
    assert f"Câu trả lời đã được gửi đến bạn qua bưu điện ngày {today:%d/%m/%Y}." in [
        e.description for e in view.events
    ]
    assert f"Đã gửi câu trả lời cho công dân qua bưu điện ngày {today:%d/%m/%Y}" in [
        e.description for e in staff_view.timeline
    ]
    with pytest.raises(InvalidInput) as twice:
        async with database.transaction() as session:
            await record_posted(session, entered.ticket_id, sent_on=str(today), actor_id=officer.id, now=now)
    assert twice.value.messages == {"status": "Câu trả lời đã được ghi nhận là đã gửi qua bưu điện."}
    # A letter without email or mobile counts in the figures like any question answered.
    async with database.transaction() as session:
        figures = (
            await overview(
                session, Scope(period(PeriodKind.MONTH, today=today)), now=now, calendar=await _calendar(database)
            )
        ).totals
    assert (figures.received, figures.answered, figures.on_time) == (1, 1, 1)


async def test_an_answer_posted_on_an_earlier_day_is_dated_that_day(database: Database, tmp_path: Path) -> None:
    officer = await _officer(database)
    now = utcnow()
    answered_at = now - timedelta(days=3)
    entered = await _answered(database, tmp_path, officer, answered_at)
    day = (now - timedelta(days=2)).astimezone(VIETNAM).date()
    async with database.transaction() as session:
        await record_posted(session, entered.ticket_id, sent_on=day.isoformat(), actor_id=officer.id, now=now)
    posted_at = (await _ticket(database, entered.reference)).posted_at
    assert posted_at is not None and posted_at.astimezone(VIETNAM).date() == day and posted_at >= answered_at


async def test_an_unanswered_question_cannot_be_recorded_as_posted(database: Database, tmp_path: Path) -> None:
    officer = await _officer(database)
    entered = await _enter(database, officer, tmp_path, channel=Channel.LETTER, address="12 Lê Lợi", **NO_CONTACT)
    with pytest.raises(InvalidInput) as refused:
        async with database.transaction() as session:
            await record_posted(session, entered.ticket_id, sent_on=_today(), actor_id=officer.id, now=utcnow())
    assert refused.value.status == 409 and refused.value.messages == {
        "status": "Chỉ câu hỏi đã được trả lời mới có thể ghi nhận đã gửi trả lời qua bưu điện."
    }
