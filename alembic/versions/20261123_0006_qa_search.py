"""Full-text search over published Q&A: a folded document per ticket, FTS5 on SQLite, GIN on PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# FTS5 over qa_search as an external-content table, kept in step by triggers (SQLite's documented pattern).
_SQLITE = [
    "CREATE VIRTUAL TABLE qa_fts USING fts5(document, content='qa_search', content_rowid='ticket_id',"
    " tokenize='unicode61')",
    "CREATE TRIGGER qa_fts_insert AFTER INSERT ON qa_search BEGIN"
    " INSERT INTO qa_fts(rowid, document) VALUES (new.ticket_id, new.document); END",
    "CREATE TRIGGER qa_fts_delete AFTER DELETE ON qa_search BEGIN"
    " INSERT INTO qa_fts(qa_fts, rowid, document) VALUES ('delete', old.ticket_id, old.document); END",
    "CREATE TRIGGER qa_fts_update AFTER UPDATE ON qa_search BEGIN"
    " INSERT INTO qa_fts(qa_fts, rowid, document) VALUES ('delete', old.ticket_id, old.document);"
    " INSERT INTO qa_fts(rowid, document) VALUES (new.ticket_id, new.document); END",
]
_POSTGRESQL = ["CREATE INDEX ix_qa_search_document_fts ON qa_search USING gin (to_tsvector('simple', document))"]


def upgrade() -> None:
    op.create_table(
        "qa_search",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_qa_search_ticket_id_ticket")),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_qa_search")),
    )
    for statement in _SQLITE if op.get_bind().dialect.name == "sqlite" else _POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("qa_fts_update", "qa_fts_delete", "qa_fts_insert"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE qa_fts")
    op.drop_table("qa_search")
