"""Open311: the client apps that file questions, the extra questions a category asks, and where they land.

Tickets gain the location an app may send (latitude, longitude), the answers to the category's
extra questions, the app that filed them and what it said about itself. Every new column is
nullable, so that adding it rewrites no row. The index on ``category_id`` becomes one on
``(category_id, created_at)``, which also serves what the old one did; events are indexed by
time, for the updates a follower asks for by period.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from notify.db import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "client_app",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("contact", sa.String(length=254), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key_hint", sa.String(length=8), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_app")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_client_app_key_hash")),
    )
    op.create_table(
        "category_attribute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=48), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("description_en", sa.String(length=300), nullable=False),
        sa.Column("datatype", sa.String(length=32), nullable=False),
        sa.Column("datatype_description", sa.String(length=300), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["category.id"], name=op.f("fk_category_attribute_category_id_category")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_attribute")),
        sa.UniqueConstraint("category_id", "code", name=op.f("uq_category_attribute_category_id_code")),
    )
    op.create_index(op.f("ix_category_attribute_category_id"), "category_attribute", ["category_id"])
    op.add_column("ticket", sa.Column("latitude", sa.Float(), nullable=True))
    op.add_column("ticket", sa.Column("longitude", sa.Float(), nullable=True))
    op.add_column("ticket", sa.Column("attributes", sa.JSON(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite can add a column that references another table, not the constraint afterwards
        # (Alembic would copy the whole table to do that).
        op.execute(
            "ALTER TABLE ticket ADD COLUMN client_id INTEGER "
            "CONSTRAINT fk_ticket_client_id_client_app REFERENCES client_app (id)"
        )
    else:
        op.add_column("ticket", sa.Column("client_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_ticket_client_id_client_app"), "ticket", "client_app", ["client_id"], ["id"])
    op.add_column("ticket", sa.Column("client_data", sa.JSON(), nullable=True))
    op.create_index("ix_ticket_category_created_at", "ticket", ["category_id", "created_at"])
    op.drop_index("ix_ticket_category_id", table_name="ticket")
    op.create_index(op.f("ix_ticket_event_at"), "ticket_event", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_event_at"), table_name="ticket_event")
    op.create_index("ix_ticket_category_id", "ticket", ["category_id"])
    op.drop_index("ix_ticket_category_created_at", table_name="ticket")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":  # SQLite's copy of the table leaves it out with its column
            batch_op.drop_constraint("fk_ticket_client_id_client_app", type_="foreignkey")
        batch_op.drop_column("client_data")
        batch_op.drop_column("client_id")
        batch_op.drop_column("attributes")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
    op.drop_index(op.f("ix_category_attribute_category_id"), table_name="category_attribute")
    op.drop_table("category_attribute")
    op.drop_table("client_app")
