"""The audit trail: who changed what in the administration, when, and how it was before and after.

- :mod:`~feedback.audit.models`: the ``audit_entry`` table;
- :mod:`~feedback.audit.services`: :func:`~feedback.audit.services.record` (for every admin
  change, in the change's own transaction), the paged list and the CSV export;
- :mod:`~feedback.audit.web`: the admins' read-only page ``/can-bo/quan-tri/nhat-ky``.

Entries hold no secrets: callers pass only what an admin may read (never a password, a TOTP
secret or a recovery code).
"""
