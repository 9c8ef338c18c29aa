"""Test data built through the real services, so events and files exist as they would in production."""

import io
import re
import struct
import zipfile
import zlib
from datetime import datetime

from feedback.intake import Submitted, receive_question
from feedback.models import Channel
from notify.db import Database, utcnow


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def question_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "category": "giay-phep-xay-dung",
        "title": "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
        "question": "Gia đình tôi muốn xây nhà 3 tầng trên đất ở tại phường Hạc Thành. Xin hỏi cần hồ sơ gì?",
        "name": "Nguyễn Thị Hồng",
        "email": "hong.nguyen@example.com",
        "phone": "0912 345 678",
        "area": "hac-thanh",
        "publish": True,
        "show_name": False,
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


async def submit(
    database: Database, tmp_upload_dir, language: str = "vi", now: datetime | None = None, **overrides: object
) -> Submitted:
    """A question through intake, asked now or at ``now``."""
    async with database.transaction() as session:
        return await receive_question(
            session,
            question_fields(**overrides),
            [],
            channel=Channel.WEB,
            language=language,
            upload_dir=tmp_upload_dir,
            now=now or utcnow(),
        )


STAFF_PASSWORD = "mat-khau-can-bo-2026"


async def add_staff(database: Database, username: str, role: str, department: str | None = None) -> int:
    """A staff account (password :data:`STAFF_PASSWORD`) in the department with code ``department``."""
    from sqlalchemy import select

    from feedback.accounts import create_user
    from feedback.models import Role
    from routing.models import Department

    async with database.transaction() as session:
        department_id = (
            await session.scalar(select(Department.id).where(Department.code == department)) if department else None
        )
        user = await create_user(
            session,
            username=username,
            full_name=username.replace(".", " ").title(),
            role=Role(role),
            department_id=department_id,
            password=STAFF_PASSWORD,
        )
        return user.id


CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    return CSRF_FIELD.search(html).group(1)


async def log_in(client, username: str, password: str = STAFF_PASSWORD):
    page = await client.get("/can-bo/dang-nhap")
    return await client.post(
        "/can-bo/dang-nhap",
        data={"username": username, "password": password, "_csrf_token": csrf_of(page.text), "next": "/can-bo"},
    )
