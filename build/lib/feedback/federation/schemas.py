"""What the admin page shows of a peer: never its key or the secret we share with it."""

from datetime import datetime

from pydantic import BaseModel

from feedback.federation.models import Peer
from feedback.federation.peers import key_hint


class PeerOut(BaseModel):
    """A registered peer as a list shows it: the key's first characters only, the secret not at all."""

    name: str
    base_url: str
    key_hint: str
    send_contact: bool
    client_id: int | None
    service_count: int
    services_fetched_at: datetime | None
    services_error: str | None

    @classmethod
    def of(cls, peer: Peer) -> "PeerOut":
        return cls(
            name=peer.name,
            base_url=peer.base_url,
            key_hint=key_hint(peer.api_key),
            send_contact=peer.send_contact,
            client_id=peer.client_id,
            service_count=len(peer.services),
            services_fetched_at=peer.services_fetched_at,
            services_error=peer.services_error,
        )
