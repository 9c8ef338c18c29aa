"""Links a peer can fetch a forwarded question's attachments by: signed, and expiring.

The peer gets no account with us, so each link carries its own permission: the attachment's
id and an expiry, signed (HMAC-SHA256) with the portal's secret key. A link that is altered,
or used after :data:`VALID_FOR`, is refused as if the file did not exist.
"""

import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import urlencode

VALID_FOR = timedelta(days=30)
"""Long enough for a peer down a while to take the question, and for its staff to open the files."""
PATH = "/lien-thong/tep/{attachment_id}"


def _signature(secret: str, attachment_id: int, expires: int) -> str:
    return hmac.new(secret.encode(), f"{attachment_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def signed_link(base_url: str, secret: str, attachment_id: int, *, now: datetime) -> str:
    """The link to attachment ``attachment_id``, valid for :data:`VALID_FOR` from ``now``."""
    expires = int((now + VALID_FOR).timestamp())
    query = urlencode({"het-han": expires, "chu-ky": _signature(secret, attachment_id, expires)})
    return f"{base_url}{PATH.format(attachment_id=attachment_id)}?{query}"


def link_allows(secret: str, attachment_id: int, expires: str | None, signature: str | None, *, now: datetime) -> bool:
    """Whether a link's expiry and signature let it fetch ``attachment_id`` at ``now``."""
    if not expires or not signature or not expires.isdigit() or int(expires) < now.timestamp():
        return False
    return hmac.compare_digest(_signature(secret, attachment_id, int(expires)), signature)
