"""Test data built through the real services, so events and files exist as they would in production."""

import io
import re
import struct
import time
import zipfile
import zlib
from datetime import datetime

import pyotp

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
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
"""The authenticator key of the admins and leaders that :func:`add_staff` creates (they must have one)."""


async def add_staff(database: Database, username: str, role: str, department: str | None = None) -> int:
    """A staff account (password :data:`STAFF_PASSWORD`) in the department with code ``department``."""
    from sqlalchemy import select

    from feedback.accounts import create_user
    from feedback.models import Role
    from feedback.twofactor.services import activate, is_required
    from notify.db import utcnow
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
        if is_required(user):
            await activate(session, user, STAFF_TOTP_SECRET, now=utcnow())
        return user.id


CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    return CSRF_FIELD.search(html).group(1)


SECOND_STEP = "/can-bo/dang-nhap/ma-xac-thuc"


def totp_codes(secret: str = STAFF_TOTP_SECRET) -> list[str]:
    """The codes accepted now, oldest first: a code works once, so each login of one account in the
    same 30 s takes the next (three logins, then the next step)."""
    totp = pyotp.TOTP(secret)
    now = time.time()
    return [totp.at(now + offset) for offset in (-30, 0, 30)]


async def pass_second_step(client, secret: str = STAFF_TOTP_SECRET):
    """Type the first code the server accepts on the second step of the login."""
    page = await client.get(SECOND_STEP)
    for code in totp_codes(secret):
        response = await client.post(SECOND_STEP, data={"code": code, "_csrf_token": csrf_of(page.text)})
        if response.status_code != 422:
            return response
    raise AssertionError("no code accepted")


async def log_in(client, username: str, password: str = STAFF_PASSWORD):
    """Sign in with the password and, for the accounts that have one, the second factor."""
    page = await client.get("/can-bo/dang-nhap")
    response = await client.post(
        "/can-bo/dang-nhap",
        data={"username": username, "password": password, "_csrf_token": csrf_of(page.text), "next": "/can-bo"},
    )
    if response.url.path == SECOND_STEP or response.headers.get("location") == SECOND_STEP:
        return await pass_second_step(client)
    return response


async def audit_entries(database: Database, action: str) -> list:
    """The audit trail's entries of ``action``, oldest first."""
    from sqlalchemy import select

    from feedback.audit.models import AuditEntry

    async with database.transaction() as session:
        return list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        )


async def post_form(client, path: str, page: str, **fields: str):
    """Post ``fields`` to ``path`` with the CSRF token of ``page``, as the browser would; redirects not followed."""
    token = csrf_of((await client.get(page)).text)
    return await client.post(path, data={**fields, "_csrf_token": token}, follow_redirects=False)
