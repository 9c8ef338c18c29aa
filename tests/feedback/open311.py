"""Helpers of the Open311 tests: a response read the same way whatever its format, keys, filing.

Each resource is read into plain records of text (:func:`records`): JSON's ``null``, ``false``
and ``19.8`` become ``""``, ``"false"`` and ``"19.8"``, as XML carries them, so that one
assertion holds for both formats and a test can compare the two.
"""

import xml.etree.ElementTree as ET
from typing import Any

import httpx
import sqlalchemy as sa

from feedback.models import Ticket
from feedback.open311.keys import add_client
from notify.db import Database

V2 = "/open311/v2"
FORMATS = ("json", "xml")
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>'
CONTENT_TYPES = {"json": "application/json", "xml": "text/xml; charset=utf-8"}

LISTS = {
    "services",
    "service_requests",
    "service_request_updates",
    "errors",
    "endpoints",
    "formats",
    "attributes",
    "values",
}
"""The XML elements whose children are the items of a list (every other element with children is a record)."""

REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "lat",
    "long",
    "media_url",
]
W3C = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$"

CITIZEN = {
    "email": "ngoc.diep.lac@example.com",
    "phone": "0912 345 678",
    "first_name": "Ngọc Diệp",
    "last_name": "Lạc",
    "account_id": "acc-secret-4711",
    "device_id": "device-4711",
}
"""What an app may tell about the citizen: none of it may come back in a GET."""
PERSONAL = [
    "ngoc.diep.lac@example.com",
    "0912345678",
    "912345678",
    "+84912345678",
    "0912 345 678",
    "Ngọc Diệp",
    "Lạc",
    "acc-secret-4711",
]

DESCRIPTION = (
    "Kính gửi Sở, gia đình tôi đã nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu từ tháng trước "
    "mà chưa nhận được kết quả. Xin hỏi thời hạn giải quyết là bao lâu?"
)


def _from_xml(element: ET.Element) -> Any:
    if element.tag in LISTS:
        return [_from_xml(child) for child in element]
    if len(element):
        return {child.tag: _from_xml(child) for child in element}
    return element.text or ""


def as_text(value: Any) -> Any:
    """A JSON value as its XML counterpart carries it."""
    if isinstance(value, list):
        return [as_text(item) for item in value]
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def xml_root(response: httpx.Response) -> ET.Element:
    """The parsed XML document, after checking its declaration (the spec's clients expect exactly it)."""
    assert response.content.startswith(DECLARATION), response.content[:80]
    return ET.fromstring(response.content)


def records(response: httpx.Response, fmt: str) -> Any:
    """The body of a response in ``fmt``, checked for its content type, as records of text."""
    assert response.headers["content-type"] == CONTENT_TYPES[fmt], response.headers["content-type"]
    assert not response.text.lstrip().lower().startswith(("<!doctype", "<html"))
    if fmt == "json":
        return as_text(response.json())
    return _from_xml(xml_root(response))


def spec_errors(response: httpx.Response, fmt: str, status: int) -> list[str]:
    """The descriptions of the spec's error list, after checking it is one, with ``status`` everywhere."""
    assert response.status_code == status, (response.status_code, response.text)
    body = records(response, fmt)
    if fmt == "xml":
        assert xml_root(response).tag == "errors"
    else:
        assert isinstance(response.json(), list)
    assert body, "an error list is never empty"
    assert all(set(error) == {"code", "description"} for error in body), body
    assert {error["code"] for error in body} == {str(status)}
    return [error["description"] for error in body]


def fields_named(response: httpx.Response, fmt: str, status: int) -> set[str]:
    """The parameters the errors name (each description starts ``parameter: …``)."""
    return {description.split(":", 1)[0] for description in spec_errors(response, fmt, status)}


async def register(database: Database, name: str = "Test app") -> tuple[int, str]:
    """A client app and its key."""
    async with database.transaction() as session:
        app, key = await add_client(session, name)
        return app.id, key


async def file_request(client: Any, key: str | None, fmt: str = "json", **fields: Any) -> httpx.Response:
    """``POST requests.{fmt}``: a question on land, with the key in the form unless ``key`` is None."""
    data: dict[str, Any] = {"service_code": "dat-dai", "description": DESCRIPTION}
    if key is not None:
        data["api_key"] = key
    data.update(fields)
    return await client.post(f"{V2}/requests.{fmt}", data={k: v for k, v in data.items() if v is not None})


async def filed(client: Any, key: str, **fields: Any) -> str:
    """The reference of a request filed with ``key`` (it must be accepted)."""
    response = await file_request(client, key, **fields)
    assert response.status_code == 201, response.text
    return response.json()[0]["service_request_id"]


async def ticket(database: Database, reference: str) -> Ticket:
    async with database.transaction() as session:
        return (await session.scalars(sa.select(Ticket).where(Ticket.reference == reference))).one()


async def tickets(database: Database) -> list[Ticket]:
    async with database.transaction() as session:
        return list(await session.scalars(sa.select(Ticket).order_by(Ticket.id)))
