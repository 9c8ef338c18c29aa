"""PostgreSQL only: search that reads the recent matches first, and an index that serves the department inbox.

``ix_qa_search_document_tsv_published`` (GIN over the vector *and* ``published_at``, with the
``btree_gin`` extension from PostgreSQL's contrib) replaces the vector's own GIN index: a search
of common words asks first for the matches of the last months, which the index then finds
without reading every match of every year (see :mod:`feedback.search`).

``document_tsv`` (about 2 KB) was moved out of line to TOAST, so every candidate a search
filtered or ranked cost a TOAST index lookup; kept in the row (``STORAGE MAIN``, the document
text goes out of line instead) it is read with the row. Existing rows are rewritten to move it.

``ix_ticket_open_by_due`` holds a department's open tickets in the inbox's order (the nearest
due time first) with the columns its counts read, so the inbox's counts are an index-only scan
and its page the first rows of the index. It is partial: answered and closed tickets, most of
the table after a few years, are not in it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 20:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# feedback.lifecycle.OPEN_STATUSES when this was written; feedback.inbox queries with the same list.
_OPEN = "'received', 'triage', 'assigned', 'in_progress', 'awaiting_citizen', 'pending_approval', 'reopened'"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP INDEX ix_qa_search_document_tsv")
    op.execute("ALTER TABLE qa_search ALTER COLUMN document_tsv SET STORAGE MAIN")
    op.execute("UPDATE qa_search SET document = document")  # recomputes document_tsv, stored by the new rule
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")  # a trusted extension: the database owner may create it
    op.execute("CREATE INDEX ix_qa_search_document_tsv_published ON qa_search USING gin (document_tsv, published_at)")
    op.execute(
        "CREATE INDEX ix_ticket_open_by_due ON ticket (department_id,"
        " (coalesce(answer_due_at, transfer_due_at) IS NULL), coalesce(answer_due_at, transfer_due_at), id)"
        " INCLUDE (status, assignee_id, paused_at, accepted_at, answer_due_at, accept_due_at, transfer_due_at)"
        f" WHERE status IN ({_OPEN})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP INDEX ix_ticket_open_by_due")
    op.execute("ALTER TABLE qa_search ALTER COLUMN document_tsv SET STORAGE EXTENDED")
    op.execute("CREATE INDEX ix_qa_search_document_tsv ON qa_search USING gin (document_tsv)")
    op.execute("DROP INDEX ix_qa_search_document_tsv_published")
    op.execute("DROP EXTENSION IF EXISTS btree_gin")
