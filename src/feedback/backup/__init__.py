"""Backups and restore: the database and the uploaded files, with a manifest that vouches for them.

``caunoi backup DIR`` and ``caunoi restore DIR`` (:mod:`feedback.backup.cli`) call
:func:`~feedback.backup.services.make_backup` and :func:`~feedback.backup.services.restore_backup`.
"""

from feedback.backup.errors import BackupError
from feedback.backup.services import Manifest, make_backup, restore_backup

__all__ = ["BackupError", "Manifest", "make_backup", "restore_backup"]
