"""Federation: questions forwarded to peers and received from them, the peers" outbox, callbacks seen.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from notify.db import UTCDateTime

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "peer_update_seen",
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.String(length=64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["peer_id"], ["peer.id"], name=op.f("fk_peer_update_seen_peer_id_peer")),
        sa.PrimaryKeyConstraint("peer_id", "update_id", name=op.f("pk_peer_update_seen")),
    )
    op.create_table(
        "peer_forward",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=200), nullable=False),
        sa.Column("service_name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("their_id", sa.String(length=64), nullable=True),
        sa.Column("their_status", sa.String(length=16), nullable=True),
        sa.Column("their_notes", sa.Text(), nullable=True),
        sa.Column("expected_at", UTCDateTime(), nullable=True),
        sa.Column("public_url", sa.String(length=500), nullable=True),
        sa.Column("info_request", sa.Text(), nullable=True),
        sa.Column("poll_at", UTCDateTime(), nullable=True),
        sa.Column("polls_failed", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("taken_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["staff_user.id"], name=op.f("fk_peer_forward_actor_id_staff_user")),
        sa.ForeignKeyConstraint(["peer_id"], ["peer.id"], name=op.f("fk_peer_forward_peer_id_peer")),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_peer_forward_ticket_id_ticket")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_forward")),
        sa.UniqueConstraint("peer_id", "their_id", name=op.f("uq_peer_forward_peer_id_their_id")),
    )
    with op.batch_alter_table("peer_forward", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peer_forward_peer_id"), ["peer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_peer_forward_poll_at"), ["poll_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_peer_forward_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "peer_received",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("their_reference", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("returned_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["peer_id"], ["peer.id"], name=op.f("fk_peer_received_peer_id_peer")),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_peer_received_ticket_id_ticket")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_received")),
        sa.UniqueConstraint("peer_id", "idempotency_key", name=op.f("uq_peer_received_peer_id_idempotency_key")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_peer_received_ticket_id")),
    )
    with op.batch_alter_table("peer_received", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peer_received_peer_id"), ["peer_id"], unique=False)

    op.create_table(
        "peer_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("forward_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["forward_id"], ["peer_forward.id"], name=op.f("fk_peer_message_forward_id_peer_forward")
        ),
        sa.ForeignKeyConstraint(["peer_id"], ["peer.id"], name=op.f("fk_peer_message_peer_id_peer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_message")),
        sa.UniqueConstraint("key", name=op.f("uq_peer_message_key")),
    )
    with op.batch_alter_table("peer_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peer_message_forward_id"), ["forward_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_peer_message_peer_id"), ["peer_id"], unique=False)
        batch_op.create_index("ix_peer_message_status_next_attempt_at", ["status", "next_attempt_at"], unique=False)

    with op.batch_alter_table("peer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_peer_client_id_client_app"), "client_app", ["client_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("peer", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_peer_client_id_client_app"), type_="foreignkey")
        batch_op.drop_column("client_id")

    with op.batch_alter_table("peer_message", schema=None) as batch_op:
        batch_op.drop_index("ix_peer_message_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_peer_message_peer_id"))
        batch_op.drop_index(batch_op.f("ix_peer_message_forward_id"))

    op.drop_table("peer_message")
    with op.batch_alter_table("peer_received", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peer_received_peer_id"))

    op.drop_table("peer_received")
    with op.batch_alter_table("peer_forward", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peer_forward_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_peer_forward_poll_at"))
        batch_op.drop_index(batch_op.f("ix_peer_forward_peer_id"))

    op.drop_table("peer_forward")
    op.drop_table("peer_update_seen")
