"""The citizen's rating, coordination sub-tasks between departments, and saved replies.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rating_comment", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("rated_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "subtask",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_by_id", sa.Integer(), nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_subtask_department_id_department")),
        sa.ForeignKeyConstraint(["replied_by_id"], ["staff_user.id"], name=op.f("fk_subtask_replied_by_id_staff_user")),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["staff_user.id"], name=op.f("fk_subtask_requested_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_subtask_ticket_id_ticket")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subtask")),
    )
    with op.batch_alter_table("subtask", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subtask_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_subtask_ticket_id"), ["ticket_id"], unique=False)
    op.create_table(
        "saved_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_saved_reply_department_id_department")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_reply")),
    )
    with op.batch_alter_table("saved_reply", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_reply_department_id"), ["department_id"], unique=False)


def downgrade() -> None:
    op.drop_table("saved_reply")
    op.drop_table("subtask")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_column("rated_at")
        batch_op.drop_column("rating_comment")
        batch_op.drop_column("rating")
