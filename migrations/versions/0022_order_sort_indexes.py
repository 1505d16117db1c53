"""Indexes for the order list's other orderings: ``total_minor`` and ``updated_at``.

``GET /orders`` (and ``/customers/{id}/orders``) may sort by ``total_minor`` or
``updated_at``, each with ``id`` as tiebreak in the same direction
(``infrastructure/persistence/listing.py``). No index served either: PostgreSQL read every
order of the tenant and sorted them for a page of 50 (a sequential scan on ``orders`` once
the tenant holds enough of the table). ``bench/scale.py`` measured it: at 50,000 orders of
one tenant such a page took 25-50 ms against 1-2 ms sorted by ``created_at``, ten times its
cost at 5,000 orders, while the ``created_at`` page stayed flat (issue 13). Each index leads
with ``tenant_id`` and ends with ``id``, so a page in either direction is a forward or
backward index scan that stops after the page and the row after it.

``status`` is indexed already, so an order's status change was never a HOT update; these
add one index entry per insert and per update of an order.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_orders_tenant_id_total_minor_id": ["tenant_id", "total_minor", "id"],
    "ix_orders_tenant_id_updated_at_id": ["tenant_id", "updated_at", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "orders", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="orders")
