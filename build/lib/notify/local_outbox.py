"""The local outbox: with a channel left unconfigured, its messages are kept as files for an admin to read."""

from pathlib import Path


def keep(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name``, whole or not at all (a reader never sees half a message)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    partial = path.with_name(f"{name}.part")
    partial.write_bytes(data)
    partial.replace(path)
    return path
