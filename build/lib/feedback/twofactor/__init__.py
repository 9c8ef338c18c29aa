"""Two-factor sign-in for staff: a TOTP code from an authenticator app after the password.

- :mod:`~feedback.twofactor.models`: each member's TOTP secret and their recovery codes;
- :mod:`~feedback.twofactor.services`: who must have it, enrolment, checking a code (each code
  once), turning it off, an admin's reset; each change is written to :mod:`feedback.audit`;
- :mod:`~feedback.twofactor.web`: the second step of the login, enrolment, a member's own page
  and the admins' reset page.

The secret is stored as is, not encrypted: a key derived from ``CAUNOI_SECRET_KEY`` would lock
every member out the day that key is rotated, and whoever reads the database can already read
the sessions' store. It is never logged, never put in an audit entry and never shown again
after enrolment.
"""
