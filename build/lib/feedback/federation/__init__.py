"""Portals that talk to each other: questions forwarded to peers, followed there, answered through us.

A peer is another Cầu Nối or any Open311 GeoReport v2 server. Where to start reading:

- :mod:`~feedback.federation.peers`, :mod:`~feedback.federation.services`: the register of peers and
  what each offers (``admin`` and ``cli`` are their doors);
- :mod:`~feedback.federation.forwarding`: the origin's side (forward, cancel, what the peer says);
- :mod:`~feedback.federation.receiving`: the peer's side (a forwarded question arrives, is sent back);
- :mod:`~feedback.federation.outbox` and :mod:`~feedback.federation.sender`: messages to peers, sent
  like deliveries; :mod:`~feedback.federation.updates`: the callbacks each public change causes;
- :mod:`~feedback.federation.callbacks` and :mod:`~feedback.federation.signing`: taking a signed
  callback; :mod:`~feedback.federation.polling`: following a peer that does not call back;
- :mod:`~feedback.federation.media`: signed links to the citizen's files;
  :mod:`~feedback.federation.network`: the dashboard's and ``/thong-ke``'s figures.
"""
