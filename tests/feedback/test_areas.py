"""The shipped register of communes and wards, its import (idempotent, ending what is no longer listed), the CLI
and the admins' page."""

import re
from collections import Counter
from html import unescape

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from litestar.testing import AsyncTestClient

from feedback.areas.importing import import_province
from feedback.areas.register import register
from feedback.audit.models import AuditEntry
from feedback.cli import main
from feedback.models import Ticket
from feedback.settings import get_settings
from notify.db import Database, utcnow
from routing.admin import AdminError
from routing.models import Area, AreaFormerName, AreaKind
from tests.factories import add_staff, log_in, submit

PAGE = "/can-bo/quan-tri/dia-ban"


def test_the_register_has_34_provinces_and_3321_communes_and_wards_with_official_codes() -> None:
    provinces = register().provinces
    assert len(provinces) == 34
    assert sum(len(p.units) for p in provinces) == 3321
    counts = {p.name: len(p.units) for p in provinces}
    assert counts["Tỉnh Thanh Hóa"] == 166
    assert counts["Thành phố Hà Nội"] == 126
    assert counts["Thành phố Hồ Chí Minh"] == 168
    assert all(re.fullmatch(r"\d{2}", p.code) for p in provinces)
    codes = [u.official_code for p in provinces for u in p.units]
    assert all(re.fullmatch(r"\d{5}", code) for code in codes) and len(set(codes)) == len(codes)
    kinds = Counter(u.kind for p in provinces for u in p.units)
    assert kinds == {AreaKind.COMMUNE: 2621, AreaKind.WARD: 687, AreaKind.SPECIAL_ZONE: 13}
    assert all(u.formed_from for p in provinces for u in p.units)  # every unit says what it was formed from


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("38", "Tỉnh Thanh Hóa"),
        ("Thanh Hoa", "Tỉnh Thanh Hóa"),
        ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("1", "Thành phố Hà Nội"),
    ],
)
def test_a_province_is_found_by_code_or_name(typed: str, name: str) -> None:
    found = register().find(typed)
    assert found is not None and found.name == name


async def areas(database: Database) -> dict[str, Area]:
    async with database.transaction() as session:
        return {a.code: a for a in await session.scalars(sa.select(Area))}


async def audit_actions(database: Database) -> list[tuple]:
    async with database.transaction() as session:
        return [
            tuple(r) for r in await session.execute(sa.select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.after))
        ]


async def test_importing_twice_changes_nothing(database: Database) -> None:
    """The reference data already imported Thanh Hóa: importing it again (by name) is a no-op, unrecorded."""
    before = await areas(database)
    async with database.transaction() as session:
        result = await import_province(session, "Thanh Hóa", now=utcnow())
    assert (result.added, result.updated, result.ended, result.unchanged) == (0, 0, 0, 166)
    after = await areas(database)
    assert {c: (a.id, a.name, a.official_code, a.active) for c, a in after.items()} == {
        c: (a.id, a.name, a.official_code, a.active) for c, a in before.items()
    }
    assert len(after) == 166 and await audit_actions(database) == []
    ham_rong = after["ham-rong"]
    assert (ham_rong.official_code, ham_rong.kind, ham_rong.province_code) == ("14758", AreaKind.WARD, "38")
    assert str(ham_rong.valid_from) == "2025-07-01" and ham_rong.valid_to is None
    async with database.transaction() as session:
        former = await session.scalars(sa.select(AreaFormerName.name).where(AreaFormerName.area_id == ham_rong.id))
        assert set(former) >= {"Phường Nam Ngạn", "Phường Đông Thọ", "Phường Đông Cương"}


async def test_a_unit_no_longer_listed_is_ended_and_its_questions_keep_it(database: Database, tmp_path) -> None:
    async with database.transaction() as session:
        # As if an older register had listed old Nam Ngạn ward (14761), since merged into Hàm Rồng,
        # and an unknown one; and as if Hàm Rồng's name had been mistyped.
        session.add(Area(code="nam-ngan", name="Phường Nam Ngạn", official_code="14761", province_code="38"))
        session.add(Area(code="mat-tich", name="Xã Mất Tích", official_code="99999", province_code="38"))
        ham_rong = await session.scalar(sa.select(Area).where(Area.code == "ham-rong"))
        ham_rong.name = "Phường Hàm Rồng Cũ"
    asked = await submit(database, tmp_path, area="nam-ngan")

    async with database.transaction() as session:
        result = await import_province(session, "38", now=utcnow())
    assert (result.added, result.updated, result.ended, result.unchanged) == (0, 1, 2, 165)
    now = await areas(database)
    assert now["ham-rong"].name == "Phường Hàm Rồng"
    nam_ngan = now["nam-ngan"]
    assert not nam_ngan.active and nam_ngan.valid_to is not None and nam_ngan.successor_id == now["ham-rong"].id
    assert not now["mat-tich"].active and now["mat-tich"].successor_id is None
    async with database.transaction() as session:
        ticket = await session.get(Ticket, asked.ticket_id)
        assert ticket.area_id == nam_ngan.id  # kept, never deleted
    assert await audit_actions(database) == [
        (None, "areas:imported", {"added": 0, "updated": 1, "ended": 2}),
    ]
    # The ended ward's code now means the unit that took it over.
    moved = await submit(database, tmp_path, area="nam-ngan")
    async with database.transaction() as session:
        assert (await session.get(Ticket, moved.ticket_id)).area_id == now["ham-rong"].id


async def test_a_second_province_gets_codes_of_its_own(database: Database) -> None:
    async with database.transaction() as session:
        result = await import_province(session, "Nghệ An", now=utcnow())
    assert result.added == len(register().find("40").units)
    loaded = await areas(database)
    assert len(loaded) == 166 + result.added
    assert Counter(a.province_code for a in loaded.values()) == {"38": 166, "40": result.added}
    assert loaded["ham-rong"].province_code == "38"  # the first province's codes are untouched


async def test_an_unknown_province_is_refused(database: Database) -> None:
    async with database.transaction() as session:
        with pytest.raises(AdminError, match="No province 'Atlantis'"):
            await import_province(session, "Atlantis", now=utcnow())


@pytest.fixture
def caunoi(tmp_path, monkeypatch):
    """`caunoi ARGS…` on a migrated, empty SQLite database."""
    monkeypatch.setenv("CAUNOI_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'areas.sqlite3'}")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args))

    assert run("db", "upgrade").exit_code == 0
    yield run
    get_settings.cache_clear()


def test_the_command_line_imports_lists_and_refuses_bad_input(caunoi) -> None:
    first = caunoi("areas", "import", "38")
    assert first.exit_code == 0, first.output
    assert (
        first.output.strip() == "Tỉnh Thanh Hóa: 166 added, 0 updated, 0 ended, 0 unchanged (563 former units known)."
    )
    again = caunoi("areas", "import", "thanh hoa")
    assert "0 added, 0 updated, 0 ended, 166 unchanged" in again.output
    listed = caunoi("areas", "list", "--name", "nam ngan")
    assert listed.exit_code == 0 and "14758" in listed.output and "Phường Hàm Rồng" in listed.output
    assert "Tỉnh Thanh Hóa" in caunoi("areas", "provinces").output
    for bad in ("Atlantis", "99", ""):
        refused = caunoi("areas", "import", bad)
        assert refused.exit_code == 1 and "No province" in refused.output, bad
    assert caunoi("areas", "import").exit_code == 2  # no province given


async def test_admins_see_the_units_with_their_former_names(client: AsyncTestClient, database: Database) -> None:
    await add_staff(database, "quantri", "admin")
    await add_staff(database, "dieuphoi", "coordinator", "VPUB")
    assert (await client.get(PAGE, follow_redirects=False)).status_code == 303  # to the login page
    await log_in(client, "quantri")
    page = await client.get(PAGE)
    assert page.status_code == 200
    text = unescape(page.text)
    assert "166 đơn vị đang dùng" in text and "caunoi areas import 38" in text
    found = unescape((await client.get(PAGE, params={"q": "nam ngan"})).text)
    assert "Phường Hàm Rồng" in found and "Phường Nam Ngạn (Thành phố Thanh Hóa)" in found and "14758" in found
    assert "Phường Sầm Sơn" not in found and "1 đơn vị đang dùng" in found
    assert "Không có xã, phường nào phù hợp." in unescape((await client.get(PAGE, params={"q": "zzz"})).text)

    client.cookies.clear()
    await log_in(client, "dieuphoi")
    assert (await client.get(PAGE)).status_code == 403
