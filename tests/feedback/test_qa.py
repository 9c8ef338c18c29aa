"""The public Q&A pages and their search, on SQLite (FTS5) and PostgreSQL (tsvector), through HTTP."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from feedback import answering, handling, publication, search
from feedback.intake import receive_question
from feedback.models import Channel, Ticket
from notify.db import Database
from tests.factories import question_fields

START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 2/3/2026 09:00 in Vietnam


async def answered(
    database: Database, tmp_path, *, title: str, question: str, answer: str, days: int = 0, **fields: object
) -> Ticket:
    """A question taken through intake, acceptance, a draft and the head's approval."""
    now = START + timedelta(days=days)
    async with database.transaction() as session:
        submitted = await receive_question(
            session,
            question_fields(title=title, question=question, **fields),
            [],
            channel=Channel.WEB,
            language="vi",
            upload_dir=tmp_path,
            now=now,
        )
        await handling.accept(session, submitted.ticket_id, actor_id=None, now=now)
        await answering.submit_answer(session, submitted.ticket_id, text=answer, actor_id=None, now=now)
        return await answering.approve_answer(session, submitted.ticket_id, actor_id=None, now=now + timedelta(hours=2))


async def seed(database: Database, tmp_path) -> dict[str, Ticket]:
    return {
        "road": await answered(
            database,
            tmp_path,
            title="Đường liên xã bị sạt lở sau mưa lớn",
            question="Đoạn đường từ xã Thọ Xuân đi Yên Định bị sạt lở, xin hỏi khi nào sửa?",
            answer="Sở Xây dựng đã giao đơn vị quản lý đường bộ khắc phục trong tháng 4.",
            category="giao-thong",
            name="Lê Văn Nam",
            show_name=True,
        ),
        "land": await answered(
            database,
            tmp_path,
            title="Hồ sơ cấp giấy chứng nhận lần đầu",
            question="Tôi muốn biết thủ tục cấp sổ đỏ lần đầu cho đất ở do ông bà để lại, về đất đai có gì cần lưu ý?",
            answer="Theo Luật Đất đai năm 2024, hồ sơ gồm đơn đăng ký và giấy tờ về quyền sử dụng đất. Thủ tục nộp tại bộ phận một cửa.",
            category="dat-dai",
            days=3,
        ),
        "private": await answered(
            database,
            tmp_path,
            title="Đường dây nóng về đất đai",
            question="Xin số đường dây nóng.",
            answer="Số đường dây nóng là 1022.",
            category="dat-dai",
            publish=False,
            days=5,
        ),
    }


async def test_the_list_shows_published_answers_newest_first_without_personal_data(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    tickets = await seed(database, tmp_path)
    page = await client.get("/hoi-dap")
    assert page.status_code == 200 and '<html lang="vi">' in page.text
    assert "2 câu hỏi, trả lời" in page.text
    assert page.text.index("Hồ sơ cấp giấy chứng nhận lần đầu") < page.text.index("Đường liên xã bị sạt lở")
    assert "Đường dây nóng" not in page.text  # the citizen did not agree to publish
    for secret in ("hong.nguyen@example.com", "+84912345678", "0912 345 678"):
        assert secret not in page.text
    road = await client.get(f"/hoi-dap/{tickets['road'].reference}")
    assert "Lê Văn Nam" in road.text and "Đơn vị quản lý đường bộ".lower() in road.text.lower()
    land = await client.get(f"/hoi-dap/{tickets['land'].reference}")
    assert "Nguyễn Thị Hồng" not in land.text and "Một công dân" in land.text  # the name was not to be shown
    assert "Đúng hạn" in land.text or "Trong hạn" in land.text
    assert (await client.get(f"/hoi-dap/{tickets['private'].reference}")).status_code == 404


async def test_search_ignores_diacritics_case_and_word_order_and_highlights(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    tickets = await seed(database, tmp_path)
    road = await client.get("/hoi-dap", params={"q": "duong"})
    assert tickets["road"].reference in road.text and tickets["land"].reference not in road.text
    assert "<mark>Đường</mark>" in road.text
    land = await client.get("/hoi-dap", params={"q": "THU TUC dat dai"})
    assert tickets["land"].reference in land.text and tickets["road"].reference not in land.text
    assert "<mark>thủ</mark> <mark>tục</mark>" in land.text and "<mark>đất</mark> <mark>đai</mark>" in land.text
    nothing = await client.get("/hoi-dap", params={"q": "karaoke ồn ào"})
    assert "Không có câu hỏi đã công khai nào chứa đủ các từ “karaoke ồn ào”" in nothing.text
    assert tickets["road"].reference not in nothing.text and tickets["land"].reference not in nothing.text
    script = await client.get("/hoi-dap", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in script.text


@pytest.mark.parametrize("recent", [timedelta(days=3650), timedelta(0)], ids=["found-recently", "found-in-all"])
async def test_a_broad_search_ranks_the_newest_matches_and_says_there_are_more(
    client: AsyncTestClient, database: Database, tmp_path, monkeypatch, recent: timedelta
) -> None:
    monkeypatch.setattr(search, "CANDIDATES", 3)  # 200 in production; five Q&A then make a broad query
    monkeypatch.setattr(search, "RECENT", recent)  # every Q&A is recent, or none is
    for day in range(5):
        await answered(
            database,
            tmp_path,
            title=f"Cấp phép xây dựng nhà ở số {day}",
            question="Thủ tục xin giấy phép xây dựng nhà ở riêng lẻ?",
            answer="Nộp hồ sơ tại bộ phận một cửa.",
            days=day,
        )
    page = await client.get("/hoi-dap", params={"q": "giay phep xay dung"})
    assert "Có hơn 3 câu hỏi, trả lời chứa các từ này" in page.text
    shown = {day for day in range(5) if f"nhà ở số {day}" in page.text}
    assert shown == {2, 3, 4}  # the newest three


def test_an_excerpt_is_cut_around_the_first_match_and_escaped() -> None:
    text = " ".join(f"từ{i}" for i in range(50)) + " <b>Đường</b> & " + " ".join(f"chữ{i}" for i in range(50))
    excerpt = search.highlight(text, ["duong"], around=3)
    assert str(excerpt) == "… từ48 từ49 &lt;b&gt;<mark>Đường</mark>&lt;/b&gt; &amp; chữ0 chữ1 …"
    assert str(search.highlight("Đường đi", ["duong"], around=3)) == "<mark>Đường</mark> đi"
    assert str(search.highlight("một hai ba bốn năm", ["sau"], around=2)) == "một hai …"  # no match: the start
    assert str(search.highlight("", ["duong"], around=2)) == ""


async def test_excerpts_are_cut_from_the_answers_plain_text(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    await answered(
        database,
        tmp_path,
        title="Hồ sơ xin phép sửa nhà",
        question="Nhà tôi cần sửa mái, có phải xin phép không?",
        answer="Theo **Luật Xây dựng**, hồ sơ gồm:\r\n\r\n- **Đơn đề nghị** cấp phép;\r\n- Bản vẽ *hiện trạng*.",
    )
    searched, listed = await client.get("/hoi-dap", params={"q": "don de nghi"}), await client.get("/hoi-dap")
    for page in (searched, listed):
        [excerpt] = re.findall(r'<p class="qa-excerpt">(.*?)</p>', page.text, re.DOTALL)
        assert "*" not in excerpt and "- " not in excerpt and "\r" not in excerpt
    assert "Theo Luật Xây dựng, hồ sơ gồm:" in listed.text and "Bản vẽ hiện trạng." in listed.text
    assert "<mark>Đơn</mark> <mark>đề</mark> <mark>nghị</mark> cấp phép;" in searched.text


async def test_filters_by_topic_department_and_year(client: AsyncTestClient, database: Database, tmp_path) -> None:
    tickets = await seed(database, tmp_path)
    land = await client.get("/hoi-dap", params={"category": "dat-dai"})
    assert tickets["land"].reference in land.text and tickets["road"].reference not in land.text
    assert tickets["road"].reference in (await client.get("/hoi-dap", params={"year": "2026"})).text
    assert "0 câu hỏi, trả lời" in (await client.get("/hoi-dap", params={"year": "2025"})).text
    both = await client.get("/hoi-dap", params={"q": "duong", "category": "dat-dai"})
    assert tickets["road"].reference not in both.text


async def test_redaction_and_unpublishing_follow_into_search(
    client: AsyncTestClient, database: Database, tmp_path
) -> None:
    tickets = await seed(database, tmp_path)
    land = tickets["land"]
    async with database.transaction() as session:
        await publication.redact(
            session,
            land.id,
            title="Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
            body="Thủ tục cấp sổ đỏ lần đầu cho đất thừa kế cần những gì?",
            actor_id=None,
            now=START + timedelta(days=10),
        )
    found = await client.get("/hoi-dap", params={"q": "thua ke"})
    assert land.reference in found.text and "ông bà" not in found.text
    async with database.transaction() as session:
        original = await session.get_one(Ticket, land.id)
        assert "ông bà để lại" in original.body  # the original is kept
        await publication.unpublish(
            session, land.id, reason="Công dân đề nghị gỡ", actor_id=None, now=START + timedelta(days=11)
        )
    assert land.reference not in (await client.get("/hoi-dap", params={"q": "thua ke"})).text
    assert (await client.get(f"/hoi-dap/{land.reference}")).status_code == 404


async def test_suggestions_while_typing_a_title(client: AsyncTestClient, database: Database, tmp_path) -> None:
    tickets = await seed(database, tmp_path)
    response = await client.get("/api/v1/qa/suggestions", params={"q": "duong sat lo o xa"})
    assert response.status_code == 200
    assert response.json()[0] == {
        "reference": tickets["road"].reference,
        "title": "Đường liên xã bị sạt lở sau mưa lớn",
        "url": f"/hoi-dap/{tickets['road'].reference}",
    }
    assert (await client.get("/api/v1/qa/suggestions", params={"q": "đường"})).json() == []  # one word: too early
    async with database.transaction() as session:
        published = await session.scalar(sa.select(sa.func.count()).where(Ticket.published_at.is_not(None)))
    assert published == 2


async def test_atom_feed_and_open_data_export(client: AsyncTestClient, database: Database, tmp_path) -> None:
    import xml.etree.ElementTree as ET

    tickets = await seed(database, tmp_path)
    feed = await client.get("/hoi-dap/feed.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(feed.content).findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == [
        "Hồ sơ cấp giấy chứng nhận lần đầu",
        "Đường liên xã bị sạt lở sau mưa lớn",
    ]
    assert "Luật Đất đai năm 2024" in entries[0].findtext(f"{atom}content")
    data = (await client.get("/api/v1/qa")).json()
    assert [item["reference"] for item in data] == [tickets["land"].reference, tickets["road"].reference]
    assert data[0]["category"] == "dat-dai" and data[0]["url"].endswith(f"/hoi-dap/{tickets['land'].reference}")
    assert not {"name", "email", "phone", "address", "citizen_name"} & set(data[0])
    older = (await client.get("/api/v1/qa", params={"before": data[0]["published_at"]})).json()
    assert [item["reference"] for item in older] == [tickets["road"].reference]
