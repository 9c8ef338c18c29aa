"""Real third-party Open311 clients from PyPI drive a real ``caunoi run`` over HTTP on loopback.

The server is started as a newcomer would (``caunoi db upgrade``, ``caunoi demo load``,
``caunoi run``) with its own SQLite file, on a free port, its jurisdiction ``thanhhoa.gov.vn``;
before it starts, a client app is registered. The demo gives land questions (``dat-dai``) their
extra questions (the parcel number ``so-thua``, required, and two optional ones), so that a
service definition has attributes. Each client is used as it is on PyPI.

georeport 0.3.1 (2025, Python 3; needs ``requests`` and ``xmltodict``) reads only: it has no way
to file a request. What it needs from the server:

- ``GET {root}/services.{fmt}``, ``services/{code}.{fmt}``, ``requests.{fmt}`` and
  ``requests/{id}.{fmt}``, the format by suffix, in JSON or XML (``output_format``);
- ``jurisdiction_id`` in the query string of every call when one is configured;
- a 2xx status (it calls ``raise_for_status``): an error reaches the caller as ``HTTPError``;
- JSON: lists as bare arrays, the definition as an object, ``requests/{id}`` as an array (it
  takes ``[0]``); XML: the roots ``services``/``service``, ``service_definition`` and
  ``service_requests``/``request``, as the spec names them;
- it never sends a key, so it reads what is public.

Its quirks (of xmltodict, not of the server): in XML a list of one comes back as a lone dict,
and an empty list (``<service_requests />``, as the spec has it) as ``None``, on which it then
fails with ``TypeError``; an element's text is a string and an empty element ``None``.

three 0.8.0 (2013, Code for America; written for Python 2.6/2.7, needs ``requests``,
``simplejson``, ``relaxml``, ``mock``) files and reads. What it needs from the server:

- the endpoint's paths under a root it ends with ``/``: ``discovery.json``, ``services.json``,
  ``services/{code}.json``, ``requests.json`` (GET and POST), ``requests/{id}.json``,
  ``tokens/{token}.json``;
- ``POST requests.json`` as ``application/x-www-form-urlencoded`` with ``api_key`` (and
  ``jurisdiction_id`` when configured) in the form body, any extra keyword sent as a parameter
  as it is (so ``attribute[code]`` works); ``address`` becomes ``address_string``, ``name``
  becomes ``first_name`` and ``last_name`` (it must be exactly two words, or it fails before
  sending: give ``first_name``/``last_name`` yourself for a Vietnamese name of three);
- an error as a body it can read: below 500 it parses the body whatever the status, so the
  spec's error list reaches the caller as data; at 500 and above it returns the raw bytes;
- dates it sends itself (``start``/``end`` as ``mm-dd-yyyy``) go out as
  ``2026-12-01T00:00:00Z``: W3C in UTC;
- it sends the key only where told (``api_key=`` on a GET), so its GETs read what is public.

Shimmed, as Python 3 removed it from the standard library: ``itertools.ifilter`` (it is
``filter`` now), which three imports at the top of ``three.core``. Not shimmed: three's XML
mode cannot work on Python 3 at all (``content.keys()[0]`` on a dict view, and relaxml calls
``Element.getchildren()``), so three is driven in JSON and georeport covers XML.
"""

import asyncio
import importlib
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import ModuleType

import pytest
import requests
import sqlalchemy as sa
from georeport import GeoReport

from feedback.models import Ticket
from feedback.open311.keys import add_client
from notify.db import Database
from tests.feedback.open311 import CITIZEN, DESCRIPTION, PERSONAL
from tests.instances import running_instance

JURISDICTION = "thanhhoa.gov.vn"


async def _prepare(database_url: str) -> str:
    """Register the app whose key the clients use; the key."""
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            _, key = await add_client(session, "Thanh Hóa Smart (ứng dụng thử)")
            return key
    finally:
        await database.dispose()


async def _ticket(database_url: str, reference: str) -> Ticket:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            return (await session.scalars(sa.select(Ticket).where(Ticket.reference == reference))).one()
    finally:
        await database.dispose()


class Server:
    def __init__(self, root: str, key: str, database_url: str) -> None:
        self.root = root
        """The endpoint, ``http://127.0.0.1:{port}/open311/v2``."""
        self.key = key
        self.database_url = database_url

    def ticket(self, reference: str) -> Ticket:
        return asyncio.run(_ticket(self.database_url, reference))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    keys: list[str] = []
    with running_instance(
        tmp_path_factory.mktemp("open311_server"),
        prepare=lambda database_url: keys.append(asyncio.run(_prepare(database_url))),
        CAUNOI_OPEN311_JURISDICTION=JURISDICTION,
    ) as instance:
        yield Server(f"{instance.url}/open311/v2", keys[0], instance.database_url)


@pytest.fixture(scope="module")
def three() -> ModuleType:
    """three 0.8.0, imported once ``itertools.ifilter`` (gone in Python 3) is back as ``filter``."""
    if not hasattr(itertools, "ifilter"):
        itertools.ifilter = filter  # type: ignore[attr-defined]
    return importlib.import_module("three")


@pytest.fixture(scope="module")
def filed(server: Server, three: ModuleType) -> str:
    """A request three filed on a citizen's behalf, with the answer to the extra question; its reference."""
    client = three.Three(server.root, api_key=server.key, jurisdiction=JURISDICTION, format="json")
    answer = client.post(
        "dat-dai",
        description=DESCRIPTION,
        address="Số 12 Lê Lợi, phường Hạc Thành",
        lat="19.8067",
        long="105.7852",
        **CITIZEN,
        **{"attribute[so-thua]": "125"},
    )
    assert client.post_response.status_code == 201, answer
    [created] = answer
    assert set(created) == {"service_request_id", "service_notice", "account_id"}
    assert created["account_id"] == CITIZEN["account_id"]
    assert created["service_notice"].startswith("Cơ quan có thẩm quyền trả lời trước")
    return created["service_request_id"]


# --- three 0.8.0 ------------------------------------------------------------------------------------


def test_three_files_a_request_that_becomes_a_ticket(server: Server, filed: str) -> None:
    ticket = server.ticket(filed)
    assert (ticket.channel, ticket.status, ticket.body) == ("open311", "assigned", DESCRIPTION)
    assert (ticket.latitude, ticket.longitude) == (19.8067, 105.7852)
    assert ticket.address == "Số 12 Lê Lợi, phường Hạc Thành"
    assert ticket.attributes == {"so-thua": "125"}
    assert (ticket.citizen_name, ticket.citizen_phone) == ("Ngọc Diệp Lạc", "+84912345678")


def test_three_discovers_and_lists_services(server: Server, three: ModuleType) -> None:
    client = three.Three(server.root, jurisdiction=JURISDICTION)
    discovery = client.discovery()
    assert discovery["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    services = client.services()
    assert {"dat-dai", "ho-tich"} <= {s["service_code"] for s in services}
    definition = client.services("dat-dai")
    assert [a["code"] for a in definition["attributes"]] == ["so-thua", "so-to-ban-do", "loai-dat"]


def test_three_reads_the_request_back_and_finds_it(server: Server, three: ModuleType, filed: str) -> None:
    client = three.Three(server.root, jurisdiction=JURISDICTION)
    [public] = client.request(filed)
    assert (public["service_request_id"], public["status"], public["description"]) == (filed, "open", "")
    [own] = client.request(filed, api_key=server.key)
    assert own["description"] == DESCRIPTION
    assert (own["lat"], own["long"]) == (19.8067, 105.7852)
    today = datetime.now(UTC)
    listed = client.requests(
        "dat-dai",
        start=(today - timedelta(days=3)).strftime("%m-%d-%Y"),
        end=(today + timedelta(days=2)).strftime("%m-%d-%Y"),
    )
    assert filed in [r["service_request_id"] for r in listed]
    assert [r["service_request_id"] for r in client.requests(service_request_id=filed, status="open")] == [filed]


def test_three_gets_the_spec_errors_as_data(server: Server, three: ModuleType) -> None:
    client = three.Three(server.root, api_key=server.key, jurisdiction=JURISDICTION)
    refused = client.post("dat-dai", description="Hỏi", first_name="Lan", last_name="Lê")  # so-thua is required
    assert client.post_response.status_code == 400
    assert refused == [{"code": 400, "description": refused[0]["description"]}]
    assert refused[0]["description"].startswith("attribute[so-thua]: ")
    wrong_key = three.Three(server.root, api_key="khoa-sai").post("dat-dai", description="Hỏi")
    assert wrong_key[0]["code"] == 403
    assert client.token("3f1c0e2a")[0]["code"] == 404
    elsewhere = three.Three(server.root, api_key=server.key, jurisdiction="hanoi.gov.vn")
    assert elsewhere.services()[0]["code"] == 404


# --- georeport 0.3.1 --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_lists_services_and_reads_a_definition(server: Server, fmt: str) -> None:
    client = GeoReport(server.root, jurisdiction=JURISDICTION, output_format=fmt)
    services = {s["service_code"]: s for s in client.get_service_list()}
    assert services["dat-dai"]["service_name"] == "Đất đai, giấy chứng nhận quyền sử dụng đất"
    assert str(services["dat-dai"]["metadata"]).lower() == "true"
    assert str(services["ho-tich"]["metadata"]).lower() == "false"
    definition = client.get_service_definition("dat-dai")
    attribute = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    attribute = attribute[0]
    assert (attribute["code"], attribute["datatype"], str(attribute["required"]).lower()) == (
        "so-thua",
        "string",
        "true",
    )
    assert attribute["description"] == "Số thửa đất"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_reads_the_filed_request(server: Server, filed: str, fmt: str) -> None:
    client = GeoReport(server.root, jurisdiction=JURISDICTION, output_format=fmt)
    request = client.get_service_request(filed)
    request = request[0] if isinstance(request, list) else request
    assert request["service_request_id"] == filed
    assert request["status"] == "open"
    assert request["service_code"] == "dat-dai"
    assert request["agency_responsible"] == "Sở Nông nghiệp và Môi trường"
    assert not request["description"]  # not the app's key: what is public, and the citizen allowed nothing
    assert request["expected_datetime"].endswith("+07:00")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_lists_requests_with_its_filters(server: Server, filed: str, fmt: str) -> None:
    client = GeoReport(server.root, jurisdiction=JURISDICTION, output_format=fmt)

    def ids(found: list | dict) -> list[str]:
        return [r["service_request_id"] for r in (found if isinstance(found, list) else [found])]

    assert filed in ids(client.get_service_requests())
    assert filed in ids(client.get_service_requests(service_code="dat-dai", status="open"))
    now = datetime.now(UTC)
    window = {"start_date": (now - timedelta(days=1)).isoformat(), "end_date": (now + timedelta(hours=1)).isoformat()}
    assert filed in ids(client.get_service_requests(**window))
    assert ids(client.get_service_requests(service_request_id=filed)) == [filed]
    assert filed not in ids(client.get_service_requests(status="closed"))
    if fmt == "json":
        assert client.get_service_requests(service_code="khong-co") == []
    else:  # the server sends <service_requests />, as the spec has it; georeport cannot read it
        with pytest.raises(TypeError):
            client.get_service_requests(service_code="khong-co")


def test_georeport_meets_the_errors_as_http_errors(server: Server) -> None:
    for client in (GeoReport(server.root, jurisdiction="hanoi.gov.vn"), GeoReport(server.root, output_format="xml")):
        with pytest.raises(requests.HTTPError) as refused:
            client.get_service_definition("khong-co")
        assert refused.value.response.status_code == 404
        assert refused.value.response.text.lstrip()[:1] in ("[", "<")  # the spec's error list, not a page
        assert "<html" not in refused.value.response.text.lower()


def test_no_client_ever_reads_personal_data(server: Server, filed: str, three: ModuleType) -> None:
    own = three.Three(server.root, api_key=server.key, jurisdiction=JURISDICTION, format="json")
    bodies = [
        requests.get(f"{server.root}/{path}", params=params, timeout=10).text
        for path in (f"requests/{filed}.json", f"requests/{filed}.xml", "requests.json", "servicerequestupdates.xml")
        for params in ({}, {"api_key": server.key})
    ]
    bodies.append(str(own.request(filed, api_key=server.key)))
    for body in bodies:
        for secret in PERSONAL:
            assert secret not in body
