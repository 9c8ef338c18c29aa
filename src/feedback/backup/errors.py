"""What goes wrong with a backup or a restore, in words an operator can act on."""


class BackupError(Exception):
    """A backup that cannot be written, or one that cannot (or must not) be restored."""
