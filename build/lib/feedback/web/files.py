"""Sending a stored attachment: always as a download, under its original name, never cached by others."""

from litestar.response import File

from feedback.models import Attachment
from feedback.settings import Settings


def attachment_response(settings: Settings, attachment: Attachment) -> File:
    return File(
        path=settings.uploads / attachment.path,
        filename=attachment.filename,
        media_type=attachment.content_type,
        content_disposition_type="attachment",
        headers={"Cache-Control": "private, no-store"},
    )
