"""How a deadline was counted: the explanation replays the clock and lands on the stored deadline.

Each case acts through the real services with ``now`` given, on dates the holidays package
knows (Tết 2026 is 16/2–20/2), on SQLite and PostgreSQL.
"""

from datetime import UTC, datetime

from feedback import handling
from feedback.deadlines.explanation import explain_deadline
from feedback.i18n import speaking
from feedback.models import Ticket
from notify.db import Database
from routing.calendar import VIETNAM
from tests.feedback.test_handling import act, department, submit

# Monday 5/1/2026 09:00 in Vietnam: routed at intake, 10 working days, Saturday 10/1 worked
# (a demo override), so the answer is due on Friday 16/1 at 17:00.
MONDAY = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


async def explained(database: Database, ticket_id: int, language: str = "vi") -> tuple[Ticket, list[dict]]:
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
        with speaking(language):
            explanation = await explain_deadline(session, ticket)
    assert explanation is not None
    steps = [step.model_dump(mode="json") for step in explanation.steps]
    assert explanation.due_at == ticket.answer_due_at
    assert steps[-1]["kind"] == "result" and "recounted" not in [s["kind"] for s in steps]
    assert datetime.fromisoformat(steps[-1]["end"]) == ticket.answer_due_at
    return ticket, steps


def texts(steps: list[dict]) -> list[str]:
    return [step["text"] for step in steps]


async def test_a_plain_question_skips_the_weekend(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    ticket, steps = await explained(database, ticket_id)
    assert ticket.answer_due_at == vn(2026, 1, 16, 17)
    assert steps[0]["kind"] == "received" and "10 ngày làm việc" in steps[0]["text"]
    assert steps[1]["text"] == "Bắt đầu tính từ 06/01/2026 07:30."
    assert "Thứ Bảy 10/1 là ngày làm việc: Làm bù cho ngày 02/01/2026." in texts(steps)
    assert "11/1: Chủ Nhật (không tính)" in texts(steps)
    assert texts(steps)[-1] == "Hạn trả lời: 16/01/2026 17:00."
    _, english = await explained(database, ticket_id, "en")
    assert "11/1: Sunday (not counted)" in texts(english)


async def test_a_question_over_tet_skips_the_holiday_as_one_line(database: Database, tmp_path) -> None:
    sxd = await department(database, "SXD")
    ticket_id = await submit(database, tmp_path, category="khac")
    await act(database, handling.route_from_triage, ticket_id, department_id=sxd, now=vn(2026, 2, 12, 10))
    ticket, steps = await explained(database, ticket_id)
    assert ticket.answer_due_at == vn(2026, 3, 5, 17)
    # Tết (16/2–20/2) runs into the weekends on either side: one line, named after the holiday.
    skipped = [s for s in steps if s["kind"] == "skipped"]
    assert skipped[0] | {"text": ""} == {
        "kind": "skipped",
        "start": "2026-02-14",
        "end": "2026-02-22",
        "reason": "Tết Nguyên Đán",
        "text": "",
    }
    assert "14/2–22/2: Tết Nguyên Đán (không tính)" in texts(steps)
    assert "28/2–1/3: cuối tuần (không tính)" in texts(steps)


async def test_a_pause_for_the_citizen_is_shown_and_counted(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    await act(database, handling.accept, ticket_id, now=vn(2026, 1, 5, 10))
    await act(database, handling.request_information, ticket_id, message="Xin bản vẽ.", now=vn(2026, 1, 7, 9))
    _, steps = await explained(database, ticket_id)
    assert "Tạm dừng chờ người hỏi bổ sung từ 07/01/2026 09:00." in texts(steps)
    async with database.transaction() as session:
        await handling.citizen_replied(session, ticket_id, text="Bản vẽ đây.", now=vn(2026, 1, 9, 10))
    ticket, steps = await explained(database, ticket_id)
    assert ticket.answer_due_at == vn(2026, 1, 20, 17)  # two whole working days waited
    pause = next(s for s in steps if s["kind"] == "paused")
    assert (pause["start"], pause["end"]) == ("2026-01-07T02:00:00Z", "2026-01-09T03:00:00Z")


async def test_an_extension_gives_its_reason(database: Database, tmp_path) -> None:
    ticket_id = await submit(database, tmp_path)
    await act(database, handling.accept, ticket_id, now=vn(2026, 1, 5, 10))
    reason = "Cần xác minh thực địa"
    await act(database, handling.extend, ticket_id, period="5wd", reason=reason, now=vn(2026, 1, 16, 9))
    ticket, steps = await explained(database, ticket_id)
    assert ticket.answer_due_at == vn(2026, 1, 23, 17)
    extended = next(s for s in steps if s["kind"] == "extended")
    assert extended["reason"] == reason
    assert extended["text"] == f"Gia hạn thêm 5 ngày làm việc, từ 16/01/2026 17:00 đến 23/01/2026 17:00: {reason}"
