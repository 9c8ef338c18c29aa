"""Communes and wards from the national register: official code, kind, province, validity, successor, former names.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("area") as batch:
        batch.add_column(sa.Column("official_code", sa.String(length=5), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("province_code", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_to", sa.Date(), nullable=True))
        batch.add_column(sa.Column("successor_id", sa.Integer(), nullable=True))
        batch.create_unique_constraint(batch.f("uq_area_official_code"), ["official_code"])
        batch.create_foreign_key(batch.f("fk_area_successor_id_area"), "area", ["successor_id"], ["id"])
    op.create_table(
        "area_former_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("official_code", sa.String(length=5), nullable=True),
        sa.Column("district_name", sa.String(length=120), nullable=False),
        sa.Column("province_name", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"], name=op.f("fk_area_former_name_area_id_area")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_former_name")),
    )
    op.create_index(op.f("ix_area_former_name_area_id"), "area_former_name", ["area_id"])
    op.create_index(op.f("ix_area_former_name_official_code"), "area_former_name", ["official_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_area_former_name_official_code"), table_name="area_former_name")
    op.drop_index(op.f("ix_area_former_name_area_id"), table_name="area_former_name")
    op.drop_table("area_former_name")
    with op.batch_alter_table("area") as batch:
        batch.drop_constraint(batch.f("fk_area_successor_id_area"), type_="foreignkey")
        batch.drop_constraint(batch.f("uq_area_official_code"), type_="unique")
        batch.drop_column("successor_id")
        batch.drop_column("valid_to")
        batch.drop_column("valid_from")
        batch.drop_column("province_code")
        batch.drop_column("kind")
        batch.drop_column("official_code")
