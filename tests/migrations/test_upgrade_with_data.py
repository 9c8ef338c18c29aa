"""A database of the first release, with its data, upgraded to today's schema: nothing lost, all of it readable.

The rows are written with plain SQL in the tables exactly as migration 0001 defined them (no
model of today's code is used to write), a few more at 0008 with the columns it introduced; then
the database goes to head and today's application serves the citizen's status page, the file and
the staff view from those rows.
"""

import asyncio
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from argon2 import PasswordHasher
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import create_async_engine

from feedback import migrations
from feedback.app import create_app
from feedback.settings import Settings
from tests.factories import STAFF_PASSWORD, log_in
from tests.migrations.test_migrations import empty_database  # noqa: F401  (the fixture: a database of its own)

ASKED = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
ROUTED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ANSWERED = datetime(2026, 11, 6, 15, 0, tzinfo=UTC)
TOKEN = "mot-ma-theo-doi-cua-ban-phat-hanh-dau-tien-0001"
FILE_BYTES = b"%PDF-1.4 anh chup hien trang\n"

# (id, reference, number, status, department, assignee, routed, answered, title)
TICKETS = [
    (1, "2026-000001", 1, "received", None, None, None, None, "Đèn đường hỏng ở phường Một"),
    (2, "2026-000002", 2, "triage", None, None, None, None, "Hỏi về thủ tục chưa rõ cơ quan"),
    (3, "2026-000003", 3, "in_progress", 2, 1, ROUTED, None, "Xin phép sửa chữa nhà ở"),
    (4, "2026-000004", 4, "answered", 2, 1, ROUTED, ANSWERED, "Cấp phép xây dựng nhà riêng lẻ"),
    (5, "2026-000005", 5, "closed", 2, 1, ROUTED, ANSWERED, "Lề đường bị lấn chiếm"),
]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


async def _execute(url: str, *statements: tuple[str, dict | list]) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            for statement, parameters in statements:
                await connection.execute(sa.text(statement), parameters)
    finally:
        await engine.dispose()


async def _rows(url: str, query: str) -> list[tuple]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return [tuple(row) for row in await connection.execute(sa.text(query))]
    finally:
        await engine.dispose()


def _write_first_release(url: str, uploads: Path) -> None:
    """Reference data, an officer, five tickets in five statuses, their events and one attachment, as 0001 stored them."""
    (uploads / "2026" / "11").mkdir(parents=True)
    (uploads / "2026" / "11" / "hien-trang.pdf").write_bytes(FILE_BYTES)
    tickets = [
        {
            "id": id_,
            "reference": reference,
            "number": number,
            "token_hash": _sha256(f"{TOKEN}-{id_}"),
            "status": status,
            "department_id": department,
            "assignee_id": assignee,
            "title": title,
            "body": f"Nội dung: {title}.",
            "citizen_name": f"Nguyễn Thị Lan {id_}",
            "search_text": f"{reference} {title}",
            "routed_at": routed,
            "answer_due_at": datetime(2026, 11, 16, 17, 0, tzinfo=UTC) if routed else None,
            "answered_at": answered,
            # The first release kept a question's transfer deadline in accept_due_at while in triage.
            "accept_due_at": datetime(2026, 11, 3, 8, 30, tzinfo=UTC) if status == "triage" else None,
        }
        for id_, reference, number, status, department, assignee, routed, answered, title in TICKETS
    ]
    asyncio.run(
        _execute(
            url,
            ("INSERT INTO area (id, code, name, active) VALUES (1, 'P01', 'Phường Một', :t)", {"t": True}),
            (
                "INSERT INTO department (id, code, name, name_en, parent_id, mailbox, is_coordinating_office, active)"
                " VALUES (1, 'VP', 'Văn phòng UBND tỉnh', 'Office', NULL, NULL, :t, :t),"
                " (2, 'SXD', 'Sở Xây dựng', 'Department of Construction', NULL, 'soxd@example.vn', :f, :t)",
                {"t": True, "f": False},
            ),
            (
                'INSERT INTO category (id, code, name, name_en, "group", group_en, position, default_department_id,'
                " active) VALUES (1, 'xay-dung', 'Cấp phép xây dựng', 'Building permits', 'Đô thị', 'Urban', 1, 2, :t)",
                {"t": True},
            ),
            (
                "INSERT INTO staff_user (id, username, full_name, email, phone, role, department_id, password_hash,"
                " active, created_at) VALUES (1, 'xd.cv', 'Phạm Văn Dựng', 'dung@soxd.vn', NULL, 'officer', 2, :hash,"
                " :t, :at)",
                {"hash": PasswordHasher().hash(STAFF_PASSWORD), "t": True, "at": ASKED},
            ),
            (
                "INSERT INTO ticket (id, reference, year, number, token_hash, category_id, department_id, assignee_id,"
                " status, priority, channel, language, title, body, area_id, address, citizen_name, citizen_email,"
                " citizen_phone, publish_consent, show_name, search_text, created_at, updated_at, routed_at,"
                " accept_due_at, answer_due_at, answered_at, next_check_at) VALUES (:id, :reference, 2026, :number,"
                " :token_hash, 1, :department_id, :assignee_id, :status, 'normal', 'web', 'vi', :title, :body, 1,"
                " '12 Lê Lợi', :citizen_name, 'lan@example.com', NULL, :t, :f, :search_text, :asked, :asked,"
                " :routed_at, :accept_due_at, :answer_due_at, :answered_at, NULL)",
                [{**ticket, "asked": ASKED, "t": True, "f": False} for ticket in tickets],
            ),
            (
                "INSERT INTO ticket_event (ticket_id, actor_id, kind, public, data, at)"
                " VALUES (:id, NULL, 'ticket:received', :t, '{}', :at)",
                [{"id": ticket["id"], "t": True, "at": ASKED} for ticket in tickets],
            ),
            (
                "INSERT INTO ticket_event (ticket_id, actor_id, kind, public, data, at)"
                " VALUES (3, 1, 'ticket:note', :f, :data, :at)",
                {"f": False, "data": '{"text": "Đã hẹn khảo sát hiện trạng"}', "at": ROUTED},
            ),
            (
                "INSERT INTO attachment (id, ticket_id, filename, content_type, size, sha256, path, created_at)"
                " VALUES (1, 3, 'hiện trạng.pdf', 'application/pdf', :size, :sha, '2026/11/hien-trang.pdf', :at)",
                {"size": len(FILE_BYTES), "sha": hashlib.sha256(FILE_BYTES).hexdigest(), "at": ASKED},
            ),
        )
    )


def _write_at_0008(url: str) -> None:
    """0008 gave attachments a kind: the officer's answer file of ticket 4, stored with it."""
    asyncio.run(
        _execute(
            url,
            (
                "INSERT INTO attachment (id, ticket_id, filename, content_type, size, sha256, path, created_at, kind)"
                " VALUES (2, 4, 'giay-phep.pdf', 'application/pdf', 3, :sha, '2026/11/giay-phep.pdf', :at, 'answer')",
                {"sha": "0" * 64, "at": ANSWERED},
            ),
            ("UPDATE ticket SET answer_text = 'Hồ sơ gồm đơn và bản vẽ.', answer_author_id = 1 WHERE id = 4", {}),
        )
    )


async def _pages(settings: Settings) -> dict[str, tuple[int, str]]:
    pages = {}
    async with AsyncTestClient(app=create_app(settings), base_url="http://portal.test") as client:
        for id_, reference, *_ in TICKETS:
            response = await client.get(f"/cau-hoi/{reference}", params={"token": f"{TOKEN}-{id_}"})
            pages[reference] = (response.status_code, response.text)
        file = await client.get("/cau-hoi/2026-000003/tep/1", params={"token": f"{TOKEN}-3"})
        pages["file"] = (file.status_code, file.content.decode())
        await log_in(client, "xd.cv")
        staff = await client.get("/can-bo/cau-hoi/2026-000003")
        pages["staff"] = (staff.status_code, staff.text)
    return pages


def test_a_first_release_database_upgrades_to_head_with_its_data(empty_database: str, tmp_path: Path) -> None:  # noqa: F811
    url = empty_database
    migrations.upgrade(url, "0001")
    _write_first_release(url, tmp_path / "uploads")
    migrations.upgrade(url, "0008")
    _write_at_0008(url)
    migrations.upgrade(url)

    assert asyncio.run(
        _rows(url, "SELECT id, reference, status, department_id, assignee_id, title FROM ticket ORDER BY id")
    ) == [
        (id_, reference, status, department, assignee, title)
        for id_, reference, _, status, department, assignee, _, _, title in TICKETS
    ]
    # The columns later releases added: backfilled where the old data says it, empty or their default otherwise.
    assigned, waited, short, answer = zip(
        *asyncio.run(
            _rows(url, "SELECT assigned_at, waited_minutes, short_token_hash, answer_text FROM ticket ORDER BY id")
        ),
        strict=True,
    )
    assert [a is not None for a in assigned] == [False, False, True, True, True]  # 0004: assigned when routed
    assert waited == (0,) * 5 and short == (None,) * 5
    assert [
        tuple(a is not None for a in row)
        for row in asyncio.run(_rows(url, "SELECT transfer_due_at, accept_due_at FROM ticket ORDER BY id"))
    ] == [(False, False), (True, False), (False, False), (False, False), (False, False)]  # 0004: moved
    assert answer == (None, None, None, "Hồ sơ gồm đơn và bản vẽ.", None)
    assert asyncio.run(_rows(url, "SELECT id, ticket_id, kind FROM attachment ORDER BY id")) == [
        (1, 3, "question"),
        (2, 4, "answer"),
    ]
    assert asyncio.run(_rows(url, "SELECT count(*) FROM ticket_event")) == [(6,)]
    assert asyncio.run(_rows(url, "SELECT full_name, two_factor_required FROM staff_user")) == [
        ("Phạm Văn Dựng", False)
    ]

    # Today's application reads them.
    settings = Settings(
        database_url=url, data_dir=tmp_path, base_url="http://portal.test", rate_limit=1000, notify={"redis_url": None}
    )
    pages = asyncio.run(_pages(settings))
    for _, reference, *_, title in TICKETS:
        code, html = pages[reference]
        assert code == 200, reference
        assert title in html and "Câu hỏi đã được tiếp nhận." in html
    assert "Đang xử lý, trả lời" in pages["2026-000003"][1]
    assert "Đã đóng" in pages["2026-000005"][1]
    assert pages["file"] == (200, FILE_BYTES.decode())
    code, html = pages["staff"]
    assert code == 200
    assert "Xin phép sửa chữa nhà ở" in html and "Nguyễn Thị Lan 3" in html and "Đã hẹn khảo sát hiện trạng" in html
