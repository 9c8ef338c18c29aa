"""Routing rules and calendar overrides.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:15:18.591874
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_override")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_override_day")),
    )
    op.create_table(
        "routing_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("area_pattern", sa.String(length=33), nullable=True),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], name=op.f("fk_routing_rule_category_id_category")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_routing_rule_department_id_department")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rule")),
    )
    with op.batch_alter_table("routing_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routing_rule_position"), ["position"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("routing_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routing_rule_position"))

    op.drop_table("routing_rule")
    op.drop_table("calendar_override")
