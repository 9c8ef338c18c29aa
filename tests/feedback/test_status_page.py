"""What the citizen sees of the clocks and of staff decisions: overdue, extended, paused, rejected."""

from datetime import UTC, datetime, timedelta

from litestar.testing import AsyncTestClient

from feedback import handling
from feedback.intake import receive_question
from feedback.models import Channel
from notify.db import Database
from tests.factories import question_fields

# Monday 5/1/2026 09:00 in Vietnam: answer due Friday 16/1/2026 17:00, long past when the test runs.
RECEIVED = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


async def old_question(database: Database, tmp_path, **fields: object) -> tuple[int, str, str]:
    async with database.transaction() as session:
        submitted = await receive_question(
            session,
            question_fields(**fields),
            [],
            channel=Channel.WEB,
            language="vi",
            upload_dir=tmp_path,
            now=RECEIVED,
        )
    return submitted.ticket_id, submitted.reference, submitted.token


async def test_overdue_then_extended_then_paused(client: AsyncTestClient, database: Database, tmp_path) -> None:
    ticket_id, reference, token = await old_question(database, tmp_path)
    page = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "16/01/2026 17:00" in page.text and "Quá hạn" in page.text
    data = (await client.get(f"/api/v1/questions/{reference}", params={"token": token})).json()
    assert data["deadline"]["overdue"] is True and data["deadline"]["overdue_by_working_hours"] > 100
    assert data["deadline"]["working_hours_left"] == 0 and data["deadline"]["summary"].startswith("Quá hạn")

    async with database.transaction() as session:
        await handling.accept(session, ticket_id, actor_id=None, now=datetime(2026, 1, 6, 2, tzinfo=UTC))
        await handling.extend(
            session,
            ticket_id,
            period="5wd",
            reason="Cần lấy ý kiến Sở Tài nguyên và Môi trường",
            actor_id=None,
            now=datetime(2026, 1, 14, 2, tzinfo=UTC),
        )
        await handling.request_information(
            session,
            ticket_id,
            message="Đề nghị bổ sung bản sao giấy chứng nhận quyền sử dụng đất.",
            actor_id=None,
            now=datetime(2026, 1, 15, 2, tzinfo=UTC),
        )
    page = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "Đã gia hạn trả lời" in page.text and "Cần lấy ý kiến Sở Tài nguyên và Môi trường" in page.text
    assert "Hạn trả lời được gia hạn đến 23/01/2026 17:00." in page.text
    assert "Tạm dừng tính hạn trong khi chờ bạn bổ sung thông tin." in page.text
    assert "Đề nghị bổ sung bản sao giấy chứng nhận quyền sử dụng đất." in page.text
    data = (await client.get(f"/api/v1/questions/{reference}", params={"token": token})).json()
    assert data["status"] == "awaiting_citizen"
    deadline = data["deadline"]
    assert (deadline["paused"], deadline["extended"], deadline["overdue"]) == (True, True, False)
    assert deadline["extension_reason"] == "Cần lấy ý kiến Sở Tài nguyên và Môi trường"
    # Paused on Thursday 15/1 at 09:00: 6 hours that day, then six working days of 7.5 h to Friday 23/1.
    assert deadline["working_hours_left"] == 6 + 6 * 7.5
    # How it was counted, replayed to the same deadline: on the page and in the API.
    assert "Cách tính hạn trả lời" in page.text
    assert "Thứ Bảy 10/1 là ngày làm việc: Làm bù cho ngày 02/01/2026." in page.text
    assert "Gia hạn thêm 5 ngày làm việc, từ 16/01/2026 17:00 đến 23/01/2026 17:00" in page.text
    assert "Tạm dừng chờ người hỏi bổ sung từ 15/01/2026 09:00." in page.text
    steps = deadline["explanation"]["steps"]
    assert [s["kind"] for s in steps if s["kind"] not in ("skipped", "worked")] == [
        "received",
        "counting_starts",
        "extended",
        "paused",
        "result",
    ]
    assert steps[-1]["end"] == deadline["due_at"] == deadline["explanation"]["due_at"]
    extended = next(s for s in steps if s["kind"] == "extended")
    assert extended["reason"] == "Cần lấy ý kiến Sở Tài nguyên và Môi trường"
    assert {"start", "end", "reason", "text"} <= extended.keys()
    client.cookies.set("lang", "en")
    page = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "How this deadline was counted" in page.text and "11/1: Sunday (not counted)" in page.text


async def test_a_rejected_question_says_why_in_both_languages(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    _, original, _ = await old_question(database, tmp_path)
    ticket_id, reference, token = await old_question(database, tmp_path, category="khac")
    async with database.transaction() as session:
        await handling.reject(
            session,
            ticket_id,
            reason="duplicate",
            explanation="Nội dung đã được Sở Xây dựng trả lời.",
            duplicate_of=original,
            actor_id=None,
            now=datetime(2026, 1, 6, 2, tzinfo=UTC),
        )
    page = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "Không được tiếp nhận" in page.text
    assert f"Câu hỏi của bạn không được tiếp nhận: nội dung trùng với câu hỏi {original}." in page.text
    assert "Nội dung đã được Sở Xây dựng trả lời." in page.text
    assert "Quá hạn" not in page.text  # no clock runs on a rejected question
    english = await client.get(f"/cau-hoi/{reference}", params={"token": token}, headers={"Accept-Language": "en"})
    assert f"Your question was not accepted: it repeats question {original}." in english.text
    data = (await client.get(f"/api/v1/questions/{reference}", params={"token": token})).json()
    assert data["deadline"] is None and data["rejection"].endswith("Nội dung đã được Sở Xây dựng trả lời.")


async def test_the_departments_request_comes_first_right_above_the_reply_form(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    ticket_id, reference, token = await old_question(database, tmp_path)
    asked_at = datetime(2026, 1, 7, 3, 30, tzinfo=UTC)  # 10:30 in Vietnam
    request = "Đề nghị bổ sung bản sao giấy chứng nhận quyền sử dụng đất."
    async with database.transaction() as session:
        await handling.accept(session, ticket_id, actor_id=None, now=datetime(2026, 1, 6, 2, tzinfo=UTC))
        await handling.request_information(session, ticket_id, message=request, actor_id=None, now=asked_at)

    page = (await client.get(f"/cau-hoi/{reference}", params={"token": token})).text
    shown = page.index(f'<blockquote class="event-detail" id="info-request">{request}</blockquote>')
    assert "Sở Xây dựng đề nghị bạn bổ sung (07/01/2026 10:30):" in page[:shown]
    reply_form = page.index(f'action="/cau-hoi/{reference}/bo-sung"')
    assert page.index('id="reply-title"') < shown < reply_form  # under the section's heading, above its form
    assert reply_form < page.index('id="question-title"') < page.index('id="timeline-title"')  # first on the page
    assert 'aria-describedby="info-request"' in page  # read out with the reply field

    english = (
        await client.get(f"/cau-hoi/{reference}", params={"token": token}, headers={"Accept-Language": "en"})
    ).text
    assert "Department of Construction asked you on 07/01/2026 10:30:" in english

    data = (await client.get(f"/api/v1/questions/{reference}", params={"token": token})).json()
    assert data["information_request"] == {
        "message": request,
        "requested_at": "2026-01-07T03:30:00Z",
        "department": {"code": "SXD", "name": "Sở Xây dựng"},
    }

    async with database.transaction() as session:
        await handling.citizen_replied(session, ticket_id, text="Tôi gửi bản sao.", now=asked_at + timedelta(hours=1))
    page = (await client.get(f"/cau-hoi/{reference}", params={"token": token})).text
    assert 'id="info-request"' not in page and request in page  # answered: only in the history now
    data = (await client.get(f"/api/v1/questions/{reference}", params={"token": token})).json()
    assert data["information_request"] is None
