"""The origin's side of a forward, on SQLite and PostgreSQL: refusals, cancelling, and a peer late by its
own deadline escalating here like a late department. (Two real portals talking: test_federation.py.)"""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from feedback.errors import InvalidInput
from feedback.escalations import escalate_due
from feedback.federation import forwarding, media, signing
from feedback.federation.models import Forward, ForwardStatus, MessageKind, Peer, PeerMessage
from feedback.federation.peers import add_peer, remove_peer
from feedback.lifecycle import EventKind, TicketStatus
from feedback.models import Ticket, TicketEvent
from notify.db import Database
from notify.models import DeliveryStatus, Notification
from tests.factories import submit

# Monday 7/12/2026 09:00 in Vietnam, a working day.
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
SERVICES = [{"code": "thue", "name": "Thuế, phí, lệ phí", "group": ""}]


async def _peer(database: Database, name: str = "Cổng TTĐT Bộ Tài chính") -> int:
    async with database.transaction() as session:
        peer = await add_peer(
            session, name=name, url="https://hoidap.mof.gov.vn/open311/v2", key="khoa", secret="bí-mật-chung-đủ-dài"
        )
        peer.services = SERVICES
        return peer.id


async def _forward(database: Database, ticket_id: int, peer_id: int, **overrides: str) -> Forward:
    fields = {"service_code": "thue", "reason": "Thuộc thẩm quyền của Bộ Tài chính"} | overrides
    async with database.transaction() as session:
        return await forwarding.forward(session, ticket_id, peer_id=peer_id, actor_id=None, now=NOW, **fields)


async def test_a_forward_waits_in_the_outbox_and_can_be_cancelled_until_the_peer_takes_it(
    database: Database, tmp_path
) -> None:
    ticket_id = (await submit(database, tmp_path, now=NOW)).ticket_id
    peer_id = await _peer(database)
    sent = await _forward(database, ticket_id, peer_id)
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
        [message] = await session.scalars(sa.select(PeerMessage))
        assert ticket.status is TicketStatus.FORWARDED and sent.status is ForwardStatus.WAITING
        assert message.kind is MessageKind.FORWARD and message.status is DeliveryStatus.PENDING
        assert message.body["service_code"] == "thue" and message.body["origin_reference"] == ticket.reference
        assert "email" not in message.body and "phone" not in message.body and "first_name" not in message.body
        await forwarding.cancel(session, ticket_id, actor_id=None, now=NOW + timedelta(minutes=5))
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
        message = await session.get_one(PeerMessage, message.id)
        assert ticket.status is TicketStatus.TRIAGE
        assert message.status is DeliveryStatus.FAILED and message.error == "cancelled by staff"
        assert (await session.get_one(Forward, sent.id)).status is ForwardStatus.CANCELLED
        kinds = list(await session.scalars(sa.select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket_id)))
        assert kinds[-2:] == [EventKind.FORWARDED, EventKind.FORWARD_CANCELLED]
    with pytest.raises(InvalidInput):
        async with database.transaction() as session:
            await forwarding.cancel(session, ticket_id, actor_id=None, now=NOW + timedelta(minutes=6))


async def test_a_forward_is_refused_with_the_failing_field_and_changes_nothing(database: Database, tmp_path) -> None:
    ticket_id = (await submit(database, tmp_path, now=NOW)).ticket_id
    peer_id = await _peer(database)
    for overrides, field in [
        ({"service_code": "khong-co"}, "service"),
        ({"reason": "  "}, "reason"),
        ({"reason": "<script>x</script>"}, "reason"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            await _forward(database, ticket_id, peer_id, **overrides)
        assert field in refused.value.messages
    async with database.transaction() as session:
        await remove_peer(session, "Cổng TTĐT Bộ Tài chính")
    with pytest.raises(InvalidInput) as refused:
        await _forward(database, ticket_id, peer_id)
    assert refused.value.messages == {"service": "Chọn một cổng trong danh sách các cổng liên thông."}
    async with database.transaction() as session:
        assert (await session.get_one(Ticket, ticket_id)).status is not TicketStatus.FORWARDED
        assert not (await session.scalars(sa.select(PeerMessage))).all()
        assert not (await session.scalars(sa.select(Forward))).all()


async def test_a_peer_late_by_its_own_deadline_escalates_here_like_a_late_department(
    database: Database, tmp_path
) -> None:
    ticket_id = (await submit(database, tmp_path, now=NOW)).ticket_id
    peer_id = await _peer(database)
    sent = await _forward(database, ticket_id, peer_id)
    expected = NOW + timedelta(days=3)
    async with database.transaction() as session:
        await forwarding.taken(session, {sent.id: [{"service_request_id": "2026-000042"}]}, now=NOW)
        peer = await session.get_one(Peer, peer_id)
        sent = await forwarding.forward_at(session, peer, "2026-000042")
        update = {"kind": "accepted", "notes": None, "expected_datetime": expected, "public_url": None}
        await forwarding.apply_update(session, sent, peer, update, now=NOW + timedelta(minutes=1))
    async with database.transaction() as session:
        ticket = await session.get_one(Ticket, ticket_id)
        assert ticket.accepted_at == NOW  # the transfer clock was met when the peer took it
        assert ticket.answer_due_at == expected and ticket.next_check_at is not None
    async with database.transaction() as session:
        fired = (await escalate_due(session, now=expected + timedelta(days=5))).fired
    assert fired >= 1
    async with database.transaction() as session:
        escalated = [
            e.data for e in await session.scalars(sa.select(TicketEvent).where(TicketEvent.kind == EventKind.ESCALATED))
        ]
        recipients = list(
            await session.scalars(sa.select(Notification.recipient).where(Notification.kind.startswith("sla_")))
        )
    assert {e["clock"] for e in escalated} == {"answer"}
    assert recipients and all(r != "department:None" for r in recipients)


def test_a_callback_signature_must_match_and_be_fresh() -> None:
    body = b'{"update_id": "u1"}'
    headers = signing.signed_headers(key="k", secret="s" * 20, body=body, now=NOW)
    timestamp, given = headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER]
    signing.verify(secret="s" * 20, timestamp=timestamp, given=given, body=body, now=NOW + timedelta(minutes=4))
    for secret, stamp, sig, data, at, why in [
        ("t" * 20, timestamp, given, body, NOW, "does not match"),
        ("s" * 20, timestamp, given, body + b" ", NOW, "does not match"),
        ("s" * 20, timestamp, given, body, NOW + timedelta(minutes=6), "5 minutes"),
        ("s" * 20, timestamp, given, body, NOW - timedelta(minutes=6), "5 minutes"),
        ("s" * 20, "soon", given, body, NOW, "number of seconds"),
        ("s" * 20, None, given, body, NOW, "not signed"),
    ]:
        with pytest.raises(signing.BadSignature, match=why):
            signing.verify(secret=secret, timestamp=stamp, given=sig, body=data, now=at)


def test_a_file_link_works_for_its_file_until_it_expires() -> None:
    link = media.signed_link("https://hoidap.thanhhoa.gov.vn", "bí-mật", 7, now=NOW)
    query = dict(part.split("=") for part in link.split("?")[1].split("&"))
    expires, signature = query["het-han"], query["chu-ky"]
    assert media.link_allows("bí-mật", 7, expires, signature, now=NOW + media.VALID_FOR - timedelta(seconds=1))
    assert not media.link_allows("bí-mật", 7, expires, signature, now=NOW + media.VALID_FOR + timedelta(seconds=1))
    assert not media.link_allows("bí-mật", 8, expires, signature, now=NOW)
    assert not media.link_allows("khác", 7, expires, signature, now=NOW)
    assert not media.link_allows("bí-mật", 7, str(int(expires) + 60), signature, now=NOW)
    assert not media.link_allows("bí-mật", 7, None, signature, now=NOW)
