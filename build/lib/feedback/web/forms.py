"""Turning a request (its path, its query string, its body as form, multipart or JSON) into what a service takes.

What reaches the database is checked here first: an id beyond the integer column's range, or a
reference that cannot be one, would otherwise fail inside PostgreSQL as a 500.
"""

import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Request
from litestar.datastructures import FormMultiDict, UploadFile
from litestar.params import PathParameter

from feedback import references
from feedback.errors import FieldError, InvalidInput
from feedback.schemas import QuestionIn
from feedback.uploads import IncomingFile
from notify.db import MAX_ID
from routing.calendar import VIETNAM, YEARS
from routing.text import contains_control_characters, nfc

QUESTION_FIELDS = tuple(QuestionIn.model_fields)

Id = Annotated[int, PathParameter(ge=1, le=MAX_ID, description="A numeric id.")]
"""An id in a path: a number the database's integer ids can hold, else 404 (see :mod:`feedback.app`)."""
Reference = Annotated[
    str, PathParameter(pattern=references.PATTERN, max_length=16, description="The public reference, e.g. 2026-000123.")
]
"""A question's reference in a path: one that :func:`~feedback.references.format_reference` could write, else 404."""

_DIGITS = re.compile(r"[0-9]{1,10}")  # ASCII only: "²".isdigit() is true, and int() refuses it


def whole_number(value: str | None, field: str, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number from the query string or a form (``page``, ``department``, ``year``), None when left empty.

    Anything else (not a number, or outside ``low``–``high``, which by default is what an id can
    be) is refused with 400 naming ``field``.
    """
    if not value:
        return None
    if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
        raise InvalidInput([FieldError(field, "number_invalid", {"low": low, "high": high})], status=400)
    return int(value)


def instant(text: str | None, field: str) -> datetime | None:
    """An RFC 3339 date and time a client sent, in UTC; without an offset it is Vietnam time, as people here mean it.

    Read here rather than by Litestar, which would also take a number for a Unix time. One
    outside the portal's :data:`~routing.calendar.YEARS` is taken at their nearest end (nothing
    lies beyond), which also keeps it clear of the ends of ``datetime``, where no offset converts.
    Anything else is refused with 400 naming ``field``.
    """
    if text is None:
        return None
    try:
        value = msgspec.convert(text, datetime)
    except msgspec.ValidationError:
        raise InvalidInput([FieldError(field, "date_time_invalid")], status=400) from None
    local = value.replace(tzinfo=VIETNAM) if value.tzinfo is None else value
    if local.year < YEARS.start:
        local = datetime(YEARS.start, 1, 1, tzinfo=VIETNAM)
    elif local.year >= YEARS.stop:
        local = datetime(YEARS.stop, 1, 1, tzinfo=VIETNAM)
    return local.astimezone(UTC)


def refuse_control_characters(fields: Mapping[str, str]) -> None:
    """Refuse (422, naming each field) a page's form whose text carries a control character.

    Every form of the pages passes here before a service sees it: free text, but also the codes,
    references and the username that are looked up in the database, where PostgreSQL would
    refuse a NUL byte with a 500. The question's own fields are checked by its schema,
    :class:`~feedback.schemas.QuestionIn`, for the API as well.
    """
    if failing := [name for name, text in fields.items() if contains_control_characters(text)]:
        raise InvalidInput([FieldError(name, "control_character") for name in failing])


async def read_form(request: Request) -> tuple[dict[str, Any], list[IncomingFile]]:
    """The question's fields and its files from an urlencoded or multipart body.

    Unknown fields are dropped (the CSRF token travels in the same form); a file input left
    empty arrives as a part without a name, which is no file. Text is NFC from here on, so a
    form shown again after an error displays exactly what will be stored.
    """
    form = await request.form()
    fields = {name: nfc(value) for name in QUESTION_FIELDS if isinstance(value := form.get(name), str)}
    return fields, await files_of(form)


def answers_in(pairs: Iterable[tuple[str, Any]], prefix: str = "attribute[") -> dict[str, str | list[str]]:
    """Answers to extra questions from a form's fields named ``{prefix}code]`` (one value) or
    ``{prefix}code][]`` (a multi-valued list's): ``{code: value}``, ``{code: [v1, v2]}``; text is NFC.

    Open311 names them ``attribute[code]``; the portal's form carries every topic's questions as
    ``attribute[topic][code]``, and only the chosen topic's count (its prefix).
    """
    given: dict[str, list[str]] = {}
    listed: set[str] = set()
    for name, value in pairs:
        if not (name.startswith(prefix) and isinstance(value, str)):
            continue
        inner = name.removeprefix(prefix)
        if inner.endswith("][]"):
            code = inner.removesuffix("][]")
            listed.add(code)
        elif inner.endswith("]"):
            code = inner.removesuffix("]")
        else:
            continue
        given.setdefault(code, []).append(nfc(value))
    return {code: values if code in listed or len(values) > 1 else values[0] for code, values in given.items()}


async def read_answers(request: Request, category: str | None) -> dict[str, str | list[str]]:
    """The answers the portal's form gives to the chosen topic's extra questions, by code."""
    if not category:
        return {}
    return answers_in((await request.form()).multi_items(), f"attribute[{category}][")


async def files_of(form: FormMultiDict) -> list[IncomingFile]:
    """The files of the form's ``files`` inputs; an input left empty is no file, and text is refused."""
    if any(isinstance(part, str) and part for part in form.getall("files", [])):
        raise InvalidInput([FieldError("files", "not_a_file")])
    return [
        IncomingFile(part.filename, await part.read())
        for part in form.getall("files", [])
        if isinstance(part, UploadFile) and part.filename
    ]


async def read_json(request: Request) -> dict[str, Any]:
    """The JSON object of the body; 400 for anything else, however it fails to be one.

    Besides syntax, the decoder refuses what would exhaust it: arrays or objects nested
    deeper than Python's recursion allows, and numbers of more than 4,300 digits (a
    ``ValueError``, as are undecodable bytes).
    """
    try:
        body = json.loads(await request.body() or b"null")
    except ValueError as exc:
        raise InvalidInput([FieldError("body", "malformed", {"detail": str(exc)})], status=400) from None
    except RecursionError:
        detail = "nested too deeply"
        raise InvalidInput([FieldError("body", "malformed", {"detail": detail})], status=400) from None
    if not isinstance(body, dict):
        raise InvalidInput(
            [FieldError("body", "malformed", {"detail": "expected a JSON object"})],
            status=400,
        )
    return body


async def read_question(request: Request) -> tuple[dict[str, Any], list[IncomingFile]]:
    """JSON for integrations, multipart when they send files (a urlencoded form too); 415 for anything else."""
    media_type = request.content_type[0]
    if media_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await read_form(request)
    if media_type != "application/json":
        raise InvalidInput([FieldError("body", "media_type_unsupported")], status=415)
    return await read_json(request), []
