"""Every channel into one queue: short tracking codes, the count by channel, who entered a question taken by phone or letter, answers sent by post, SMS opt-outs and texts taken.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from notify.db import UTCDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _change_ticket_without_blocking_intake()
    else:
        with op.batch_alter_table("ticket") as batch:
            batch.add_column(sa.Column("short_token_hash", sa.String(length=64), nullable=True))
            batch.create_unique_constraint(op.f("uq_ticket_short_token_hash"), ["short_token_hash"])
            batch.add_column(sa.Column("entered_by_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("posted_at", UTCDateTime(), nullable=True))
            batch.create_foreign_key(
                op.f("fk_ticket_entered_by_id_staff_user"), "staff_user", ["entered_by_id"], ["id"]
            )
        # The dashboard's count by channel reads the index alone, as its counts by department and topic do.
        op.drop_index("ix_ticket_created_at", table_name="ticket")
        op.create_index(
            "ix_ticket_created_at",
            "ticket",
            ["created_at"],
            postgresql_include=["department_id", "category_id", "channel"],
        )
    op.create_table(
        "sms_received",
        sa.Column("sid", sa.String(length=64), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_sms_received")),
    )
    op.create_table(
        "sms_opt_out",
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("phone", name=op.f("pk_sms_opt_out")),
    )


def downgrade() -> None:
    op.drop_table("sms_opt_out")
    op.drop_table("sms_received")
    op.drop_index("ix_ticket_created_at", table_name="ticket")
    op.create_index(
        "ix_ticket_created_at", "ticket", ["created_at"], postgresql_include=["department_id", "category_id"]
    )
    with op.batch_alter_table("ticket") as batch:
        batch.drop_constraint(op.f("fk_ticket_entered_by_id_staff_user"), type_="foreignkey")
        batch.drop_column("posted_at")
        batch.drop_column("entered_by_id")
        batch.drop_constraint(op.f("uq_ticket_short_token_hash"), type_="unique")
        batch.drop_column("short_token_hash")


def _change_ticket_without_blocking_intake() -> None:
    """The same columns, constraints and index as on SQLite, built so that intake never waits long.

    The new columns are nullable (no rewrite); the indexes are built CONCURRENTLY outside the
    transaction and then attached, the foreign key is added NOT VALID and validated afterwards, so
    no statement holds a lock that stops inserts while it reads the whole table.
    """
    op.add_column("ticket", sa.Column("short_token_hash", sa.String(length=64), nullable=True))
    op.add_column("ticket", sa.Column("entered_by_id", sa.Integer(), nullable=True))
    op.add_column("ticket", sa.Column("posted_at", UTCDateTime(), nullable=True))
    op.execute(
        "ALTER TABLE ticket ADD CONSTRAINT fk_ticket_entered_by_id_staff_user FOREIGN KEY (entered_by_id)"
        " REFERENCES staff_user (id) NOT VALID"
    )
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE ticket VALIDATE CONSTRAINT fk_ticket_entered_by_id_staff_user")
        op.execute(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_ticket_short_token_hash ON ticket (short_token_hash)"
        )
        op.execute(
            "ALTER TABLE ticket ADD CONSTRAINT uq_ticket_short_token_hash UNIQUE USING INDEX uq_ticket_short_token_hash"
        )
        # The dashboard's count by channel reads the index alone, as its counts by department and topic do.
        op.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_ticket_created_at_0018 ON ticket (created_at)"
            " INCLUDE (department_id, category_id, channel)"
        )
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_ticket_created_at")
        op.execute("ALTER INDEX ix_ticket_created_at_0018 RENAME TO ix_ticket_created_at")
