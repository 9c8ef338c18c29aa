"""The working calendar as admins change it: the year's page, and the recount of running clocks.

A change to the calendar (an extra day off, a Saturday worked, an override withdrawn) moves
the due times of the clocks whose windows hold a changed day. :mod:`feedback.calendar.recount`
previews that (how many questions move, per clock, a few examples) and applies it with the
override, one event per moved question and the audit entry in one transaction; the web page
(:mod:`feedback.calendar.web`) and the CLI (``caunoi calendar add/remove``) both go through it.
"""
