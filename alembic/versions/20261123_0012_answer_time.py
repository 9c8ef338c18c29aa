"""The answer time in working minutes, the time spent waiting for the citizen, and the dashboard's indexes.

``answer_minutes`` is written when a question is answered; questions answered before this
revision keep none and count in every figure but the median answer time. The indexes on the
arrival and the answer times include, on PostgreSQL, the columns the dashboard counts by.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waited_minutes", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("answer_minutes", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_ticket_created_at", ["created_at"], unique=False, postgresql_include=["department_id", "category_id"]
        )
        batch_op.create_index(
            "ix_ticket_answered_at",
            ["answered_at"],
            unique=False,
            postgresql_include=["department_id", "category_id", "answer_due_at", "answer_minutes"],
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_answered_at")
        batch_op.drop_index("ix_ticket_created_at")
        batch_op.drop_column("answer_minutes")
        batch_op.drop_column("waited_minutes")
