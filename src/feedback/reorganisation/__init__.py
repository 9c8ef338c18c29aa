"""Reorganising departments without losing a question: merge, split, rename, and hand topics over.

The four are one mechanism. A :class:`~feedback.reorganisation.plans.Plan` names the
departments that end (its sources), the ones that take over (existing or created), and which
open questions go where (all of them, or by topic for a split). :func:`~feedback.reorganisation.apply.apply`
then, in the caller's transaction and with a handful of bulk statements:

- moves the open questions with every clock untouched (the deadline the citizen was told is
  kept), each with a ``ticket:reorganised`` event naming the old and new departments; one whose
  officer does not go with it (a split's other targets, a hand-over) returns to its new
  department's queue, unassigned;
- leaves the closed ones with the version that answered them, so they keep the name of the time
  (shown with "(nay là …)", :mod:`~feedback.reorganisation.names`);
- moves staff accounts, saved replies, routing rules, topic defaults, open coordination requests
  and sub-departments, and lists what an admin should check;
- ends each source version (``valid_to``, inactive, ``successor_id``) and records an audit entry.

A hand-over (a function transferred by decision) ends nothing: its source stays in service with its
staff and replies, and only the given topics' open questions, rules and defaults move.

Pages: :mod:`~feedback.reorganisation.web`; commands: :mod:`~feedback.reorganisation.cli`.
"""
