"""The answer (draft, approved text, author, approver) and its publication on tickets.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer_draft", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("answer_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("answer_author_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("answer_approver_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("public_title", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("public_body", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ticket_published_at"), ["published_at"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ticket_answer_author_id_staff_user"), "staff_user", ["answer_author_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_ticket_answer_approver_id_staff_user"), "staff_user", ["answer_approver_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ticket_answer_approver_id_staff_user"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_ticket_answer_author_id_staff_user"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ticket_published_at"))
        for name in ("public_body", "public_title", "published_at", "answer_approver_id", "answer_author_id"):
            batch_op.drop_column(name)
        batch_op.drop_column("answer_text")
        batch_op.drop_column("answer_draft")
