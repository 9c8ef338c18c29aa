"""The federation's outbox: messages to peers, written with the change that causes them.

:mod:`feedback.federation.sender` sends them.
"""

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from feedback.federation.models import MessageKind, PeerMessage
from notify.db import on_commit
from notify.queue import kick

QUEUE = "federation"
SEND = "send_peer_messages"


def ask_to_send() -> None:
    """Have a worker send what is due (after the commit that wrote it); never raises."""
    kick(QUEUE, SEND)


def queue_message(
    session: AsyncSession,
    *,
    key: str,
    kind: MessageKind,
    peer_id: Any,
    body: dict[str, Any],
    now: datetime,
    forward_id: int | None = None,
) -> None:
    """Write a message to send to a peer, in the caller's transaction; a worker is asked once it commits.

    ``peer_id`` may be a SQL expression (a callback finds its origin peer in the same INSERT).
    """
    session.add(
        PeerMessage(
            key=key, kind=kind, peer_id=peer_id, forward_id=forward_id, body=body, next_attempt_at=now, created_at=now
        )
    )
    on_commit(session, ask_to_send)
