"""Questions by email: what the mailbox reader took, and the signed reply address of an email to a citizen.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from notify.db import UTCDateTime

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mailbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=200), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.Column("sender_key", sa.String(length=64), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("taken_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_mailbox_message_ticket_id_ticket")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailbox_message")),
        sa.UniqueConstraint("folder", "uidvalidity", "uid", name=op.f("uq_mailbox_message_folder_uidvalidity_uid")),
        sa.UniqueConstraint("message_id", name=op.f("uq_mailbox_message_message_id")),
    )
    op.create_index(op.f("ix_mailbox_message_ticket_id"), "mailbox_message", ["ticket_id"])
    op.create_index("ix_mailbox_message_sender_key_taken_at", "mailbox_message", ["sender_key", "taken_at"])
    with op.batch_alter_table("delivery") as batch:
        batch.add_column(sa.Column("reply_to", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("delivery") as batch:
        batch.drop_column("reply_to")
    op.drop_index("ix_mailbox_message_sender_key_taken_at", table_name="mailbox_message")
    op.drop_index(op.f("ix_mailbox_message_ticket_id"), table_name="mailbox_message")
    op.drop_table("mailbox_message")
