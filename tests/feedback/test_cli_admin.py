"""`caunoi rules | policy | calendar | sla preview` as an admin or an operator uses them."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from feedback.cli import main
from feedback.intake import receive_question
from feedback.models import Channel, Ticket
from feedback.settings import get_settings
from notify.db import Database
from routing.models import CalendarOverride, CategoryAttribute, RoutingRule, SlaPolicy
from tests.factories import question_fields


@pytest.fixture
def caunoi(tmp_path, monkeypatch) -> Iterator[tuple[callable, str]]:
    """`caunoi ARGS…` on a migrated SQLite database holding the demo data."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'admin.sqlite3'}"
    monkeypatch.setenv("CAUNOI_DATABASE_URL", url)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args))

    assert run("db", "upgrade").exit_code == 0
    assert run("demo", "load").exit_code == 0
    yield run, url
    get_settings.cache_clear()


def query(url: str, statement: sa.Select) -> list:
    async def go() -> list:
        database = Database(url)
        try:
            async with database.transaction() as session:
                return list(await session.scalars(statement))
        finally:
            await database.dispose()

    return asyncio.run(go())


def count(url: str, model: type) -> int:
    return query(url, sa.select(sa.func.count()).select_from(model))[0]


def test_rules_are_added_listed_and_removed_and_bad_ones_refused(caunoi) -> None:
    run, url = caunoi
    before = count(url, RoutingRule)
    for args, message in [
        (["--department", "KHONGCO", "--keyword", "cầu"], "no active department with code 'KHONGCO'"),
        (["--department", "SXD", "--category", "khong-co", "--keyword", "cầu"], "no category with code 'khong-co'"),
        (["--department", "SXD"], "a rule needs at least one condition"),
        (["--department", "SXD", "--area", "sam*son"], "may end with '*' but not contain one"),
    ]:
        refused = run("rules", "add", *args)
        assert refused.exit_code == 1 and message in refused.output, refused.output
    assert count(url, RoutingRule) == before

    added = run("rules", "add", "--department", "SXD", "--area", "sam-son*", "--keyword", "Cầu Đường")
    assert added.exit_code == 0, added.output
    rule_id = added.output.split("#")[1].strip()
    listed = run("rules", "list").output
    assert f"#{rule_id}" in listed and "area=sam-son* keywords=Cầu Đường -> SXD" in listed
    assert run("rules", "remove", rule_id).exit_code == 0
    assert count(url, RoutingRule) == before
    assert "no routing rule with id" in run("rules", "remove", rule_id).output


def test_policies_keep_their_units_and_absurd_ones_are_refused(caunoi) -> None:
    run, url = caunoi
    before = count(url, SlaPolicy)  # the demo's
    for args, message in [
        (["--answer", "0wd"], "out of range"),
        (["--answer", "ten days"], "is not a period"),
        (["--accept", "12wd", "--answer", "10wd"], "must be shorter than the time to answer"),
        (["--warning", "1.5"], "warning point"),
        (["--ladder", "1:head:2,2:leadership:1"], "comes earlier than level 1"),
        (["--ladder", "1:mayor:0"], "is not a step"),
        (["--category", "khong-co"], "no category"),
    ]:
        refused = run("policy", "set", *args)
        assert refused.exit_code == 1 and message in refused.output, (args, refused.output)
    assert count(url, SlaPolicy) == before

    legal = run("policy", "set", "--category", "thu-tuc-hanh-chinh", "--answer", "15cd", "--accept", "8wh")
    assert legal.exit_code == 0, legal.output
    urgent = run("policy", "set", "--priority", "high", "--answer", "5wd", "--accept", "4wh", "--warning", "0.5")
    assert urgent.exit_code == 0, urgent.output
    listed = run("policy", "list").output
    assert "category=thu-tuc-hanh-chinh priority=*: accept 8wh, answer 15cd, transfer 5wd, warning at 75%" in listed
    assert "category=* priority=high: accept 4wh, answer 5wd" in listed and "warning at 50%" in listed
    # Changing one value keeps the others.
    assert run("policy", "set", "--priority", "high", "--max-extension", "5wd").exit_code == 0
    assert "accept 4wh, answer 5wd, transfer 5wd, warning at 50%, extension up to 5wd" in run("policy", "list").output
    assert run("policy", "remove", "--priority", "high").exit_code == 0
    assert count(url, SlaPolicy) == before + 1


def test_calendar_overrides_refuse_overlaps_and_no_ops(caunoi) -> None:
    run, url = caunoi
    before = count(url, CalendarOverride)
    added = run("calendar", "add", "2027-02-20", "--working", "--reason", "Làm bù cho ngày 12/02/2027")
    assert added.exit_code == 0, added.output
    for args, message in [
        (["2027-02-20", "--working", "--reason", "lần nữa"], "Already changed: 20/02/2027. Remove that change first."),
        (["2027-02-18", "--to", "2027-02-21", "--day-off", "--reason", "x"], "Already changed: 20/02/2027."),
        (["2027-03-03", "--working", "--reason", "x"], "Already a working day without a change: 03/03/2027."),
        (["2027-03-07", "--day-off", "--reason", "x"], "Already a day off without a change: 07/03/2027."),
        # The holidays package publishes the Saturday worked for 31/8/2026.
        (["2026-08-22", "--working", "--reason", "x"], "Already a working day without a change: 22/08/2026."),
        (["2027-03-01", "--to", "2027-05-01", "--day-off", "--reason", "x"], "covers at most 31 days"),
        (["2027-03-05", "--to", "2027-03-01", "--day-off", "--reason", "x"], "The last day comes before the first."),
        (["2027-03-02", "--day-off", "--reason", " "], "Give the reason"),
    ]:
        refused = run("calendar", "add", *args)
        assert refused.exit_code == 1 and message in refused.output, (args, refused.output)
    assert count(url, CalendarOverride) == before + 1
    assert "Sat 20/02/2027  worked   Làm bù cho ngày 12/02/2027" in run("calendar", "list", "--year", "2027").output
    assert run("calendar", "remove", "2027-02-20").exit_code == 0
    assert count(url, CalendarOverride) == before


def test_sla_preview_lists_what_will_fire_and_changes_nothing(caunoi, tmp_path) -> None:
    run, url = caunoi

    async def submit() -> None:
        database = Database(url)
        try:
            async with database.transaction() as session:
                await receive_question(
                    session,
                    question_fields(category="giao-duc"),
                    [],
                    channel=Channel.WEB,
                    language="vi",
                    upload_dir=tmp_path,
                    now=datetime(2026, 2, 13, 3, 0, tzinfo=UTC),  # Friday 13/2 10:00, before Tết
                )
        finally:
            await database.dispose()

    asyncio.run(submit())
    before = [(t.next_check_at, t.answer_level, t.accept_level) for t in query(url, sa.select(Ticket))]
    shown = run("sla", "preview", "--at", "2026-02-24 17:00")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0] == "2 step(s) due by 24/02/2026 17:00 (Vietnamese time)"
    assert "accept   warning  -> inbox of SGDDT" in lines[1]
    assert lines[2].startswith("24/02/2026 17:00") and "accept   level 1  -> head of SGDDT" in lines[2]
    later = run("sla", "preview", "--at", "2026-03-20 09:00").output
    assert "answer   level 3  -> leadership" in later
    assert [(t.next_check_at, t.answer_level, t.accept_level) for t in query(url, sa.select(Ticket))] == before
    assert "write it as 2027-02-20 09:00" in run("sla", "preview", "--at", "ngày mai").output


def test_departments_categories_and_accounts(caunoi) -> None:
    run, _ = caunoi
    added = run("department", "add", "--code", "sdl", "--name", "Sở Du lịch", "--name-en", "Department of Tourism")
    assert added.exit_code == 0, added.output
    assert "the code 'SDL' is taken" in run("department", "add", "--code", "SDL", "--name", "Sở khác").output
    assert "SDL        Sở Du lịch" in run("department", "list").output
    refused = run("department", "deactivate", "VPUB")
    assert refused.exit_code == 1 and "coordinating office cannot be deactivated" in refused.output

    category = run(
        "category", "add", "--code", "du-lich", "--name", "Du lịch, lưu trú", "--group", "Văn hóa, du lịch",
        "--department", "SDL",
    )  # fmt: skip
    assert category.exit_code == 0, category.output
    assert "du-lich                  -> SDL      Du lịch, lưu trú" in run("category", "list").output
    assert run("category", "set", "du-lich", "--no-department").exit_code == 0
    assert "du-lich                  -> triage   Du lịch, lưu trú" in run("category", "list").output
    assert "no active department with code 'KHONG'" in run("category", "set", "du-lich", "--department", "KHONG").output

    assert "xd.chuyenvien" in run("user", "list").output
    assert run("user", "set", "xd.chuyenvien", "--inactive").exit_code == 0
    assert "xd.chuyenvien        officer      Phạm Thị Dựng  (deactivated)" in run("user", "list").output
    assert "at least 12 characters" in run("user", "set", "xd.chuyenvien", "--password", "ngan").output


def test_a_category_s_extra_questions_are_added_listed_and_removed_and_bad_ones_refused(caunoi) -> None:
    run, url = caunoi
    before = count(url, CategoryAttribute)
    land = ["category", "attribute", "add", "giay-phep-xay-dung"]
    for args, message in [
        (["khong-co", "--code", "a", "--description", "A", "--datatype", "string"], "no category with code 'khong-co'"),
        (["--code", "số tầng", "--description", "Số tầng", "--datatype", "number"], "is not a code"),
        (["--code", "so[tang]", "--description", "Số tầng", "--datatype", "number"], "is not a code"),
        (["--code", "so-tang", "--description", " ", "--datatype", "number"], "give the question's description"),
        (["--code", "so-tang", "--description", "<b>Số tầng</b>", "--datatype", "number"], "plain text"),
        (["--code", "so-tang", "--description", "x" * 301, "--datatype", "number"], "at most 300 characters"),
        (["--code", "loai", "--description", "Loại nhà", "--datatype", "singlevaluelist"], "at least one value"),
        (["--code", "so-tang", "--description", "Số tầng", "--datatype", "number", "--value", "1=Một"], "no values"),
        (
            ["--code", "loai", "--description", "Loại", "--datatype", "multivaluelist", "--value", "nha o"],
            "not a value",
        ),
        (["--code", "loai", "--description", "Loại", "--datatype", "multivaluelist", "--value", "a="], "give the name"),
        (
            [
                "--code",
                "loai",
                "--description",
                "Loại",
                "--datatype",
                "singlevaluelist",
                "--value",
                "a=A",
                "--value",
                "a=B",
            ],
            "a value key is given twice: a",
        ),
        (["--code", "so-tang", "--description", "Số tầng", "--datatype", "number", "--position", "-1"], "position"),
        (["--code", "so-tang", "--description", "Số tầng", "--datatype", "date"], "Invalid value for '--datatype'"),
    ]:
        command = ["category", "attribute", "add", *args] if args[0] == "khong-co" else [*land, *args]
        refused = run(*command)
        assert refused.exit_code in (1, 2) and message in refused.output, (args, refused.output)
    assert count(url, CategoryAttribute) == before

    floors = run(*land, "--code", "So-Tang", "--description", "Số tầng", "--description-en", "Floors", "--datatype",
                 "number", "--required", "--help-text", "Kể cả tầng hầm")  # fmt: skip
    assert floors.exit_code == 0 and "category giay-phep-xay-dung now asks so-tang" in floors.output, floors.output
    kind = run(*land, "--code", "loai-nha", "--description", "Loại nhà", "--datatype", "singlevaluelist",
               "--value", "rieng-le=Nhà ở riêng lẻ=Detached house", "--value", "ODT=Đất ở đô thị")  # fmt: skip
    assert kind.exit_code == 0, kind.output
    again = run(*land, "--code", "so-tang", "--description", "Số tầng", "--datatype", "number")
    assert again.exit_code == 1 and "the category 'giay-phep-xay-dung' already asks 'so-tang'" in again.output

    listed = run("category", "attribute", "list", "giay-phep-xay-dung").output.splitlines()
    assert listed[0].split() == ["giay-phep-xay-dung", "so-tang", "number", "required", "Số", "tầng", "/", "Floors"]
    assert listed[1].split()[1:4] == ["loai-nha", "singlevaluelist", "optional"]
    assert listed[2].split() == ["rieng-le", "=", "Nhà", "ở", "riêng", "lẻ", "/", "Detached", "house"]
    assert listed[3].split() == ["ODT", "=", "Đất", "ở", "đô", "thị", "/", "Đất", "ở", "đô", "thị"]
    [row] = query(url, sa.select(CategoryAttribute).where(CategoryAttribute.code == "so-tang"))
    assert (row.datatype_description, row.required, row.values) == ("Kể cả tầng hầm", True, [])
    assert "giay-phep-xay-dung" in run("category", "attribute", "list").output
    assert "no category with code 'khong-co'" in run("category", "attribute", "list", "khong-co").output

    assert run("category", "attribute", "remove", "giay-phep-xay-dung", "so-tang").exit_code == 0
    gone = run("category", "attribute", "remove", "giay-phep-xay-dung", "so-tang")
    assert gone.exit_code == 1 and "asks no question 'so-tang'" in gone.output
    assert count(url, CategoryAttribute) == before + 1
