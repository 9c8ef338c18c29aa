"""Administration in the browser, ``/can-bo/quan-tri``: what the ``caunoi`` command changes, for people.

- :mod:`~feedback.admin.hub`: the index page, listing the sections the signed-in role may use;
- :mod:`~feedback.admin.confirm`: the one way every change is shown before it is made
  (what it will affect), then confirmed.

Each section keeps its services (the rules shared with the CLI, the audit record, the preview)
in a module named for what it manages, and its pages beside them in ``<name>_pages.py``.
"""
