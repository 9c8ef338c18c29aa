"""Deliveries searchable by reference, recipient's name or address: each keeps the name and a folded key.

The outbox page finds a message by any word of the ticket's reference, the recipient's name
or their address, typed with or without diacritics. Neither SQLite nor PostgreSQL can strip
Vietnamese marks in SQL, so each delivery stores the folded text (``routing.text.fold``) its
sender wrote. Deliveries written before this revision get theirs here: the citizen's name
from the ticket of their thread, a staff member's from the account with that address.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from routing.text import fold

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipient_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("search_key", sa.Text(), server_default="", nullable=False))
    _fill_search_keys()


def _fill_search_keys() -> None:
    delivery = sa.table(
        "delivery",
        sa.column("id"),
        sa.column("notification_id"),
        sa.column("address"),
        sa.column("thread"),
        sa.column("recipient_name"),
        sa.column("search_key"),
    )
    notification = sa.table("notification", sa.column("id"), sa.column("recipient"))
    ticket = sa.table("ticket", sa.column("reference"), sa.column("citizen_name"))
    staff = sa.table("staff_user", sa.column("email"), sa.column("phone"), sa.column("full_name"))
    citizen_name = sa.select(ticket.c.citizen_name).where(ticket.c.reference == delivery.c.thread)
    staff_name = sa.select(sa.func.min(staff.c.full_name)).where(
        sa.or_(staff.c.email == delivery.c.address, staff.c.phone == delivery.c.address)
    )
    name = sa.case(
        (notification.c.recipient.like("citizen:%"), citizen_name.scalar_subquery()),
        else_=staff_name.scalar_subquery(),
    )
    update = (
        delivery.update()
        .where(delivery.c.id == sa.bindparam("row_id"))
        .values(recipient_name=sa.bindparam("name"), search_key=sa.bindparam("key"))
    )
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(delivery.c.id, delivery.c.address, delivery.c.thread, name)
            .join(notification, notification.c.id == delivery.c.notification_id)
            .where(delivery.c.id > last)
            .order_by(delivery.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        bind.execute(
            update,
            [
                {"row_id": row_id, "name": name, "key": fold(f"{thread or ''} {name or ''} {address}")}
                for row_id, address, thread, name in rows
            ],
        )
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("search_key")
        batch_op.drop_column("recipient_name")
