"""A citizen may name the commune or ward as they know it: its current or former name, with or without marks, or
a code; an ambiguous or unknown name is said beside the field, with what was typed kept."""

from html import unescape

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback.areas.importing import import_province
from feedback.models import Ticket, User
from feedback.staff_view import staff_ticket
from notify.db import Database, utcnow
from routing.models import Area, Department
from tests.factories import add_staff, question_fields, submit
from tests.feedback.test_desk import _enter, _officer, _refusal
from tests.feedback.test_portal import as_form, form_token


async def asked_area(database: Database, reference: str) -> tuple[str, str | None]:
    """The area code a question was recorded with, and the department it went to."""
    async with database.transaction() as session:
        row = (
            await session.execute(
                sa.select(Area.code, Department.code)
                .select_from(Ticket)
                .join(Area, Area.id == Ticket.area_id)
                .outerjoin(Department, Department.id == Ticket.department_id)
                .where(Ticket.reference == reference)
            )
        ).one()
        return row[0], row[1]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Phường Nam Ngạn", "ham-rong"),  # merged wholly into Hàm Rồng on 1/7/2025
        ("phuong nam ngan", "ham-rong"),  # without marks
        ("Nam Ngạn", "ham-rong"),  # without the kind
        ("  PHƯỜNG   NAM NGẠN ", "ham-rong"),
        ("Phường Lam Sơn (nay là Phường Bỉm Sơn)", "bim-son"),  # the form's suggestion for a name two wards had
        ("ham rong", "ham-rong"),  # the current name without marks
        ("Phường Hàm Rồng", "ham-rong"),
        ("14758", "ham-rong"),  # the official code (also old Đông Thọ's: the current unit wins)
        ("14761", "ham-rong"),  # old Nam Ngạn's official code
        ("sam-son", "sam-son"),
    ],
)
async def test_a_question_names_its_commune_as_the_citizen_knows_it(
    client: AsyncTestClient, database: Database, typed: str, code: str
) -> None:
    response = await client.post("/api/v1/questions", json=question_fields(area=typed))
    assert response.status_code == 201, response.text
    assert (await asked_area(database, response.json()["reference"]))[0] == code


async def test_a_former_name_is_routed_as_the_unit_it_became(client: AsyncTestClient, database: Database) -> None:
    """The demo's rule sends beach questions from Sầm Sơn (``sam-son*``) to the culture and tourism department."""
    fields = question_fields(
        category="moi-truong",
        title="Rác trên bãi biển",
        question="Bãi biển gần nhà tôi có nhiều rác sau ngày lễ, đề nghị thu gom.",
        area="Phuong Truong Son",  # a ward of Sầm Sơn town before 1/7/2025
    )
    response = await client.post("/api/v1/questions", json=fields)
    assert response.status_code == 201, response.text
    assert await asked_area(database, response.json()["reference"]) == ("sam-son", "SVHTTDL")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "Phường Đông Thọ",  # split between Hàm Rồng and Hạc Thành
            "“Phường Đông Thọ” có thể là nhiều xã, phường: Phường Hàm Rồng, Phường Hạc Thành. "
            "Vui lòng chọn một đơn vị trong danh sách.",
        ),
        (
            "phuong lam son",  # two former wards of that name, now in Bỉm Sơn and Hạc Thành
            "“phuong lam son” có thể là nhiều xã, phường: Phường Bỉm Sơn, Phường Hạc Thành. "
            "Vui lòng chọn một đơn vị trong danh sách.",
        ),
        (
            "Xã Không Có Thật",
            "Không có xã, phường nào tên “Xã Không Có Thật”: vui lòng chọn trong danh sách (có thể nhập cả tên cũ "
            "trước ngày 01/7/2025).",
        ),
    ],
)
async def test_an_ambiguous_or_unknown_name_is_said_beside_the_field_and_kept(
    client: AsyncTestClient, database: Database, typed: str, message: str
) -> None:
    token = await form_token(client)
    response = await client.post("/gui-cau-hoi", data={**as_form(area=typed), "_csrf_token": token})
    assert response.status_code == 422
    page = unescape(response.text)
    assert f'<p class="field-error" id="area-error">{message}</p>' in page
    assert f'list="area-names" value="{typed}"' in page
    assert 'aria-describedby="area-hint area-error" aria-invalid="true"' in page
    async with database.transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Ticket)) == 0

    api = await client.post("/api/v1/questions", json=question_fields(area=typed))
    assert api.status_code == 422
    assert {"field": "area", "message": message} in [
        {k: e[k] for k in ("field", "message")} for e in api.json()["errors"]
    ] or message in api.text


async def test_the_form_suggests_current_and_former_names(client: AsyncTestClient) -> None:
    page = unescape((await client.get("/gui-cau-hoi")).text)
    assert '<datalist id="area-names">' in page
    assert '<option value="Phường Hàm Rồng">' in page
    assert '<option value="Phường Nam Ngạn (nay là Phường Hàm Rồng)">' in page
    assert '<option value="Phường Hàm Rồng (nay là Phường Hàm Rồng)">' not in page  # kept its name


async def test_staff_entering_a_call_may_use_a_former_name_too(database: Database, tmp_path) -> None:
    officer = await _officer(database)
    messages = await _refusal(database, officer, tmp_path, area="Phường Đông Thọ")
    assert messages["area"].startswith("“Phường Đông Thọ” có thể là nhiều xã, phường")
    entered = await _enter(database, officer, tmp_path, area="Xa Quang Minh")  # now Phường Nam Sầm Sơn
    assert (await asked_area(database, entered.reference))[0] == "nam-sam-son"


async def test_a_question_shows_the_unit_its_commune_became(database: Database, tmp_path) -> None:
    async with database.transaction() as session:
        old = Area(code="nam-ngan", name="Phường Nam Ngạn", official_code="14761", province_code="38")
        session.add(old)
    asked = await submit(database, tmp_path, area="nam-ngan")
    async with database.transaction() as session:
        await import_province(session, "38", now=utcnow())  # Nam Ngạn is no longer listed: ended into Hàm Rồng
    leader_id = await add_staff(database, "lanhdao", "leader")
    async with database.transaction() as session:
        leader = await session.get_one(User, leader_id)
        view = await staff_ticket(session, asked.reference, leader, now=utcnow())
    assert view.area.name == "Phường Hàm Rồng"
