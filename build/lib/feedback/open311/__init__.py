"""Open311 GeoReport v2 at ``/open311/v2``: the open standard apps and other portals file questions in.

The package translates tickets to the spec's shapes at the edge and nothing more: a question
filed here enters through :func:`feedback.intake.receive_question` like any other, with channel
``open311`` and the client app that filed it.
"""
