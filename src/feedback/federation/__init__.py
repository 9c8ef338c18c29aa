"""Portals that talk to each other: the peers a question may be forwarded to, over Open311.

A peer is another Cầu Nối or any Open311 GeoReport v2 server. This package keeps the register
of peers and what each offers (its services, read from its ``services.json``); forwarding a
question to one is a delivery like an email (see issue 15's plan in the README).
"""
