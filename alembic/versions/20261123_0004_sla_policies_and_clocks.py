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
_BATCH = 10_000


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
    # Until now a question in triage kept its transfer deadline in accept_due_at. Both updates are
    # idempotent (a rerun after a failure touches only the rows not yet done).
    backfills = (
        "UPDATE ticket SET transfer_due_at = accept_due_at, accept_due_at = NULL"
        " WHERE status = 'triage' AND accept_due_at IS NOT NULL",
        "UPDATE ticket SET assigned_at = routed_at WHERE routed_at IS NOT NULL AND assigned_at IS NULL",
    )
    if op.get_bind().dialect.name != "postgresql":
        for statement in backfills:
            op.execute(statement)
        return
    # On PostgreSQL the ALTER TABLE above holds an ACCESS EXCLUSIVE lock on ticket until its
    # transaction ends: commit it first, then backfill in batches of ids, each its own short
    # transaction, so intake waits for the ALTER only (not for an update of every ticket).
    with op.get_context().autocommit_block():
        bind = op.get_bind()
        last = bind.scalar(sa.text("SELECT max(id) FROM ticket")) or 0
        for low in range(0, last + 1, _BATCH):
            for statement in backfills:
                bind.execute(sa.text(f"{statement} AND id >= :low AND id < :high"), {"low": low, "high": low + _BATCH})


def downgrade() -> None:
    op.execute("UPDATE ticket SET accept_due_at = transfer_due_at WHERE status = 'triage'")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.alter_column("answer_level", new_column_name="escalation_level")
        batch_op.drop_column("accept_level")
        batch_op.drop_column("transfer_level")
        for name in reversed(_NEW_TIMES):
            batch_op.drop_column(name)
    op.drop_table("sla_policy")
