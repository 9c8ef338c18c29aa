"""The spec's two formats: the same records as JSON or as XML, chosen by the ``.json``/``.xml`` suffix.

GeoReport v2 names a list's root and its items (``<service_requests><request>…``); JSON is the
records as they are (a bare array, or one object for discovery and a service definition). XML
keeps every element, empty ones included (``<status_notes/>``), as clients expect.
"""

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import msgspec
from litestar import Response

Record = Mapping[str, Any]


class Format(StrEnum):
    JSON = "json"
    XML = "xml"

    @property
    def media_type(self) -> str:
        return "application/json" if self is Format.JSON else "text/xml"  # Litestar adds text/xml's charset


ITEM_NAMES = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}
"""The element of each item of a nested list, as the spec's XML examples have them."""


def split_name(name: str) -> tuple[str, Format | None]:
    """``"2026-000123.xml"`` → ``("2026-000123", Format.XML)``; no known suffix → ``(name, None)``."""
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix in Format.__members__.values():
        return stem, Format(suffix)
    return name, None


def format_of_path(path: str) -> Format:
    """The format a path asks for; JSON when it names none (an error must be told in some format)."""
    return split_name(path.rsplit("/", 1)[-1])[1] or Format.JSON


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: Element, record: Record) -> None:
    for key, value in record.items():
        element = SubElement(parent, key)
        if isinstance(value, Mapping):
            _fill(element, value)
        elif isinstance(value, list | tuple):
            for item in value:
                child = SubElement(element, ITEM_NAMES.get(key, "item"))
                if isinstance(item, Mapping):
                    _fill(child, item)
                else:
                    child.text = _text(item)
        elif value is not None:
            element.text = _text(value)


def xml_document(root: str, item: str | None, content: Record | Sequence[Record]) -> bytes:
    """``<root><item>…</item>…</root>`` for a list, ``<root>…</root>`` for one record."""
    top = Element(root)
    if item is None:
        _fill(top, content)  # type: ignore[arg-type]
    else:
        for record in content:  # type: ignore[union-attr]
            _fill(SubElement(top, item), record)
    # The spec's examples write the declaration in double quotes and empty elements as <status_notes/>;
    # " />" cannot occur in text, where ElementTree escapes every ">".
    document = tostring(top, encoding="utf-8", xml_declaration=True).replace(b" />", b"/>")
    return document.replace(b"<?xml version='1.0' encoding='utf-8'?>", b'<?xml version="1.0" encoding="utf-8"?>', 1)


def respond(
    fmt: Format,
    root: str,
    item: str | None,
    content: Record | Sequence[Record],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response[Any]:
    """The response for ``content``: an object (``item`` None) or a list of records named ``item``."""
    if fmt is Format.XML:
        body: Any = xml_document(root, item, content)
    else:
        body = msgspec.json.encode(content)
    return Response(body, status_code=status_code, media_type=fmt.media_type, headers=dict(headers or {}))


def errors(
    fmt: Format, status: int, problems: Sequence[tuple[str, str]], headers: Mapping[str, str] | None = None
) -> Response[Any]:
    """The spec's error list: ``[{code, description}]``, or ``<errors><error>…``; ``code`` is the HTTP status.

    Each problem is ``(field, description)``; the description starts with the field it is about,
    so that a client can tell which one failed (the spec has no field of its own for it).
    """
    records = [{"code": status, "description": f"{field}: {text}" if field else text} for field, text in problems]
    return respond(fmt, "errors", "error", records, status_code=status, headers=headers)
