"""Files citizens attach: what we accept, judged by the bytes, and how they are stored.

A file is stored only as part of the transaction that records it: if that transaction
rolls back, the file is deleted again, so a failed submission leaves no orphan on disk.
(A process killed between the write and the commit can still leave one; the periodic
:func:`sweep_orphans` removes those.)
"""

import asyncio
import hashlib
import io
import os
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePath

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback.errors import FieldError, InvalidInput
from feedback.models import Attachment, AttachmentKind
from notify.db import on_rollback
from routing.text import nfc

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
# What a whole submission may weigh: five full files plus the form's text.
MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".docx": DOCX}
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", DOCX: "DOCX"}


def sniff(data: bytes) -> str | None:
    """The type of a file from its first bytes (and, for DOCX, its ZIP directory), or None."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    return None


@dataclass(frozen=True)
class IncomingFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    data: bytes
    content_type: str


def _clean_name(filename: str) -> str:
    # Browsers may send a full path; keep the last part, NFC, and nothing that could be a control character.
    name = PurePath(nfc(filename).replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:255] or "file"


def check_files(files: list[IncomingFile]) -> list[CheckedFile]:
    """Accept the files or raise :class:`InvalidInput` naming the field ``files``."""
    if len(files) > MAX_FILES:
        raise InvalidInput([FieldError("files", "too_many_files", {"max_files": MAX_FILES})])
    checked: list[CheckedFile] = []
    for incoming in files:
        name = _clean_name(incoming.filename)
        if len(incoming.data) > MAX_FILE_BYTES:
            raise InvalidInput(
                [
                    FieldError(
                        "files",
                        "file_too_large",
                        {"filename": name, "max_mb": MAX_FILE_BYTES // 2**20},
                    )
                ],
                status=413,
            )
        claimed = EXTENSIONS.get(PurePath(name).suffix.lower())
        actual = sniff(incoming.data)
        if claimed is None:
            raise InvalidInput([FieldError("files", "file_type_forbidden", {"filename": name})])
        if actual != claimed:
            raise InvalidInput(
                [
                    FieldError(
                        "files",
                        "file_type_mismatch",
                        {"filename": name, "claimed": LABELS[claimed]},
                    )
                ]
            )
        checked.append(CheckedFile(name, incoming.data, actual))
    return checked


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


async def store_files(
    session: AsyncSession,
    ticket_id: int,
    files: list[CheckedFile],
    *,
    upload_dir: Path,
    now: datetime,
    kind: AttachmentKind = AttachmentKind.QUESTION,
) -> list[Attachment]:
    """Write the files under ``upload_dir`` and add their rows; both vanish if the transaction rolls back."""
    attachments = []
    for file in files:
        extension = next(ext for ext, kind in EXTENSIONS.items() if kind == file.content_type)
        relative = f"{now:%Y/%m}/{uuid.uuid4().hex}{extension}"
        path = upload_dir / relative
        on_rollback(session, lambda path=path: _remove(path))
        await asyncio.to_thread(_write, path, file.data)
        attachment = Attachment(
            ticket_id=ticket_id,
            kind=kind,
            filename=file.filename,
            content_type=file.content_type,
            size=len(file.data),
            sha256=hashlib.sha256(file.data).hexdigest(),
            path=relative,
            created_at=now,
        )
        session.add(attachment)
        attachments.append(attachment)
    return attachments


def _old_files(upload_dir: Path, cutoff: float) -> dict[str, Path]:
    return {
        path.relative_to(upload_dir).as_posix(): path
        for path in upload_dir.rglob("*")
        if path.is_file() and path.stat().st_mtime < cutoff
    }


async def sweep_orphans(session: AsyncSession, *, upload_dir: Path, now: datetime, grace: timedelta) -> int:
    """Delete stored files older than ``grace`` that no attachment row points to; returns how many."""
    candidates = await asyncio.to_thread(_old_files, upload_dir, (now - grace).timestamp())
    if not candidates:
        return 0
    known = set((await session.scalars(select(Attachment.path).where(Attachment.path.in_(list(candidates))))).all())
    orphans = [path for relative, path in candidates.items() if relative not in known]
    for path in orphans:
        _remove(path)
    return len(orphans)
