"""Signed callbacks between Cầu Nối portals: HMAC-SHA256 over the timestamp and the body.

The sender puts three headers on its JSON POST: ``X-Caunoi-Key`` (the key the receiver gave it,
which names the peer), ``X-Caunoi-Timestamp`` (Unix seconds) and ``X-Caunoi-Signature``
(``sha256=`` and the hex HMAC of ``"{timestamp}.{body}"`` under the secret both registered). The
receiver refuses a wrong signature, and a timestamp more than :data:`TOLERANCE` away from its own
clock; a replay within that window is refused by the update's id (:class:`~feedback.federation.models.SeenUpdate`).
"""

import hashlib
import hmac
from datetime import datetime, timedelta

KEY_HEADER = "X-Caunoi-Key"
TIMESTAMP_HEADER = "X-Caunoi-Timestamp"
SIGNATURE_HEADER = "X-Caunoi-Signature"
TOLERANCE = timedelta(minutes=5)


class BadSignature(Exception):
    """The callback is not one we can trust; the message says why (for the sender's logs)."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(*, key: str, secret: str, body: bytes, now: datetime) -> dict[str, str]:
    """The headers that go with ``body``, signed at ``now``."""
    timestamp = str(int(now.timestamp()))
    return {
        "Content-Type": "application/json",
        KEY_HEADER: key,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def verify(*, secret: str, timestamp: str | None, given: str | None, body: bytes, now: datetime) -> None:
    """Raise :class:`BadSignature` unless ``given`` signs ``body`` at ``timestamp``, and that is within the tolerance."""
    if not timestamp or not given:
        raise BadSignature("the callback is not signed")
    try:
        sent_at = datetime.fromtimestamp(int(timestamp), tz=now.tzinfo)
    except (ValueError, OverflowError, OSError):
        raise BadSignature("the timestamp is not a number of seconds") from None
    if not hmac.compare_digest(signature(secret, timestamp, body), given):
        raise BadSignature("the signature does not match")
    if abs(now - sent_at) > TOLERANCE:
        raise BadSignature("the timestamp is more than 5 minutes off")
