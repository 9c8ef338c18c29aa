"""Two-step sign-in for staff: enrolment, the code after the password, recovery codes, an admin's reset, the audit trail."""

import re
from datetime import timedelta
from html import unescape

import pyotp
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.audit.models import AuditEntry
from feedback.models import User
from feedback.twofactor import services
from feedback.twofactor.models import TwoFactor
from notify.db import Database, utcnow
from tests.factories import SECOND_STEP, STAFF_PASSWORD, STAFF_TOTP_SECRET, add_staff, csrf_of, log_in

ENROL = "/can-bo/dang-nhap/dang-ky-xac-thuc"
SECRET_SHOWN = re.compile(r'<code id="secret" class="secret">([A-Z2-7 ]+)</code>')
RECOVERY = re.compile(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</code></li>")


@pytest.fixture
async def people(database: Database) -> dict[str, int]:
    return {
        "admin": await add_staff(database, "quantri", "admin"),
        "officer": await add_staff(database, "xd.cv", "officer", "SXD"),
    }


async def password_step(client: AsyncTestClient, username: str, next_path: str = "/can-bo"):
    page = await client.get("/can-bo/dang-nhap")
    return await client.post(
        "/can-bo/dang-nhap",
        data={"username": username, "password": STAFF_PASSWORD, "_csrf_token": csrf_of(page.text), "next": next_path},
    )


async def send_code(client: AsyncTestClient, code: str, path: str = SECOND_STEP):
    page = await client.get(path)
    return await client.post(path, data={"code": code, "_csrf_token": csrf_of(page.text)})


async def audit(database: Database) -> list[tuple[int | None, str, str]]:
    async with database.transaction() as session:
        rows = await session.execute(
            sa.select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.target).order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]


async def test_a_leader_without_a_second_factor_enrols_before_anything_else(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    async with database.transaction() as session:  # a leader created before two-step sign-in existed
        leader = User(username="lanhdao", full_name="Lãnh Đạo", role="leader", password_hash="x")
        session.add(leader)
        await session.flush()
        leader.password_hash = (await session.get(User, people["officer"])).password_hash
        leader_id = leader.id
    answer = await password_step(client, "lanhdao", "/can-bo/bang-dieu-khien")
    assert answer.url.path == ENROL
    page = unescape(answer.text)
    assert "Thiết lập xác thực hai bước" in page and "<svg" in page
    assert (await client.get("/can-bo/bang-dieu-khien")).url.path == "/can-bo/dang-nhap"  # not signed in yet

    secret = SECRET_SHOWN.search(answer.text).group(1).replace(" ", "")
    wrong = await send_code(client, "000000", ENROL)
    assert wrong.status_code == 422 and "Mã này không khớp" in unescape(wrong.text)
    shown = await send_code(client, pyotp.TOTP(secret).now(), ENROL)
    codes = RECOVERY.findall(shown.text)
    assert shown.status_code == 200 and len(set(codes)) == 10
    assert "chỉ hiển thị một lần" in unescape(shown.text)
    assert (await client.get("/can-bo/bang-dieu-khien")).url.path == "/can-bo/bang-dieu-khien"
    assert (None, "two_factor:enabled", f"user:{leader_id}") not in await audit(database)
    assert (leader_id, "two_factor:enabled", f"user:{leader_id}") in await audit(database)
    async with database.transaction() as session:
        stored = await session.get(TwoFactor, leader_id)
        assert stored.secret == secret  # and no recovery code in clear anywhere
        hashes = (await session.scalars(sa.text("select code_hash from recovery_code"))).all()
        assert not set(codes) & set(hashes)


async def test_the_second_step_takes_a_code_once_and_counts_wrong_ones_towards_the_lockout(
    client: AsyncTestClient, people: dict[str, int]
) -> None:
    answer = await password_step(client, "quantri", "/can-bo/ung-dung-ket-noi")
    assert answer.url.path == SECOND_STEP
    assert (await client.get("/can-bo/ung-dung-ket-noi")).url.path == "/can-bo/dang-nhap"
    wrong = await send_code(client, "123456")
    assert wrong.status_code == 422 and "Mã này sai, đã hết hạn hoặc đã được dùng" in unescape(wrong.text)
    code = pyotp.TOTP(STAFF_TOTP_SECRET).now()
    signed_in = await send_code(client, code)
    assert signed_in.url.path == "/can-bo/ung-dung-ket-noi"

    await client.post("/can-bo/dang-xuat", data={"_csrf_token": csrf_of(signed_in.text)})
    await password_step(client, "quantri")
    reused = await send_code(client, code)
    assert reused.status_code == 422
    for _ in range(3):  # with the two wrong codes above: five wrong attempts
        await send_code(client, "999999")
    locked = await send_code(client, "999999")
    assert locked.status_code == 429 and "bị khóa 15 phút" in unescape(locked.text)


async def test_a_recovery_code_works_once_and_is_recorded(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    async with database.transaction() as session:
        officer = await session.get(User, people["officer"])
        codes = await services.activate(session, officer, pyotp.random_base32(), now=utcnow())
    await password_step(client, "xd.cv")
    assert (await send_code(client, codes[0].upper())).url.path == "/can-bo/hop-thu"
    own = unescape((await client.get("/can-bo/xac-thuc-hai-buoc")).text)
    assert "Còn 9 mã khôi phục." in own
    await client.post("/can-bo/dang-xuat", data={"_csrf_token": csrf_of(own)})
    await password_step(client, "xd.cv")
    assert (await send_code(client, codes[0])).status_code == 422
    assert (people["officer"], "two_factor:recovery_code_used", f"user:{people['officer']}") in await audit(database)


async def test_an_officer_turns_it_off_but_an_admin_cannot(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    await log_in(client, "quantri")
    page = await client.get("/can-bo/xac-thuc-hai-buoc")
    assert "không thể tắt" in unescape(page.text) and "staff_two_factor_disable" not in page.text
    refused = await client.post(
        "/can-bo/xac-thuc-hai-buoc/tat",
        data={"code": pyotp.TOTP(STAFF_TOTP_SECRET).now(), "_csrf_token": csrf_of(page.text)},
    )
    assert refused.status_code == 409
    async with database.transaction() as session:
        assert await services.is_enrolled(session, people["admin"])

    secret = pyotp.random_base32()
    async with database.transaction() as session:
        await services.activate(
            session, await session.get(User, people["officer"]), secret, now=utcnow() - timedelta(minutes=5)
        )
    other = AsyncTestClient(app=client.app, base_url="http://portal.test")
    async with other:
        await password_step(other, "xd.cv")
        await send_code(other, pyotp.TOTP(secret).at(utcnow() - timedelta(seconds=30)))
        page = await other.get("/can-bo/xac-thuc-hai-buoc")
        off = await other.post(
            "/can-bo/xac-thuc-hai-buoc/tat", data={"code": pyotp.TOTP(secret).now(), "_csrf_token": csrf_of(page.text)}
        )
        assert "Đã tắt xác thực hai bước." in unescape(off.text)
    assert (people["officer"], "two_factor:disabled", f"user:{people['officer']}") in await audit(database)


async def test_an_admin_resets_a_second_factor_and_the_audit_trail_shows_it(
    client: AsyncTestClient, database: Database, people: dict[str, int]
) -> None:
    leader = await add_staff(database, "lanhdao", "leader")
    await log_in(client, "quantri")
    path = f"/can-bo/quan-tri/tai-khoan/{leader}/xac-thuc-hai-buoc"
    page = await client.get(path)
    assert "Lanhdao" in page.text and "Đang bật xác thực hai bước." in unescape(page.text)
    reset = await client.post(f"{path}/dat-lai", data={"_csrf_token": csrf_of(page.text)})
    assert "Đang tắt xác thực hai bước." in unescape(reset.text)
    assert (people["admin"], "two_factor:reset", f"user:{leader}") in await audit(database)

    trail = unescape((await client.get("/can-bo/quan-tri/nhat-ky")).text)
    assert "Quản trị viên đặt lại yếu tố thứ hai" in trail and f"user:{leader}" in trail and "quantri" in trail
    export = await client.get("/can-bo/quan-tri/nhat-ky.csv")
    assert export.headers["content-type"].startswith("text/csv")
    assert f"two_factor:reset,user:{leader}" in export.text and STAFF_TOTP_SECRET not in export.text

    leader_client = AsyncTestClient(app=client.app, base_url="http://portal.test")
    async with leader_client:
        assert (await password_step(leader_client, "lanhdao")).url.path == ENROL  # sets it up again


async def test_only_admins_reach_the_audit_trail_and_the_reset(client: AsyncTestClient, people: dict[str, int]) -> None:
    await log_in(client, "xd.cv")
    for path in (
        "/can-bo/quan-tri/nhat-ky",
        "/can-bo/quan-tri/nhat-ky.csv",
        f"/can-bo/quan-tri/tai-khoan/{people['admin']}/xac-thuc-hai-buoc",
    ):
        assert (await client.get(path)).status_code == 403, path
    assert (await client.get("/can-bo/quan-tri/nhat-ky?page=abc")).status_code == 403


async def test_the_second_step_is_not_reachable_without_the_password(
    client: AsyncTestClient, people: dict[str, int]
) -> None:
    assert (await client.get(SECOND_STEP)).url.path == "/can-bo/dang-nhap"
    assert (await client.get(ENROL)).url.path == "/can-bo/dang-nhap"


async def test_codes_of_the_next_and_previous_steps_are_accepted_once(
    database: Database, people: dict[str, int]
) -> None:
    secret, now = pyotp.random_base32(), utcnow()
    totp = pyotp.TOTP(secret)
    async with database.transaction() as session:
        user = await session.get(User, people["officer"])
        await services.activate(session, user, secret, now=now)
        await services.verify(session, user, totp.at(now - timedelta(seconds=30)), now=now)
        await services.verify(session, user, totp.at(now + timedelta(seconds=30)), now=now)
        with pytest.raises(services.CodeRefused):  # not later than the last accepted step
            await services.verify(session, user, totp.at(now), now=now)
        with pytest.raises(services.CodeRefused):  # outside the window
            await services.verify(session, user, totp.at(now + timedelta(seconds=90)), now=now)
