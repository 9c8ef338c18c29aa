"""Turning a request body (form, multipart or JSON) into the fields and files a service takes."""

import json
from typing import Any

from litestar import Request
from litestar.datastructures import FormMultiDict, UploadFile

from feedback.errors import FieldError, InvalidInput
from feedback.schemas import QuestionIn
from feedback.uploads import IncomingFile
from routing.text import nfc

QUESTION_FIELDS = tuple(QuestionIn.model_fields)


def whole_number(value: str | None) -> int | None:
    """A query parameter such as ``page`` or ``department``: its number, or None if it is not one (never an error)."""
    return int(value) if value and value.isdigit() else None


async def read_form(request: Request) -> tuple[dict[str, Any], list[IncomingFile]]:
    """The question's fields and its files from an urlencoded or multipart body.

    Unknown fields are dropped (the CSRF token travels in the same form); a file input left
    empty arrives as a part without a name, which is no file. Text is NFC from here on, so a
    form shown again after an error displays exactly what will be stored.
    """
    form = await request.form()
    fields = {name: nfc(value) for name in QUESTION_FIELDS if isinstance(value := form.get(name), str)}
    return fields, await files_of(form)


async def files_of(form: FormMultiDict) -> list[IncomingFile]:
    """The files of the form's ``files`` inputs; an input left empty is no file."""
    return [
        IncomingFile(part.filename, await part.read())
        for part in form.getall("files", [])
        if isinstance(part, UploadFile) and part.filename
    ]


async def read_json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput([FieldError("body", "malformed", {"detail": str(exc)})], status=400) from None
    if not isinstance(body, dict):
        raise InvalidInput(
            [FieldError("body", "malformed", {"detail": "expected a JSON object"})],
            status=400,
        )
    return body


async def read_question(request: Request) -> tuple[dict[str, Any], list[IncomingFile]]:
    """JSON for integrations, multipart when they send files: the API accepts both."""
    if request.content_type[0] in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        return await read_form(request)
    return await read_json(request), []
