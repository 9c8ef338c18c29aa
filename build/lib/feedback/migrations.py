"""Alembic, driven from our CLI and tests with the application's database URL.

Call these outside a running event loop: ``alembic/env.py`` runs its own.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config

from feedback.settings import PROJECT_ROOT

# Objects that exist on one dialect only, created by hand: full-text search (migrations 0006,
# 0009 and 0010: qa_fts*, document_tsv, ix_qa_search_document_tsv*) and the inbox's partial
# covering index (0010); autogenerate must neither drop them nor compare them with the models.
DIALECT_OBJECTS = ("qa_fts", "document_tsv", "ix_qa_search_document_tsv", "ix_ticket_open_by_due")


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic's filter: everything but :data:`DIALECT_OBJECTS` (and FTS5's shadow tables)."""
    return not (name or "").startswith(DIALECT_OBJECTS)


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    return config


def _ensure_sqlite_dir(database_url: str) -> None:
    if database_url.startswith("sqlite") and ":///" in database_url:
        path = database_url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


def upgrade(database_url: str, revision: str = "head") -> None:
    _ensure_sqlite_dir(database_url)
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


def revision(database_url: str, message: str, *, autogenerate: bool = True) -> None:
    command.revision(alembic_config(database_url), message=message, autogenerate=autogenerate)
