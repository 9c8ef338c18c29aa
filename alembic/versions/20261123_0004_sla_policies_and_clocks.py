"""SLA policies, and the transfer, acceptance and answer clocks on tickets.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_TIMES = ("transfer_due_at", "assigned_at", "accepted_at", "extended_at")


def upgrade() -> None:
    op.create_table(
        "sla_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("accept_amount", sa.Integer(), nullable=False),
        sa.Column("accept_unit", sa.String(length=16), nullable=False),
        sa.Column("answer_amount", sa.Integer(), nullable=False),
        sa.Column("answer_unit", sa.String(length=16), nullable=False),
        sa.Column("transfer_amount", sa.Integer(), nullable=False),
        sa.Column("transfer_unit", sa.String(length=16), nullable=False),
        sa.Column("max_extension_amount", sa.Integer(), nullable=False),
        sa.Column("max_extension_unit", sa.String(length=16), nullable=False),
        sa.Column("warning_ratio", sa.Float(), nullable=False),
        sa.Column("restart_on_transfer", sa.Boolean(), nullable=False),
        sa.Column("ladder", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], name=op.f("fk_sla_policy_category_id_category")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policy")),
        sa.UniqueConstraint("scope", name=op.f("uq_sla_policy_scope")),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for name in _NEW_TIMES:
            batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("transfer_level", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("accept_level", sa.Integer(), nullable=True))
        batch_op.alter_column("escalation_level", new_column_name="answer_level")
    # Until now a question in triage kept its transfer deadline in accept_due_at.
    op.execute("UPDATE ticket SET transfer_due_at = accept_due_at, accept_due_at = NULL WHERE status = 'triage'")
    op.execute("UPDATE ticket SET assigned_at = routed_at WHERE routed_at IS NOT NULL")


def downgrade() -> None:
    op.execute("UPDATE ticket SET accept_due_at = transfer_due_at WHERE status = 'triage'")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.alter_column("answer_level", new_column_name="escalation_level")
        batch_op.drop_column("accept_level")
        batch_op.drop_column("transfer_level")
        for name in reversed(_NEW_TIMES):
            batch_op.drop_column(name)
    op.drop_table("sla_policy")
