"""Deliveries: each notification's messages, one per channel and address, rendered and ready to send.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Enum("email", "sms", name="channel", native_enum=False, length=8), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("thread", sa.String(length=64), nullable=True),
        sa.Column(
            "status",
            sa.Enum("pending", "sending", "sent", "failed", name="deliverystatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("provider_id", sa.String(length=64), nullable=True),
        sa.Column("provider_status", sa.String(length=16), nullable=True),
        sa.Column("segments", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["notification_id"], ["notification.id"], name=op.f("fk_delivery_notification_id_notification")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint(
            "notification_id", "channel", "address", name=op.f("uq_delivery_notification_id_channel_address")
        ),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_notification_id"), ["notification_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delivery_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index("ix_delivery_status_next_attempt_at", ["status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_delivery_provider_id"))
        batch_op.drop_index(batch_op.f("ix_delivery_notification_id"))

    op.drop_table("delivery")
