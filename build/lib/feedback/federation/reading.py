"""Reading JSON from a peer: what every GET to a peer's Open311 root shares (reachable, 200, JSON)."""

from typing import Any

import httpx

TIMEOUT = httpx.Timeout(10.0)


class PeerUnreadable(Exception):
    """The peer did not give us what we asked for; the message says why, for staff and the logs."""


async def get_json(client: httpx.AsyncClient, url: str, **request: Any) -> Any:
    """The JSON body of ``GET url`` (``request``: httpx's ``params``, ``headers``…); :class:`PeerUnreadable` otherwise."""
    try:
        response = await client.get(url, timeout=TIMEOUT, **request)
    except httpx.HTTPError as exc:
        raise PeerUnreadable(f"the peer could not be reached ({type(exc).__name__})") from None
    if response.status_code != 200:
        raise PeerUnreadable(f"the peer answered HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise PeerUnreadable("the peer's answer is not JSON") from None
