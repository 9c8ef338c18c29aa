"""One view of every channel: the inbox, the question page, the dashboard, ``/thong-ke`` and the exports say how
each question came in (an icon, hidden from screen readers, beside its label)."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from litestar.testing import AsyncTestClient

from feedback import handling
from feedback.intake import receive_question
from feedback.models import Channel
from feedback.performance import Scope, last_twelve_months, received_by_channel
from notify.db import Database, utcnow
from routing.calendar import VIETNAM
from tests.factories import add_staff, log_in, question_fields, submit


@pytest.fixture
async def asked(database: Database, tmp_path) -> dict[Channel, str]:
    """Four questions for Sở Xây dựng: two from the portal's form, one by SMS, one by phone; their references."""
    await add_staff(database, "lanhdao", "leader")
    await add_staff(database, "xd.cv", "officer", "SXD")
    references = {Channel.WEB: (await submit(database, tmp_path)).reference}
    await submit(database, tmp_path)
    for channel in (Channel.SMS, Channel.PHONE):
        async with database.transaction() as session:
            submitted = await receive_question(
                session, question_fields(), [], channel=channel, language="vi", upload_dir=tmp_path, now=utcnow()
            )
        references[channel] = submitted.reference
    return references


def _text(markup: str) -> str:
    return re.sub(r"<[^>]+>|\s+", " ", markup).strip()


def channel_rows(html: str) -> list[list[str]]:
    """The rows of the "by channel" table: its label, then its cells."""
    table = html.split('id="channels-caption"')[1].split("</table>", maxsplit=1)[0]
    body = table.split("<tbody>")[1]
    return [
        [_text(header), *(_text(cell) for cell in re.findall(r"<td>(.*?)</td>", cells, re.S))]
        for header, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', body, re.S)
    ]


async def test_the_inbox_and_the_question_page_show_the_channel(
    client: AsyncTestClient, asked: dict[Channel, str]
) -> None:
    await log_in(client, "xd.cv")
    inbox = await client.get("/can-bo/hop-thu")
    assert inbox.status_code == 200
    rows = {
        reference: _text(row)
        for row in re.findall(r'<li class="ticket-row">(.*?)</li>', inbox.text, re.S)
        for reference in re.findall(r'<span class="reference">([^<]+)</span>', row)
    }
    assert "biểu mẫu trên cổng" in rows[asked[Channel.WEB]]
    assert "SMS" in rows[asked[Channel.SMS]] and "điện thoại" in rows[asked[Channel.PHONE]]
    # The icon is drawn beside the label and hidden from screen readers, which read the label.
    assert inbox.text.count('class="channel channel-sms"') == 1 and inbox.text.count("channel channel-web") == 2
    assert re.search(r'<span class="channel channel-phone"><svg [^>]*aria-hidden="true"', inbox.text)
    page = await client.get(f"/can-bo/cau-hoi/{asked[Channel.PHONE]}")
    assert re.search(r"Kênh tiếp nhận\s*</dt><dd>.*?điện thoại</span></dd>", page.text, re.S)


async def test_the_dashboard_and_the_public_statistics_count_questions_by_channel(
    client: AsyncTestClient, database: Database, asked: dict[Channel, str]
) -> None:
    await log_in(client, "lanhdao")
    dashboard = await client.get("/can-bo/bang-dieu-khien")
    assert "Câu hỏi được tiếp nhận qua kênh nào" in dashboard.text
    expected = [["Biểu mẫu trên cổng", "2", "50%"], ["Điện thoại", "1", "25%"], ["SMS", "1", "25%"]]
    assert channel_rows(dashboard.text) == expected
    statistics = await client.get("/thong-ke")
    assert statistics.status_code == 200 and channel_rows(statistics.text) == expected
    # The same count as the figure "received": whatever brought a question, it counts once.
    async with database.transaction() as session:
        counts = await received_by_channel(session, Scope(last_twelve_months(utcnow().astimezone(VIETNAM).date())))
    assert sum(c.received for c in counts) == 4


async def test_the_exports_carry_the_channel(client: AsyncTestClient, database: Database, asked, tmp_path) -> None:
    await log_in(client, "lanhdao")
    download = await client.get("/can-bo/bang-dieu-khien/xuat/cau-hoi", params={"format": "csv"})
    header, *rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert header[-1] == "Kênh tiếp nhận"
    by_reference = {row[0]: row[-1] for row in rows}
    assert by_reference[asked[Channel.SMS]] == "SMS" and by_reference[asked[Channel.PHONE]] == "điện thoại"
    assert by_reference[asked[Channel.WEB]] == "biểu mẫu trên cổng"
    workbook = await client.get("/can-bo/bang-dieu-khien/xuat/cau-hoi", params={"format": "xlsx"})
    header, *rows = list(openpyxl.load_workbook(io.BytesIO(workbook.content)).active.values)
    assert header[-1] == "Kênh tiếp nhận" and {row[0]: row[-1] for row in rows} == by_reference
    # An overdue question by phone, in the overdue list's export.
    long_ago = utcnow() - timedelta(days=365)
    async with database.transaction() as session:
        late = await receive_question(
            session, question_fields(), [], channel=Channel.PHONE, language="vi", upload_dir=tmp_path, now=long_ago
        )
        await handling.accept(session, late.ticket_id, actor_id=None, now=long_ago)
    overdue = await client.get("/can-bo/bang-dieu-khien/xuat/qua-han", params={"format": "csv"})
    header, *rows = list(csv.reader(io.StringIO(overdue.content.decode("utf-8-sig"))))
    assert header[-1] == "Kênh tiếp nhận" and [(row[0], row[-1]) for row in rows] == [(late.reference, "điện thoại")]
