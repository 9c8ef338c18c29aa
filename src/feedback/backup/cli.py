"""``caunoi backup DIR`` and ``caunoi restore DIR``."""

from pathlib import Path

import click

from feedback.backup.errors import BackupError
from feedback.settings import get_settings


@click.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
def backup(directory: Path) -> None:
    """Back the database and the uploaded files up into DIRECTORY (new or empty)."""
    from feedback.backup.services import make_backup

    settings = get_settings()
    try:
        manifest = make_backup(settings.database_url, settings.uploads, directory)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    for path in manifest.missing_files:
        click.echo(f"warning: attachment {path} was not in {settings.uploads}", err=True)
    click.echo(
        f"backup written to {directory}: {manifest.database} at {manifest.schema_revision}, "
        f"{manifest.counts.get('ticket', 0)} questions, {len(manifest.files) - 1} files"
    )


@click.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False, exists=True))
def restore(directory: Path) -> None:
    """Restore the backup in DIRECTORY into the empty database and upload directory, then upgrade it."""
    from feedback.backup.services import restore_backup

    settings = get_settings()
    try:
        manifest = restore_backup(directory, settings.database_url, settings.uploads)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"restored {directory} (made {manifest.created_at} by version {manifest.app_version}): "
        f"{manifest.counts.get('ticket', 0)} questions, {len(manifest.files) - 1} files"
    )
