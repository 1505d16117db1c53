"""Each order stores its document: its view as the API sends it (JSON, column ``view``).

The reads of orders (``GET /orders/{id}``, the pages of ``GET /orders`` and of a
customer's orders) send the stored documents as they are, instead of PostgreSQL joining
each order's lines and building its JSON on every read (issue 13,
``infrastructure/ordering/documents.py``). Every write of an order writes its document in
the same statement; the check ``view_current`` refuses a row whose document does not show
its status and version.

Existing orders get theirs here, from their rows and lines, in batches, encoded by the
same function the app writes them with. Row-level security is lifted from ``orders`` and
``order_lines`` for this transaction only (FORCE binds the owner too).

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSON

from domain.ordering.views import OrderLineView, OrderView, PaymentView
from infrastructure.ordering.documents import document_of_view

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000
_READ = ("orders", "order_lines")
"""The tables the backfill reads, every tenant's rows: with FORCE, the owner would see no
order's lines and write each order with none."""
_CHECK = "ck_orders_view_current"
_CURRENT = "(view ->> 'status') = status AND (view ->> 'version')::integer = version"
_MISSING = sa.text("""
SELECT o.tenant_id, o.id, o.status, o.customer_id, o.currency, o.total_minor,
       o.payment_status, o.payment_reference, o.payment_failure_code, o.version,
       o.created_at, o.updated_at,
       (SELECT coalesce(json_agg(json_build_array(l.product_id, l.quantity,
                                                  l.unit_price_minor, l.line_total_minor)
                                 ORDER BY l.line_no), '[]'::json)
        FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) AS lines
FROM orders o WHERE o.view IS NULL LIMIT :batch
""")
_WRITE = sa.text("UPDATE orders SET view = :view WHERE tenant_id = :tenant_id AND id = :id")


def upgrade() -> None:
    op.add_column("orders", sa.Column("view", JSON(), nullable=True))
    for table in _READ:
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    connection = op.get_bind()
    while rows := connection.execute(_MISSING, {"batch": _BATCH}).all():
        connection.execute(_WRITE, [_document(row) for row in rows])
    for table in _READ:
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.alter_column("orders", "view", nullable=False)
    op.create_check_constraint(op.f(_CHECK), "orders", _CURRENT)


def _document(row: Any) -> dict[str, Any]:
    (tenant_id, order_id, status, customer_id, currency, total, pay_status, reference,
     failure, version, created_at, updated_at, lines) = row  # fmt: skip
    view = OrderView(
        order_id, status, customer_id, currency, total,
        [OrderLineView(UUID(p), q, u, t) for p, q, u, t in lines],
        PaymentView(pay_status, reference, failure), version, created_at, updated_at,
    )  # fmt: skip
    return {"tenant_id": tenant_id, "id": order_id, "view": document_of_view(view)}


def downgrade() -> None:
    op.drop_constraint(op.f(_CHECK), "orders", type_="check")
    op.drop_column("orders", "view")
