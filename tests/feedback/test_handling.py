"""Staff actions on the clocks, on real dates: triage, transfer, reject, waiting for the citizen, extension.

Every refusal is checked to change nothing: same status, same department, same deadlines, no
new event and nothing in the outbox.
"""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from feedback import handling
from feedback.errors import InvalidInput
from feedback.escalations import escalate_due
from feedback.intake import receive_question
from feedback.models import Channel, Ticket, TicketEvent
from notify.db import Database
from notify.models import Notification
from routing.calendar import VIETNAM
from routing.models import Department
from tests.factories import question_fields

# Monday 5/1/2026 09:00 in Vietnam. With Saturday 10/1 worked (a demo override), accept by Wednesday
# 7/1 17:00, transfer by Saturday 10/1 17:00, answer by Friday 16/1 17:00.
MONDAY = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


async def submit(database: Database, tmp_path, category: str = "giao-duc") -> int:
    async with database.transaction() as session:
        submitted = await receive_question(
            session,
            question_fields(category=category),
            [],
            channel=Channel.WEB,
            language="vi",
            upload_dir=tmp_path,
            now=MONDAY,
        )
    return submitted.ticket_id


async def department(database: Database, code: str) -> int:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Department.id).where(Department.code == code))


async def act(database: Database, action: Callable[..., Awaitable[Ticket]], ticket_id: int, **kwargs) -> Ticket:
    async with database.transaction() as session:
        ticket = await action(session, ticket_id, **{"actor_id": None, **kwargs})
        await session.flush()
        return ticket


async def snapshot(database: Database, ticket_id: int) -> tuple:
    """Everything a refused action must leave alone."""
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
        events = await session.scalar(sa.select(sa.func.count()).where(TicketEvent.ticket_id == ticket_id))
        notes = await session.scalar(sa.select(sa.func.count()).select_from(Notification))
        return ticket.model_dump(), events, notes


async def refused(database: Database, ticket_id: int, action, **kwargs) -> list[tuple[str, str]]:
    before = await snapshot(database, ticket_id)
    with pytest.raises(InvalidInput) as caught:
        await act(database, action, ticket_id, **kwargs)
    assert await snapshot(database, ticket_id) == before
    return [(e.field, e.code) for e in caught.value.errors]


async def public_events(database: Database, ticket_id: int) -> list[TicketEvent]:
    async with database.transaction() as session:
        query = sa.select(TicketEvent).where(TicketEvent.ticket_id == ticket_id, TicketEvent.public)
        return list(await session.scalars(query.order_by(TicketEvent.id)))


async def test_the_coordinator_routes_a_question_from_triage(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path, category="khac")
    sxd = await department(database, "SXD")
    ticket = await act(database, handling.route_from_triage, ticket_id, department_id=sxd, now=vn(2026, 1, 6, 10))
    assert (ticket.status, ticket.department_id) == ("assigned", sxd)
    # The answer clock starts at routing; the legal transfer deadline still counts from receipt.
    assert ticket.answer_due_at == vn(2026, 1, 19, 17)
    assert ticket.accept_due_at == vn(2026, 1, 8, 17)
    assert ticket.transfer_due_at == vn(2026, 1, 10, 17)
    assert (await public_events(database, ticket_id))[-1].data["routed_by"] == "coordinator"


async def test_a_transfer_within_the_acceptance_window_restarts_the_answer_clock(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    sxd = await department(database, "SXD")
    ticket = await act(
        database,
        handling.transfer,
        ticket_id,
        department_id=sxd,
        reason="Thuộc lĩnh vực xây dựng",
        now=vn(2026, 1, 7, 9),
    )
    assert (ticket.status, ticket.department_id, ticket.accepted_at) == ("assigned", sxd, None)
    assert ticket.routed_at == vn(2026, 1, 7, 9) and ticket.answer_due_at == vn(2026, 1, 20, 17)
    assert ticket.accept_due_at == vn(2026, 1, 9, 17)
    event = (await public_events(database, ticket_id))[-1]
    assert (event.kind, event.data["reason"], event.data["restarted"]) == (
        "ticket:transferred",
        "Thuộc lĩnh vực xây dựng",
        True,
    )


async def test_a_later_transfer_keeps_the_answer_deadline(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    await act(database, handling.accept, ticket_id, now=vn(2026, 1, 6, 9))
    ticket = await act(
        database,
        handling.transfer,
        ticket_id,
        department_id=await department(database, "SXD"),
        reason="Sau khi xem xét, thuộc thẩm quyền Sở Xây dựng",
        now=vn(2026, 1, 12, 9),
    )
    assert ticket.answer_due_at == vn(2026, 1, 16, 17) and ticket.routed_at == MONDAY
    assert ticket.accept_due_at == vn(2026, 1, 14, 17)  # the new department must still accept it


async def test_transfers_without_a_reason_or_to_the_same_department_change_nothing(
    database: Database, tmp_path
) -> None:
    ticket_id = await submit(database, tmp_path)
    same = await department(database, "SGDDT")
    errors = await refused(
        database, ticket_id, handling.transfer, department_id=same, reason="  ", now=vn(2026, 1, 6, 9)
    )
    assert errors == [("reason", "reason_missing"), ("department", "same_department")]
    errors = await refused(
        database, ticket_id, handling.transfer, department_id=9999, reason="x", now=vn(2026, 1, 6, 9)
    )
    assert errors == [("department", "department_unknown")]


async def test_sent_back_to_triage_early_the_next_department_starts_afresh(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    ticket = await act(database, handling.send_to_triage, ticket_id, reason="Không rõ cơ quan", now=vn(2026, 1, 6, 9))
    assert ticket.status == "triage" and ticket.department_id == await department(database, "VPUB")
    assert ticket.answer_due_at is None and ticket.accept_due_at is None
    assert ticket.next_check_at is not None  # the transfer clock still runs
    ticket = await act(
        database,
        handling.route_from_triage,
        ticket_id,
        department_id=await department(database, "SXD"),
        now=vn(2026, 1, 7, 9),
    )
    assert ticket.answer_due_at == vn(2026, 1, 20, 17)
    assert await refused(database, ticket_id, handling.send_to_triage, reason="", now=vn(2026, 1, 7, 10)) == [
        ("reason", "reason_missing")
    ]


async def test_reject_as_a_duplicate_tells_the_citizen_why(database: Database, tmp_path) -> None:
    original = await submit(database, tmp_path)
    ticket_id = await submit(database, tmp_path, category="khac")
    async with database.transaction() as session:
        reference = (await session.get_one(Ticket, original)).reference
    errors = await refused(
        database, ticket_id, handling.reject, reason="duplicate", explanation="", duplicate_of="2026-999999", now=MONDAY
    )
    assert errors == [("explanation", "reason_missing"), ("duplicate_of", "duplicate_unknown")]
    assert await refused(database, ticket_id, handling.reject, reason="boring", explanation="x", now=MONDAY) == [
        ("reason", "reject_reason_unknown")
    ]
    explanation = f"Câu hỏi trùng với câu hỏi {reference} đã được chuyển Sở Giáo dục và Đào tạo trả lời."
    ticket = await act(
        database,
        handling.reject,
        ticket_id,
        reason="duplicate",
        explanation=explanation,
        duplicate_of=reference,
        now=MONDAY,
    )
    assert (ticket.status, ticket.next_check_at) == ("rejected", None)
    event = (await public_events(database, ticket_id))[-1]
    assert event.data == {"reason": "duplicate", "explanation": explanation, "duplicate_of": reference}
    async with database.transaction() as session:
        note = await session.scalar(sa.select(Notification).where(Notification.kind == "citizen_rejected"))
    assert (note.recipient, note.topic) == (f"citizen:{ticket_id}", ticket.reference)
    # A rejected question cannot be rejected again, or routed.
    assert await refused(database, ticket_id, handling.reject, reason="spam", explanation="x", now=MONDAY) == [
        ("status", "action_not_allowed")
    ]


async def test_waiting_for_the_citizen_stops_the_clock_and_the_escalations(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    assert await refused(database, ticket_id, handling.request_information, message="?", now=MONDAY) == [
        ("status", "action_not_allowed")  # not accepted yet
    ]
    await act(database, handling.accept, ticket_id, now=vn(2026, 1, 5, 10))
    ticket = await act(
        database, handling.request_information, ticket_id, message="Xin bổ sung bản sao sổ đỏ.", now=vn(2026, 1, 7, 16)
    )
    assert (ticket.status, ticket.paused_at, ticket.next_check_at) == ("awaiting_citizen", vn(2026, 1, 7, 16), None)
    async with database.transaction() as session:
        assert (await escalate_due(session, now=vn(2026, 3, 1, 9))).fired == 0  # weeks later: nothing fires
    async with database.transaction() as session:
        ticket = await handling.citizen_replied(session, ticket_id, text="Tôi gửi bổ sung.", now=vn(2026, 1, 8, 9, 30))
    # Waited 1 h on Wednesday and 2 h on Thursday morning, less than a working day: the due
    # time stays at the close of Friday 16/1 instead of moving to Monday morning.
    assert (ticket.status, ticket.paused_at) == ("in_progress", None)
    assert ticket.answer_due_at == vn(2026, 1, 16, 17)
    assert ticket.next_check_at is not None
    kinds = [e.kind for e in await public_events(database, ticket_id)]
    assert kinds[-2:] == ["ticket:info_requested", "ticket:citizen_replied"]
    # A second wait of 4.5 h on Friday 9/1 makes 7.5 h in all, a whole working day: one day later.
    await act(database, handling.request_information, ticket_id, message="Xin thêm bản vẽ.", now=vn(2026, 1, 9, 10))
    async with database.transaction() as session:
        ticket = await handling.citizen_replied(session, ticket_id, text="Bản vẽ đây.", now=vn(2026, 1, 9, 16, 30))
    assert ticket.answer_due_at == vn(2026, 1, 19, 17) and ticket.waited_minutes == 450


async def test_one_extension_within_the_limit_with_a_public_reason(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    await act(database, handling.accept, ticket_id, now=vn(2026, 1, 5, 10))
    assert await refused(database, ticket_id, handling.extend, period="11wd", reason="Phức tạp", now=MONDAY) == [
        ("period", "extension_invalid")
    ]
    assert await refused(database, ticket_id, handling.extend, period="ten days", reason="", now=MONDAY) == [
        ("reason", "reason_missing"),
        ("period", "extension_invalid"),
    ]
    reason = "Cần xác minh thực địa tại phường Hạc Thành"
    ticket = await act(database, handling.extend, ticket_id, period="5wd", reason=reason, now=vn(2026, 1, 16, 9))
    assert ticket.answer_due_at == vn(2026, 1, 23, 17) and ticket.extended_at == vn(2026, 1, 16, 9)
    assert (await public_events(database, ticket_id))[-1].data["reason"] == reason
    assert await refused(database, ticket_id, handling.extend, period="1wd", reason="Lần nữa", now=MONDAY) == [
        ("period", "already_extended")
    ]


async def test_an_action_the_status_does_not_allow_is_refused(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path, category="khac")  # in triage
    assert await refused(database, ticket_id, handling.accept, now=MONDAY) == [("status", "action_not_allowed")]
