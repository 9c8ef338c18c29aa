"""The staff workspace through the HTTP stack: login, the inbox, the ticket page and its actions."""

import asyncio
import re
import threading
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import redis
import sqlalchemy as sa
from argon2 import PasswordHasher
from litestar.testing import AsyncTestClient

from feedback.app import create_app
from feedback.models import Channel, Ticket
from feedback.settings import Settings
from notify.db import Database
from notify.models import Notification
from notify.settings import NotifySettings
from tests.conftest import REDIS_URL, unavailable
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


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests run at the same time, on the test's event loop. (Litestar's test
    client runs them one after the other, on a loop of its own.)"""
    app = create_app(settings)
    async with (
        app.lifespan(),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://portal.test", follow_redirects=True
        ) as client,
    ):
        yield client


@pytest.mark.parametrize("store", ["files", "redis"])
async def test_thirty_wrong_passwords_at_once_are_checked_five_times_at_most(
    settings: Settings, people: dict[str, int], store: str
) -> None:
    """The lockout holds against parallel requests: each attempt is counted before it is checked."""
    if store == "redis":
        settings = settings.model_copy(update={"notify": NotifySettings(redis_url=redis_url())})
    try:
        async with served(settings) as client:
            page = await client.get("/can-bo/dang-nhap")
            wrong = {"username": "xd.cv", "password": "sai-mat-khau", "_csrf_token": csrf_of(page.text)}
            answers = await asyncio.gather(*(client.post("/can-bo/dang-nhap", data=wrong) for _ in range(30)))
            # Four told "wrong", the fifth told "wrong, now locked"; the other 25 refused unchecked.
            assert Counter(answer.status_code for answer in answers) == {422: 4, 429: 26}
            assert (await log_in(client, "xd.cv")).status_code == 429  # the right password, too late
    finally:
        if store == "redis":  # the lock would outlive the test in the shared Redis
            redis.Redis.from_url(REDIS_URL).delete("caunoi_login_failures:login-failures:xd.cv")


async def test_passwords_are_checked_while_the_server_answers_other_requests(
    settings: Settings, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """argon2 runs in a worker thread: a login's password check does not hold up the event loop.

    The check below waits until ``/healthz`` has answered; on the event loop it would wait in
    vain (nothing else runs meanwhile), give up after 10 s and fail the login.
    """
    checking, healthz_answered = threading.Event(), threading.Event()
    real_verify = PasswordHasher.verify

    def verify_after_healthz(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
        checking.set()
        if not healthz_answered.wait(timeout=10):
            raise RuntimeError("/healthz did not answer while a password was being checked")
        return real_verify(hasher, password_hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", verify_after_healthz)
    async with served(settings) as client:
        login = asyncio.create_task(log_in(client, "xd.cv"))
        await asyncio.to_thread(checking.wait, 10)
        health = await client.get("/healthz")
        healthz_answered.set()
        signed_in = await login
    assert health.status_code == 200
    assert signed_in.status_code == 200 and signed_in.url.path == "/can-bo/hop-thu"


def redis_url() -> str:
    """The test Redis (skipped, or failed in CI, if it does not answer)."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError as exc:
        unavailable(f"Redis at {REDIS_URL} ({exc})")
    return REDIS_URL


def hold_session(client: AsyncTestClient, session_id: str) -> None:
    """The browser now sends ``session=session_id`` (and nothing else under that name)."""
    client.cookies.delete("session")
    client.cookies.set("session", session_id, domain="portal.test")


@pytest.mark.parametrize("planted", ["invented", "issued to the attacker"])
async def test_login_issues_a_new_session_id_whatever_the_browser_held(
    client: AsyncTestClient, people: dict[str, int], planted: str
) -> None:
    """Session fixation: an id planted in the victim's browser never becomes the victim's session."""
    if planted == "invented":
        attacker_id = "attackerchosen0123456789abcdef"
    else:  # the attacker's own valid session, planted in the victim's browser
        await log_in(client, "yt.cv")
        attacker_id = client.cookies["session"]
    page = await client.get("/can-bo/dang-nhap")
    hold_session(client, attacker_id)
    logged = await client.post(
        "/can-bo/dang-nhap",
        data={"username": "xd.cv", "password": "mat-khau-can-bo-2026", "_csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    issued = logged.cookies["session"]
    assert issued != attacker_id
    assert (await client.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 200  # under the new id

    hold_session(client, attacker_id)  # the attacker, holding only the planted id
    assert (await client.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 303

    hold_session(client, issued)
    inbox = await client.get("/can-bo/hop-thu")
    await client.post("/can-bo/dang-xuat", data={"_csrf_token": csrf_of(inbox.text)})
    hold_session(client, issued)  # a copy of the cookie kept from before the logout
    assert (await client.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 303


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
    assert "hạn chuyển đơn" in inbox.text  # the legal transfer window shows until the question is accepted
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
    assert asked.status_code == 422 and asked.text.count("bằng văn bản thường: không chấp nhận thẻ HTML") == 6
    assert payload not in asked.text  # shown back escaped, never as markup
    api = await client.post("/api/v1/questions", json=question_fields(question=payload, address=payload))
    assert api.status_code == 422 and {e["field"] for e in api.json()["errors"]} == {"question", "address"}

    submitted = await submit(database, tmp_path)
    reference = submitted.reference
    await log_in(client, "xd.tp")
    await act(client, reference, "accept")
    staff_fields = [
        ("note", {"note": payload}),
        ("draft", {"answer": payload}),
        ("submit", {"answer": payload}),
        ("request_info", {"message": payload}),
        ("extend", {"period": "2wd", "reason": payload}),
        ("transfer", {"department": "SYT", "reason": payload}),
        ("send_to_triage", {"reason": payload}),
        ("reject", {"reason": "spam", "explanation": payload}),
        ("request_input", {"departments": "SYT", "request": payload}),
    ]
    for action, fields in staff_fields:
        refused = await act(client, reference, action, **fields)
        assert refused.status_code == 422 and "Chỉ viết văn bản thường" in refused.text, action
        assert payload not in refused.text, action
    page = await client.get("/can-bo/mau-tra-loi")
    saved = await client.post(
        "/can-bo/mau-tra-loi", data={"_csrf_token": csrf_of(page.text), "title": payload, "body": payload}
    )
    assert saved.status_code == 422 and payload not in saved.text

    # Text that breaks out of an attribute without any tag is stored, and shown escaped everywhere.
    quote = '" autofocus onfocus="alert(1)'
    await act(client, reference, "note", note=quote)
    await act(client, reference, "request_info", message=quote)
    for url in (f"/can-bo/cau-hoi/{reference}", f"/cau-hoi/{reference}?token={submitted.token}"):
        shown = await client.get(url)
        assert quote not in shown.text and "&#34; autofocus onfocus=&#34;alert(1)" in shown.text, url
    status = await client.get(f"/cau-hoi/{reference}", params={"token": submitted.token})
    form = {"_csrf_token": csrf_of(status.text), "token": submitted.token}
    reply = await client.post(f"/cau-hoi/{reference}/bo-sung", data={**form, "reply": payload})
    assert reply.status_code == 422 and payload not in reply.text


async def test_every_action_with_every_role_and_another_department(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    """Each role gets exactly the actions the permission table gives it; another department gets nothing."""
    from datetime import UTC, datetime

    from feedback import handling
    from feedback.models import Role, User
    from feedback.permissions import ROLE_ACTIONS, StaffAction, allowed_actions, sight

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
                allowed = allowed_actions(user, ticket, await sight(session, user))
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


async def answered_by_department(client: AsyncTestClient, database: Database, tmp_path) -> tuple[str, str]:
    """A question of Sở Xây dựng, answered and approved through the pages; (reference, citizen's token)."""
    submitted = await submit(database, tmp_path)
    await log_in(client, "xd.cv")
    await act(client, submitted.reference, "accept")
    await act(client, submitted.reference, "submit", answer="Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.")
    await log_in(client, "xd.tp")
    await act(client, submitted.reference, "approve")
    return submitted.reference, submitted.token


async def test_coordination_between_departments(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    reference = (await submit(database, tmp_path)).reference
    await log_in(client, "xd.cv")
    await act(client, reference, "accept")
    await log_in(client, "xd.tp")
    refused = await act(client, reference, "request_input", request="Cho ý kiến", departments="")
    assert refused.status_code == 422
    asked = await act(
        client, reference, "request_input", request="Đề nghị cho ý kiến về quy hoạch y tế.", departments="SYT"
    )
    assert asked.status_code == 200 and "Phối hợp" in asked.text and "Đang chờ" in asked.text

    await log_in(client, "yt.cv")
    inbox = await client.get("/can-bo/hop-thu")
    assert "Đề nghị phối hợp từ cơ quan khác" in inbox.text and reference in inbox.text
    link = re.search(r'href="(/can-bo/phoi-hop/\d+)"', inbox.text).group(1)
    page = await client.get(link)
    assert "Đề nghị cho ý kiến về quy hoạch y tế." in page.text
    replied = await client.post(link, data={"_csrf_token": csrf_of(page.text), "reply": "Sở Y tế thống nhất."})
    assert replied.status_code == 200 and "Sở Y tế thống nhất." in replied.text
    again = await client.post(link, data={"_csrf_token": csrf_of(page.text), "reply": "Lần hai"})
    assert "Sở Y tế thống nhất." in again.text and "Lần hai" not in again.text  # the form is gone; nothing changed

    await log_in(client, "xd.cv")
    lead = await client.get(f"/can-bo/cau-hoi/{reference}")
    assert "Nhận ý kiến phối hợp của Sở Y tế" in lead.text and "Sở Y tế thống nhất." in lead.text
    await log_in(client, "dieuphoi")
    assert (await client.get(link)).status_code == 200  # coordinators see every department's work


async def test_saved_replies_start_a_draft(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    reference = (await submit(database, tmp_path)).reference
    await log_in(client, "xd.cv")
    page = await client.get("/can-bo/mau-tra-loi")
    refused = await client.post(
        "/can-bo/mau-tra-loi", data={"_csrf_token": csrf_of(page.text), "title": "Mẫu", "body": "Nội dung"}
    )
    assert refused.status_code == 403  # officers use saved replies; heads write them
    await log_in(client, "xd.tp")
    page = await client.get("/can-bo/mau-tra-loi")
    empty = await client.post("/can-bo/mau-tra-loi", data={"_csrf_token": csrf_of(page.text), "title": "", "body": ""})
    assert empty.status_code == 422
    await client.post(
        "/can-bo/mau-tra-loi",
        data={"_csrf_token": csrf_of(page.text), "title": "Hồ sơ cấp phép xây dựng",
              "body": "Hồ sơ đề nghị cấp giấy phép xây dựng gồm: đơn, bản vẽ, giấy tờ đất."},
    )  # fmt: skip
    await log_in(client, "xd.cv")
    await act(client, reference, "accept")
    ticket_page = await client.get(f"/can-bo/cau-hoi/{reference}")
    reply_id = re.search(r'<option value="(\d+)">Hồ sơ cấp phép xây dựng</option>', ticket_page.text).group(1)
    started = await client.get(f"/can-bo/cau-hoi/{reference}", params={"mau": reply_id})
    assert ">Hồ sơ đề nghị cấp giấy phép xây dựng gồm: đơn, bản vẽ, giấy tờ đất.</textarea>" in started.text


async def test_the_citizen_rates_and_asks_a_follow_up(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    reference, token = await answered_by_department(client, database, tmp_path)
    status = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "Đánh giá câu trả lời" in status.text and "Hỏi thêm" in status.text
    form = {"_csrf_token": csrf_of(status.text), "token": token}
    bad = await client.post(f"/cau-hoi/{reference}/danh-gia", data={**form, "rating": "9"})
    assert bad.status_code == 422 and "Hãy chọn mức đánh giá từ 1 đến 5." in bad.text
    # Beside its field too, which points to it, not only in the summary at the top.
    assert '<p class="field-error" id="rating-error">Hãy chọn mức đánh giá từ 1 đến 5.</p>' in bad.text
    assert '<fieldset id="rating" aria-describedby="rating-error">' in bad.text
    empty = await client.post(f"/cau-hoi/{reference}/hoi-tiep", data={**form, "follow_up": " "})
    assert empty.status_code == 422 and 'id="follow_up-error"' in empty.text
    assert 'aria-invalid="true" aria-describedby="follow_up-hint follow_up-error"' in empty.text
    good = await client.post(f"/cau-hoi/{reference}/danh-gia", data={**form, "rating": "4", "comment": "Rõ ràng"})
    assert "Cảm ơn bạn đã đánh giá câu trả lời." in good.text
    twice = await client.post(f"/cau-hoi/{reference}/danh-gia", data={**form, "rating": "1"})
    assert twice.status_code == 422
    ticket = await ticket_of(database, reference)
    assert (ticket.rating, ticket.rating_comment) == (4, "Rõ ràng")

    asked = await client.post(f"/cau-hoi/{reference}/hoi-tiep", data={**form, "follow_up": "Bản vẽ có cần công chứng?"})
    assert "Câu hỏi thêm đã được gửi đến cơ quan" in asked.text
    ticket = await ticket_of(database, reference)
    assert ticket.status == "reopened" and ticket.answer_due_at > ticket.routed_at and ticket.answered_at is None
    async with database.transaction() as session:
        notes = await session.execute(
            sa.select(Notification.kind, Notification.recipient).where(
                Notification.kind.in_(("follow_up", "citizen_reopened"))
            )
        )
    assert dict(notes.all()) == {
        "follow_up": f"department:{ticket.department_id}",  # the department's inbox has it again
        "citizen_reopened": f"citizen:{ticket.id}",  # and the citizen hears it was taken, with the new deadline
    }


async def test_a_follow_up_after_the_window_is_refused(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    from datetime import timedelta

    reference, token = await answered_by_department(client, database, tmp_path)
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket).where(Ticket.reference == reference))
        ticket.answered_at = ticket.answered_at - timedelta(days=31)
    status = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    assert "Hỏi thêm" not in status.text  # the form is no longer offered
    late = await client.post(
        f"/cau-hoi/{reference}/hoi-tiep",
        data={"_csrf_token": csrf_of(status.text), "token": token, "follow_up": "Còn một câu nữa"},
    )
    assert late.status_code == 422 and "Đã hết thời gian hỏi thêm" in late.text
    assert (await ticket_of(database, reference)).status == "answered"


async def test_the_coordinator_edits_the_public_wording_then_unpublishes(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    reference, _ = await answered_by_department(client, database, tmp_path)
    await log_in(client, "dieuphoi")
    edited = await act(
        client, reference, "redact", public_title="Hồ sơ cấp phép xây dựng nhà ở",
        public_body="Gia đình tôi muốn xây nhà 3 tầng. Xin hỏi cần hồ sơ gì?",
    )  # fmt: skip
    assert edited.status_code == 200
    public = await client.get(f"/hoi-dap/{reference}")
    assert "Hồ sơ cấp phép xây dựng nhà ở" in public.text and "phường Hạc Thành" not in public.text
    removed = await act(client, reference, "unpublish", reason="Công dân đề nghị gỡ")
    assert removed.status_code == 200 and "Đã gỡ khỏi trang hỏi đáp công khai" in removed.text
    assert (await client.get(f"/hoi-dap/{reference}")).status_code == 404


async def test_a_deactivated_account_is_signed_out_at_once(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    from feedback.accounts import update_user

    await log_in(client, "xd.cv")
    assert (await client.get("/can-bo/hop-thu")).status_code == 200
    async with database.transaction() as session:
        await update_user(session, "xd.cv", active=False)
    assert (await client.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 303
    assert (await log_in(client, "xd.cv")).status_code == 422


async def test_a_duplicate_is_answered_with_the_original_answer(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    original, _ = await answered_by_department(client, database, tmp_path)
    again = await submit(database, tmp_path)
    await log_in(client, "xd.tp")
    unknown = await act(client, again.reference, "link_duplicate", duplicate_of="2026-999999")
    assert unknown.status_code == 422 and "đã được trả lời" in unknown.text
    linked = await act(client, again.reference, "link_duplicate", duplicate_of=original)
    assert linked.status_code == 200
    ticket = await ticket_of(database, again.reference)
    assert (ticket.status, ticket.answer_text, ticket.published_at) == (
        "answered", "Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.", None
    )  # fmt: skip
    status = await client.get(f"/cau-hoi/{again.reference}", params={"token": again.token})
    assert f"câu trả lời đã có cho câu hỏi {original}" in status.text
    assert "Hồ sơ gồm đơn đề nghị và bản vẽ thiết kế." in status.text


async def test_sessions_live_in_redis_in_production(database: Database, tmp_path, people: dict[str, int]) -> None:
    """With CAUNOI_REDIS_URL, staff sessions and failed logins are in Redis, shared by every process."""
    import redis.asyncio as aioredis

    from feedback.app import create_app
    from feedback.settings import Settings
    from tests.conftest import REDIS_URL, unavailable

    redis = aioredis.from_url(REDIS_URL)
    try:
        await redis.ping()
    except OSError as exc:
        unavailable(f"Redis at {REDIS_URL} ({exc})")
    settings = Settings(
        database_url=database.url, data_dir=tmp_path, base_url="http://portal.test", notify={"redis_url": REDIS_URL}
    )
    try:
        before = set(await redis.keys("caunoi_sessions*"))
        async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
            await log_in(client, "xd.cv")
            inbox = await client.get("/can-bo/hop-thu")
            assert inbox.status_code == 200
            created = set(await redis.keys("caunoi_sessions*")) - before
            assert len(created) == 1
            await client.post("/can-bo/dang-xuat", data={"_csrf_token": csrf_of(inbox.text)})
            assert not set(await redis.keys("caunoi_sessions*")) & created  # logging out deletes it
            assert (await client.get("/can-bo/hop-thu", follow_redirects=False)).status_code == 303
    finally:
        await redis.aclose()


async def test_files_with_the_answer_reach_the_citizen_and_the_public(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    from tests.factories import pdf_bytes, png_bytes

    page = await client.get("/gui-cau-hoi")
    asked = await client.post(
        "/gui-cau-hoi",
        data={
            **{k: str(v) for k, v in question_fields().items()},
            "publish": "true",
            "_csrf_token": csrf_of(page.text),
        },
        files={"files": ("ban-ve.png", png_bytes(), "image/png")},
        follow_redirects=False,
    )
    location = asked.headers["location"]
    reference = location.split("/cau-hoi/")[1].split("?")[0]
    token = parse_qs(urlparse(location).query)["token"][0]

    await log_in(client, "xd.cv")
    await act(client, reference, "accept")
    ticket_page = await client.get(f"/can-bo/cau-hoi/{reference}")
    form = {"_csrf_token": csrf_of(ticket_page.text), "version": VERSION.search(ticket_page.text).group(1)}
    wrong = await client.post(
        f"/can-bo/cau-hoi/{reference}/submit",
        data={**form, "answer": "Xem mẫu đơn đính kèm."},
        files={"files": ("mau-don.pdf", b"not a pdf", "application/pdf")},
    )
    assert wrong.status_code == 422 and "mau-don.pdf" in wrong.text and "Xem mẫu đơn đính kèm." in wrong.text
    sent = await client.post(
        f"/can-bo/cau-hoi/{reference}/submit",
        data={**form, "answer": "Xem mẫu đơn đính kèm."},
        files={"files": ("mau-don.pdf", pdf_bytes(), "application/pdf")},
    )
    assert sent.status_code == 200 and "mau-don.pdf" in sent.text
    await log_in(client, "xd.tp")
    await act(client, reference, "approve")

    status = await client.get(f"/cau-hoi/{reference}", params={"token": token})
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+\.(?:pdf|png))</a>', status.text))
    by_name = {name: href.replace("&amp;", "&") for href, name in links.items()}
    assert set(by_name) == {"mau-don.pdf", "ban-ve.png"}
    download = await client.get(by_name["mau-don.pdf"])
    assert download.status_code == 200 and download.content == pdf_bytes()
    assert download.headers["content-disposition"].startswith("attachment")
    assert (await client.get(by_name["mau-don.pdf"].replace(token, "sai"))).status_code == 404

    public = await client.get(f"/hoi-dap/{reference}")
    public_link = re.search(r'href="(/hoi-dap/[^"]+/tep/\d+)">mau-don.pdf', public.text).group(1)
    assert (await client.get(public_link)).content == pdf_bytes()
    assert "ban-ve.png" not in public.text  # the citizen's own files never go public
    question_file = by_name["ban-ve.png"].split("/tep/")[1].split("?")[0]
    assert (await client.get(f"/hoi-dap/{reference}/tep/{question_file}")).status_code == 404


async def test_every_page_with_every_role_and_another_department(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    """Reading routes: who gets the page, who gets 404 (we do not say the question exists), who must log in."""
    from feedback import coordination, handling
    from feedback.models import Attachment
    from notify.db import utcnow
    from routing.models import Department
    from tests.factories import png_bytes

    async def department_id(session, code: str) -> int:
        return await session.scalar(sa.select(Department.id).where(Department.code == code))

    people["yt.tp"] = await add_staff(database, "yt.tp", "head", "SYT")
    people["quantri"] = await add_staff(database, "quantri", "admin")
    page = await client.get("/gui-cau-hoi")
    asked = await client.post(
        "/gui-cau-hoi",
        data={**{k: str(v) for k, v in question_fields().items()}, "_csrf_token": csrf_of(page.text)},
        files={"files": ("ban-ve.png", png_bytes(), "image/png")},
        follow_redirects=False,
    )
    reference = asked.headers["location"].split("/cau-hoi/")[1].split("?")[0]
    async with database.transaction() as session:
        ticket = await session.scalar(sa.select(Ticket).where(Ticket.reference == reference))
        file_id = await session.scalar(sa.select(Attachment.id).where(Attachment.ticket_id == ticket.id))
        await handling.accept(session, ticket.id, actor_id=None, now=utcnow())
        [subtask] = await coordination.request_input(
            session, ticket.id, department_ids=[await department_id(session, "SYT")], request="Ý kiến?",
            actor_id=None, now=utcnow(),
        )  # fmt: skip
    routes = {
        "inbox": "/can-bo/hop-thu",
        "ticket": f"/can-bo/cau-hoi/{reference}",
        "file": f"/can-bo/tep/{file_id}",
        "subtask": f"/can-bo/phoi-hop/{subtask.id}",
        "saved": "/can-bo/mau-tra-loi",
        "outbox": "/can-bo/thong-bao",
        "dashboard": "/can-bo/bang-dieu-khien",
        "overdue": "/can-bo/bang-dieu-khien/qua-han",
    }
    for name, url in routes.items():
        response = await client.get(url, follow_redirects=False)
        assert response.status_code == 303 and "/can-bo/dang-nhap" in response.headers["location"], name
    expected = {  # 200, 403 or 404 per user and route
        "xd.cv": {"inbox": 200, "ticket": 200, "file": 200, "subtask": 404, "saved": 200, "outbox": 403},
        "xd.tp": {"inbox": 200, "ticket": 200, "file": 200, "subtask": 404, "saved": 200, "outbox": 403},
        "yt.cv": {"inbox": 200, "ticket": 404, "file": 404, "subtask": 200, "saved": 200, "outbox": 403},
        "yt.tp": {"inbox": 200, "ticket": 404, "file": 404, "subtask": 200, "saved": 200, "outbox": 403},
        "dieuphoi": {"inbox": 200, "ticket": 200, "file": 200, "subtask": 200, "saved": 200, "outbox": 200},
        "lanhdao": {"inbox": 200, "ticket": 200, "file": 200, "subtask": 200, "saved": 404, "outbox": 403},
        "quantri": {"inbox": 200, "ticket": 200, "file": 200, "subtask": 200, "saved": 404, "outbox": 200},
    }
    watchers = {"xd.tp", "yt.tp", "dieuphoi", "lanhdao", "quantri"}  # heads see their own department
    for username, codes in expected.items():
        codes.update(dict.fromkeys(("dashboard", "overdue"), 200 if username in watchers else 403))
    for username, codes in expected.items():
        await log_in(client, username)
        got = {name: (await client.get(url)).status_code for name, url in routes.items()}
        assert got == codes, username


NOTICE = re.compile(r'<div class="notice notice-success" role="status"><p>([^<]*)</p></div>')


def notices(html: str) -> list[str]:
    """The messages at the top of a staff page, as shown (entities decoded)."""
    from html import unescape

    return [unescape(text) for text in NOTICE.findall(html)]


async def test_an_action_that_takes_the_question_away_lands_on_the_inbox_and_says_what_happened(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    """Transferred, sent back to triage or rejected, the question is no page of the officer's any more: not a 404."""
    transferred, sent_back, rejected = [(await submit(database, tmp_path)).reference for _ in range(3)]
    await log_in(client, "xd.cv")
    landed = await act(client, transferred, "transfer", department="STC", reason="Thuộc thẩm quyền Sở Tài chính.")
    assert (landed.status_code, landed.url.path) == (200, "/can-bo/hop-thu")
    assert notices(landed.text) == [f"Đã chuyển câu hỏi {transferred} cho Sở Tài chính."]
    assert (await ticket_of(database, transferred)).status == "assigned"
    assert (await client.get(f"/can-bo/cau-hoi/{transferred}")).status_code == 404  # indeed no longer theirs

    landed = await act(client, sent_back, "send_to_triage", reason="Không rõ cơ quan nào có thẩm quyền.")
    assert (landed.status_code, landed.url.path) == (200, "/can-bo/hop-thu")
    assert notices(landed.text) == [f"Đã trả câu hỏi {sent_back} về Văn phòng UBND tỉnh để phân loại."]

    await log_in(client, "xd.tp")
    landed = await act(client, rejected, "reject", reason="spam", explanation="Nội dung không phải câu hỏi.")
    assert (landed.status_code, landed.url.path) == (200, "/can-bo/hop-thu")
    assert notices(landed.text) == [f"Đã không tiếp nhận câu hỏi {rejected}; công dân được thông báo lý do."]
    again = await client.get("/can-bo/hop-thu")
    assert notices(again.text) == []  # said once

    await log_in(client, "dieuphoi")  # the coordinator still sees what they send on: they stay on its page
    landed = await act(client, sent_back, "route", department="SXD")
    assert (landed.status_code, landed.url.path) == (200, f"/can-bo/cau-hoi/{sent_back}")
    assert notices(landed.text) == [f"Đã chuyển câu hỏi {sent_back} đến Sở Xây dựng."]


async def test_every_action_says_what_it_did(
    client: AsyncTestClient, database: Database, tmp_path, people: dict[str, int]
) -> None:
    """One message per action, naming what changed (no bare "Đã thực hiện.")."""
    from feedback import handling
    from feedback.i18n import local_datetime
    from feedback.permissions import StaffAction
    from notify.db import utcnow

    submitted = await submit(database, tmp_path, address="12 Lê Lợi, phường Hạc Thành")  # the answer is posted too
    ref = submitted.reference
    duplicate = (await submit(database, tmp_path)).reference
    said: dict[StaffAction, list[str]] = {}

    async def do(user: str, action: StaffAction, reference: str = ref, **fields: str) -> None:
        await log_in(client, user)
        response = await act(client, reference, action, **fields)
        assert response.status_code == 200, (action, response.text)
        said[action] = notices(response.text)

    await do("xd.cv", StaffAction.ACCEPT)
    await do("xd.cv", StaffAction.NOTE, note="Đã gọi điện cho công dân.")
    await do("xd.tp", StaffAction.ASSIGN, assignee=str(people["xd.cv"]))
    await do("xd.tp", StaffAction.EXTEND, period="2wd", reason="Cần xác minh thực địa.")
    due = local_datetime((await ticket_of(database, ref)).answer_due_at)
    page = (await client.get(f"/can-bo/cau-hoi/{ref}")).text
    assert "Cách tính hạn trả lời" in page and "Gia hạn thêm 2 ngày làm việc" in page
    assert f"Hạn trả lời: {due}." in page
    await do("xd.tp", StaffAction.REQUEST_INPUT, departments="SYT", request="Đề nghị cho ý kiến.")
    await do("xd.cv", StaffAction.REQUEST_INFO, message="Đề nghị gửi bản chụp sổ đỏ.")
    async with database.transaction() as session:
        await handling.citizen_replied(session, submitted.ticket_id, text="Tôi gửi kèm.", now=utcnow())
    await do("xd.cv", StaffAction.DRAFT, answer="Hồ sơ gồm đơn đề nghị.")
    await do("xd.cv", StaffAction.SUBMIT, answer="Hồ sơ gồm đơn đề nghị.")
    await do("xd.tp", StaffAction.RETURN, comment="Bổ sung căn cứ pháp lý.")
    await do("xd.cv", StaffAction.SUBMIT, answer="Hồ sơ gồm đơn đề nghị, theo Nghị định 175/2024.")
    await do("xd.tp", StaffAction.APPROVE)
    await do("dieuphoi", StaffAction.REDACT, public_title="Hồ sơ cấp phép xây dựng", public_body="Cần hồ sơ gì?")
    await do("dieuphoi", StaffAction.UNPUBLISH, reason="Công dân đề nghị gỡ.")
    await do("xd.cv", StaffAction.RECORD_POSTED, posted_on=local_datetime(utcnow(), "%Y-%m-%d"))
    await do("xd.tp", StaffAction.LINK_DUPLICATE, duplicate, duplicate_of=ref)
    others = [(await submit(database, tmp_path)).reference for _ in range(3)]
    await do("xd.cv", StaffAction.TRANSFER, others[0], department="STC", reason="Thuộc Sở Tài chính.")
    await do("xd.cv", StaffAction.SEND_TO_TRIAGE, others[1], reason="Không rõ thẩm quyền.")
    await do("dieuphoi", StaffAction.ROUTE, others[1], department="SYT")
    await do("xd.tp", StaffAction.REJECT, others[2], reason="out_of_scope", explanation="Không thuộc thẩm quyền tỉnh.")
    peer_id, received = await _peer_and_received(database, tmp_path)
    ours = (await submit(database, tmp_path)).reference
    await do("xd.cv", StaffAction.FORWARD, ours, service=f"{peer_id}:thue", reason="Thuộc thẩm quyền của Bộ.")
    await do("xd.tp", StaffAction.CANCEL_FORWARD, ours)
    await do("xd.cv", StaffAction.SEND_BACK, received, reason="Không thuộc thẩm quyền của tỉnh.")

    assert said == {
        StaffAction.ACCEPT: [f"Đã tiếp nhận câu hỏi {ref}: cơ quan bạn sẽ trả lời câu hỏi này."],
        StaffAction.NOTE: ["Đã lưu ghi chú nội bộ."],
        StaffAction.ASSIGN: [f"Đã giao câu hỏi {ref} cho Xd Cv."],
        StaffAction.EXTEND: [f"Đã gia hạn trả lời câu hỏi {ref} đến {due}."],
        StaffAction.REQUEST_INPUT: [f"Đã đề nghị Sở Y tế cho ý kiến phối hợp về câu hỏi {ref}."],
        StaffAction.REQUEST_INFO: ["Đã gửi đề nghị bổ sung thông tin cho công dân; hạn trả lời tạm dừng."],
        StaffAction.DRAFT: ["Đã lưu bản nháp câu trả lời."],
        StaffAction.SUBMIT: [f"Đã trình lãnh đạo duyệt câu trả lời câu hỏi {ref}."],
        StaffAction.RETURN: ["Đã trả lại câu trả lời để chỉnh sửa."],
        StaffAction.APPROVE: [f"Đã duyệt câu trả lời câu hỏi {ref} và gửi cho công dân."],
        StaffAction.REDACT: [f"Đã lưu nội dung công khai của câu hỏi {ref}."],
        StaffAction.UNPUBLISH: [f"Đã gỡ câu hỏi {ref} khỏi trang hỏi đáp công khai."],
        StaffAction.RECORD_POSTED: [f"Đã ghi nhận câu trả lời của câu hỏi {ref} được gửi qua bưu điện."],
        StaffAction.LINK_DUPLICATE: [f"Đã trả lời câu hỏi {duplicate} bằng câu trả lời của câu hỏi {ref}."],
        StaffAction.TRANSFER: [f"Đã chuyển câu hỏi {others[0]} cho Sở Tài chính."],
        StaffAction.SEND_TO_TRIAGE: [f"Đã trả câu hỏi {others[1]} về Văn phòng UBND tỉnh để phân loại."],
        StaffAction.ROUTE: [f"Đã chuyển câu hỏi {others[1]} đến Sở Y tế."],
        StaffAction.REJECT: [f"Đã không tiếp nhận câu hỏi {others[2]}; công dân được thông báo lý do."],
        StaffAction.FORWARD: [
            f"Câu hỏi {ours} đang được chuyển đến Cổng TTĐT Bộ Tài chính; trang này sẽ cho biết khi cổng đó tiếp nhận."
        ],
        StaffAction.CANCEL_FORWARD: [f"Đã hủy chuyển câu hỏi {ours}: câu hỏi đã về bộ phận phân loại."],
        StaffAction.SEND_BACK: [f"Đã trả câu hỏi {received} về Cổng TTĐT Bộ Tài chính."],
    }
    assert set(said) == set(StaffAction)


async def _peer_and_received(database: Database, tmp_path) -> tuple[int, str]:
    """A peer portal, and a question it forwarded to us (for Sở Xây dựng): its id, and the question's reference."""
    from feedback.federation.models import Received
    from feedback.federation.peers import add_peer
    from feedback.open311.keys import add_client

    async with database.transaction() as session:
        app, _ = await add_client(session, "Cổng TTĐT Bộ Tài chính")
        peer = await add_peer(
            session,
            name="Cổng TTĐT Bộ Tài chính",
            url="https://hoidap.mof.gov.vn/open311/v2",
            key="khoa-cua-tinh",
            secret="bí-mật-chung-đủ-dài",
            client_id=app.id,
        )
        peer.services = [{"code": "thue", "name": "Thuế", "group": ""}]
    forwarded = await submit(database, tmp_path)
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, forwarded.ticket_id)
        ticket.channel, ticket.client_id = Channel.PEER, app.id
        session.add(Received(ticket_id=ticket.id, peer_id=peer.id, their_reference="2026-000001", idempotency_key="k1"))
    return peer.id, forwarded.reference


async def test_a_page_the_role_may_not_open_says_so_in_the_staff_layout(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    """Not "this question" on a page without one, and the staff menu rather than the public one."""
    await log_in(client, "xd.cv")
    for url in ("/can-bo/thong-bao", "/can-bo/bang-dieu-khien", "/can-bo/bang-dieu-khien/qua-han"):
        page = await client.get(url)
        assert page.status_code == 403, url
        assert "Vai trò của bạn không được truy cập trang này." in page.text, url
        assert "câu hỏi này" not in page.text, url
        assert 'class="staff-nav"' in page.text and "Xd Cv" in page.text and "Đăng xuất" in page.text, url
        assert 'class="site-nav"' not in page.text, url
        assert 'href="/can-bo">Quay lại trang làm việc</a>' in page.text, url
