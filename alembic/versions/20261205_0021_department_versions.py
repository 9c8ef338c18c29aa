"""Departments are versioned: valid from, valid to and the successor that took over (reorganisations).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("department") as batch:
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
        batch.add_column(sa.Column("successor_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_department_successor_id_department"), "department", ["successor_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("department") as batch:
        batch.drop_constraint(op.f("fk_department_successor_id_department"), type_="foreignkey")
        batch.drop_column("successor_id")
        batch.drop_column("valid_to")
        batch.drop_column("valid_from")
