"""Open311: the requests of a service, newest first, read from the index alone.

``GET requests?service_code=…`` picks the thousand newest requests of a service in the period.
On ``(category_id, created_at)`` PostgreSQL preferred to walk every request of the period by
``ix_ticket_created_at`` and drop the other services' (some 20,000 rows of 1,000,000 for a
service with 5 % of them); with ``id`` in the index, the ids come from the index in the order
asked for (``created_at`` then ``id``, newest first) and the walk stops at the thousandth.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 16:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_ticket_category_created_at", table_name="ticket")
    op.create_index("ix_ticket_category_created_at", "ticket", ["category_id", "created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_category_created_at", table_name="ticket")
    op.create_index("ix_ticket_category_created_at", "ticket", ["category_id", "created_at"])
