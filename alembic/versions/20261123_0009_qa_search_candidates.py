"""Search that stays fast on broad queries: filter columns on qa_search and, on PostgreSQL, a stored tsvector.

Ranking recomputed ``to_tsvector`` for every matching row; a stored, GIN-indexed ``document_tsv``
column is read instead. ``published_at``, ``category_id`` and ``department_id`` let the search
filter and take the newest matches without joining the tickets.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# SQLite rebuilds qa_search to change it, which drops the triggers that keep FTS5 in step (0006).
_SQLITE_TRIGGERS = {
    "qa_fts_insert": "CREATE TRIGGER qa_fts_insert AFTER INSERT ON qa_search BEGIN"
    " INSERT INTO qa_fts(rowid, document) VALUES (new.ticket_id, new.document); END",
    "qa_fts_delete": "CREATE TRIGGER qa_fts_delete AFTER DELETE ON qa_search BEGIN"
    " INSERT INTO qa_fts(qa_fts, rowid, document) VALUES ('delete', old.ticket_id, old.document); END",
    "qa_fts_update": "CREATE TRIGGER qa_fts_update AFTER UPDATE ON qa_search BEGIN"
    " INSERT INTO qa_fts(qa_fts, rowid, document) VALUES ('delete', old.ticket_id, old.document);"
    " INSERT INTO qa_fts(rowid, document) VALUES (new.ticket_id, new.document); END",
}


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _restore_triggers() -> None:
    if _sqlite():
        for name, statement in _SQLITE_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(statement)
        op.execute("INSERT INTO qa_fts(qa_fts) VALUES ('rebuild')")


def upgrade() -> None:
    with op.batch_alter_table("qa_search", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("category_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("department_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE qa_search SET published_at = (SELECT published_at FROM ticket WHERE ticket.id = qa_search.ticket_id),"
        " category_id = (SELECT category_id FROM ticket WHERE ticket.id = qa_search.ticket_id),"
        " department_id = (SELECT department_id FROM ticket WHERE ticket.id = qa_search.ticket_id)"
    )
    op.execute("DELETE FROM qa_search WHERE published_at IS NULL")
    with op.batch_alter_table("qa_search", schema=None) as batch_op:
        batch_op.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column("category_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_qa_search_published_at"), ["published_at"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_qa_search_category_id_category"), "category", ["category_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_qa_search_department_id_department"), "department", ["department_id"], ["id"]
        )
    _restore_triggers()
    if not _sqlite():
        op.execute("DROP INDEX ix_qa_search_document_fts")
        op.execute(
            "ALTER TABLE qa_search ADD COLUMN document_tsv tsvector"
            " GENERATED ALWAYS AS (to_tsvector('simple', document)) STORED"
        )
        op.execute("CREATE INDEX ix_qa_search_document_tsv ON qa_search USING gin (document_tsv)")


def downgrade() -> None:
    if not _sqlite():
        op.execute("DROP INDEX ix_qa_search_document_tsv")
        op.execute("ALTER TABLE qa_search DROP COLUMN document_tsv")
        op.execute("CREATE INDEX ix_qa_search_document_fts ON qa_search USING gin (to_tsvector('simple', document))")
    with op.batch_alter_table("qa_search", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_qa_search_department_id_department"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_qa_search_category_id_category"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_qa_search_published_at"))
        batch_op.drop_column("department_id")
        batch_op.drop_column("category_id")
        batch_op.drop_column("published_at")
    _restore_triggers()
