"""The staff workspace through the HTTP stack: login, the inbox, the ticket page and its actions."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.models import Ticket
from notify.db import Database
from notify.models import Notification
from tests.factories import add_staff, csrf_of, log_in, question_fields, submit

VERSION = re.compile(r'name="version" value="([^"]+)"')


@pytest.fixture
async def people(database: Database) -> dict[str, int]:
    return {
        "xd.cv": await add_staff(database, "xd.cv", "officer", "SXD"),
        "xd.tp": await add_staff(database, "xd.tp", "head", "SXD"),
        "yt.cv": await add_staff(database, "yt.cv", "officer", "SYT"),
        "dieuphoi": await add_staff(database, "dieuphoi", "coordinator", "VPUB"),
        "lanhdao": await add_staff(database, "lanhdao", "leader"),
    }


async def act(client: AsyncTestClient, reference: str, action: str, **fields: str):
    page = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert page.status_code == 200, page.text
    version = VERSION.search(page.text)  # no form, no version: a user with nothing to do here
    data = {"_csrf_token": csrf_of(page.text), "version": version.group(1) if version else "", **fields}
    return await client.post(f"/can-bo/cau-hoi/{reference}/{action}", data=data)


async def ticket_of(database: Database, reference: str) -> Ticket:
    async with database.transaction() as session:
        return await session.scalar(sa.select(Ticket).where(Ticket.reference == reference))


async def test_login_refuses_wrong_passwords_then_locks_the_account(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    wrong = await log_in(client, "xd.cv", "sai-mat-khau")
    assert wrong.status_code == 422 and "Tên đăng nhập hoặc mật khẩu không đúng." in wrong.text
    for _ in range(4):
        await log_in(client, "xd.cv", "sai-mat-khau")
    locked = await log_in(client, "xd.cv")  # the right password, too late
    assert locked.status_code == 429 and "tạm khóa 15 phút" in locked.text
    assert (await client.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 303


async def test_pages_ask_for_login_and_come_back(client: AsyncTestClient, people: dict[str, int]) -> None:
    response = await client.get("/can-bo/hop-thu?due=overdue", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/can-bo/dang-nhap?next=/can-bo/hop-thu%3Fdue%3Doverdue"
    page = await client.get(response.headers["location"])
    logged = await client.post(
        "/can-bo/dang-nhap",
        data={"username": "XD.CV ", "password": "mat-khau-can-bo-2026", "_csrf_token": csrf_of(page.text),
              "next": "/can-bo/hop-thu?due=overdue"},
        follow_redirects=False,
    )  # fmt: skip
    assert logged.status_code == 303 and logged.headers["location"] == "/can-bo/hop-thu?due=overdue"
    outside = await log_in(client, "xd.cv")
    assert outside.status_code == 200  # "next" pointing off-site is ignored: lands on the inbox
    evil = await client.post(
        "/can-bo/dang-nhap",
        data={"username": "xd.cv", "password": "mat-khau-can-bo-2026", "_csrf_token": csrf_of(page.text),
              "next": "//evil.example/"},
        follow_redirects=False,
    )  # fmt: skip
    assert evil.headers["location"] == "/can-bo"


async def test_an_officer_sees_only_the_department_s_questions(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    ours = await submit(database, tmp_path)  # building permit: Sở Xây dựng
    theirs = await submit(database, tmp_path, category="y-te", title="Hỏi về thẻ bảo hiểm y tế cho trẻ em")
    await log_in(client, "xd.cv")
    inbox = await client.get("/can-bo/hop-thu")
    assert inbox.status_code == 200 and '<html lang="vi">' in inbox.text
    assert ours.reference in inbox.text and theirs.reference not in inbox.text
    assert "Chờ tiếp nhận" in inbox.text and "Trong hạn: còn" in inbox.text
    assert (await client.get(f"/can-bo/cau-hoi/{theirs.reference}")).status_code == 404
    page = await client.get(f"/can-bo/cau-hoi/{ours.reference}")
    assert "hong.nguyen@example.com" in page.text and "+84912345678" in page.text  # staff see the contact
    refused = await client.post(
        f"/can-bo/cau-hoi/{theirs.reference}/accept", data={"_csrf_token": csrf_of(page.text), "version": "x"}
    )
    assert refused.status_code == 404


async def test_answer_approve_and_the_citizen_sees_it(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    submitted = await submit(database, tmp_path)
    reference = submitted.reference
    await log_in(client, "xd.cv")
    assert (await act(client, reference, "accept")).status_code == 200
    empty = await act(client, reference, "submit", answer="   ")
    assert empty.status_code == 422 and "Hãy viết câu trả lời" in empty.text
    answer = "Hồ sơ gồm:\n\n- đơn đề nghị cấp giấy phép;\n- bản sao **giấy chứng nhận quyền sử dụng đất**."
    draft = await act(client, reference, "draft", answer=answer)
    assert "giấy chứng nhận quyền sử dụng đất" in draft.text
    assert (await act(client, reference, "submit", answer=answer)).status_code == 200
    # An officer cannot approve: the button is not there and the action is refused.
    page = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert "Duyệt và gửi cho công dân" not in page.text
    assert (await act(client, reference, "approve")).status_code == 403

    await log_in(client, "xd.tp")
    approved = await act(client, reference, "approve")
    assert approved.status_code == 200 and "Đã duyệt câu trả lời và gửi cho công dân" in approved.text
    ticket = await ticket_of(database, reference)
    assert (ticket.status, ticket.answer_approver_id, ticket.published_at is not None) == (
        "answered",
        people["xd.tp"],
        True,
    )
    async with database.transaction() as session:
        kinds = set(await session.scalars(sa.select(Notification.kind).where(Notification.topic == reference)))
    assert "citizen_answered" in kinds

    status = await client.get(f"/cau-hoi/{reference}", params={"token": submitted.token})
    assert "<strong>giấy chứng nhận quyền sử dụng đất</strong>" in status.text and "Đã trả lời" in status.text


async def test_a_stale_form_or_a_double_submit_changes_nothing(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    reference = (await submit(database, tmp_path)).reference
    await log_in(client, "xd.cv")
    page = await client.get(f"/can-bo/cau-hoi/{reference}")
    form = {"_csrf_token": csrf_of(page.text), "version": VERSION.search(page.text).group(1)}
    assert (await client.post(f"/can-bo/cau-hoi/{reference}/accept", data=form)).status_code == 200
    before = await ticket_of(database, reference)
    again = await client.post(f"/can-bo/cau-hoi/{reference}/note", data={**form, "note": "Ghi chú cũ"})
    assert again.status_code == 409 and "Có người đã thay đổi câu hỏi này" in again.text
    assert "Ghi chú cũ" in again.text  # what was typed is kept
    assert (await ticket_of(database, reference)).updated_at == before.updated_at


async def test_the_citizen_answers_a_request_for_information_on_the_status_page(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    submitted = await submit(database, tmp_path)
    await log_in(client, "xd.cv")
    await act(client, submitted.reference, "accept")
    asked = await act(client, submitted.reference, "request_info", message="Đề nghị gửi bản chụp sổ đỏ.")
    assert asked.status_code == 200
    status = await client.get(f"/cau-hoi/{submitted.reference}", params={"token": submitted.token})
    assert "Đề nghị gửi bản chụp sổ đỏ." in status.text and "Gửi thông tin bổ sung" in status.text
    token = csrf_of(status.text)
    empty = await client.post(
        f"/cau-hoi/{submitted.reference}/bo-sung", data={"_csrf_token": token, "token": submitted.token, "reply": ""}
    )
    assert empty.status_code == 422 and "Hãy viết thông tin cơ quan đề nghị bổ sung." in empty.text
    sent = await client.post(
        f"/cau-hoi/{submitted.reference}/bo-sung",
        data={"_csrf_token": token, "token": submitted.token, "reply": "Tôi gửi kèm bản chụp."},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and "da_gui=1" in sent.headers["location"]
    assert parse_qs(urlparse(sent.headers["location"]).query)["token"] == [submitted.token]
    ticket = await ticket_of(database, submitted.reference)
    assert (ticket.status, ticket.paused_at) == ("in_progress", None)
    wrong = await client.post(
        f"/cau-hoi/{submitted.reference}/bo-sung", data={"_csrf_token": token, "token": "sai", "reply": "x"}
    )
    assert wrong.status_code == 404


async def test_html_and_script_are_refused_in_every_text_field(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    payload = '<script>alert("xss")</script>'
    page = await client.get("/gui-cau-hoi")
    asked = await client.post(
        "/gui-cau-hoi",
        data={**{k: str(v) for k, v in question_fields(title=payload, question=payload, name=payload).items()},
              "_csrf_token": csrf_of(page.text)},
    )  # fmt: skip
    # Beside each of the three fields, and in the summary above the form.
    assert asked.status_code == 422 and asked.text.count("Chỉ viết văn bản thường") == 6
    assert payload not in asked.text  # shown back escaped, never as markup
    reference = (await submit(database, tmp_path)).reference
    await log_in(client, "xd.cv")
    await act(client, reference, "accept")
    for action, field in [("note", "note"), ("draft", "answer"), ("request_info", "message")]:
        refused = await act(client, reference, action, **{field: f"Nội dung {payload}"})
        assert refused.status_code == 422 and "Chỉ viết văn bản thường" in refused.text, action
        assert payload not in refused.text


async def test_every_action_with_every_role_and_another_department(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    """Each role gets exactly the actions the permission table gives it; another department gets nothing."""
    from datetime import UTC, datetime

    from feedback import handling
    from feedback.models import Role, User
    from feedback.permissions import ROLE_ACTIONS, StaffAction, allowed_actions

    people["yt.tp"] = await add_staff(database, "yt.tp", "head", "SYT")
    people["quantri"] = await add_staff(database, "quantri", "admin")
    for username, user_id in people.items():
        await log_in(client, username)
        async with database.transaction() as session:
            user = await session.get_one(User, user_id)
        other_department = user.role in (Role.OFFICER, Role.HEAD) and username.startswith("yt.")
        inbox = await client.get("/can-bo/hop-thu")
        assert inbox.status_code == 200, username
        for action in StaffAction:
            submitted = await submit(database, tmp_path)
            async with database.transaction() as session:
                ticket = await handling.accept(session, submitted.ticket_id, actor_id=None, now=datetime.now(UTC))
                allowed = allowed_actions(user, ticket)
            page = await client.get(f"/can-bo/cau-hoi/{submitted.reference}")
            if other_department:
                assert page.status_code == 404, (username, action)
                response = await client.post(
                    f"/can-bo/cau-hoi/{submitted.reference}/{action}",
                    data={"_csrf_token": csrf_of(inbox.text), "version": "x"},
                )
                assert response.status_code == 404, (username, action)
                continue
            response = await act(client, submitted.reference, action)
            if action in allowed:
                assert action in ROLE_ACTIONS[user.role]
                assert response.status_code in (200, 422), (username, action, response.status_code)
            else:
                assert response.status_code == 403, (username, action, response.status_code)
                assert "Vai trò của bạn không được thực hiện thao tác này" in response.text
