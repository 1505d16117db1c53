"""The write side's statements on orders, built once: each is compiled once per process and
found in SQLAlchemy's statement cache afterwards (issue 13: a multi-row ``insert().values()``
built per call was compiled on every call, and the ORM's bulk ``update`` added its own
per-call work).

An order and its lines are one statement: a CTE inserts the order, the statement its lines,
one ``VALUES`` row each. Citus routes an ``INSERT ... VALUES`` to the tenant's shard, while
an ``INSERT ... SELECT FROM unnest(...)`` of arrays it would run as a ``COPY``, which
row-level security refuses (docs/scale-out.md), so the statement has one shape per number of
lines: each is built and compiled once (``MAX_LINES`` bounds them). Every row carries the
tenant; the transition is a compare-and-set filtered by it. The order's row and each
transition carry its document (``documents.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from uuid import UUID

from sqlalchemy import TextClause, text

from domain.ordering.order import Order
from domain.shared.ids import new_id
from infrastructure.ordering.documents import document_of

_ORDER_ALONE = """
INSERT INTO orders (tenant_id, id, customer_id, status, currency, total_minor,
                    payment_status, payment_reference, payment_failure_code,
                    payment_attempts, version, created_at, updated_at, view)
VALUES (:tenant_id, :order_id, :customer_id, :status, :currency, :total_minor,
        :payment_status, :payment_reference, :payment_failure_code,
        :payment_attempts, :version, :created_at, :updated_at, :view)
"""
_PLACED = f"""
WITH placed AS ({_ORDER_ALONE})
INSERT INTO order_lines (tenant_id, id, order_id, line_no, product_id, quantity,
                         unit_price_minor, line_total_minor)
VALUES """
_LINE = "(:tenant_id, :id_{n}, :order_id, {n}, :product_{n}, :quantity_{n}, :price_{n}, :total_{n})"
SAVE = text("""
UPDATE orders
SET status = :status, payment_status = :payment_status, payment_reference = :payment_reference,
    payment_failure_code = :payment_failure_code, payment_attempts = :payment_attempts,
    version = :version, updated_at = :updated_at, view = :view
WHERE tenant_id = :tenant_id AND id = :order_id
  AND status = :expected_status AND version = :expected_version
""")
"""An order's transition, if it is still in the (status, version) it was loaded in."""


@lru_cache(maxsize=128)
def placing(count: int) -> TextClause:
    """Insert an order with ``count`` lines (numbered from 1): parameters from ``placed``."""
    if count == 0:
        return text(_ORDER_ALONE)
    rows = ",\n       ".join(_LINE.format(n=n) for n in range(1, count + 1))
    return text(_PLACED + rows)


def placed(order: Order) -> dict[str, Any]:
    """The parameters of ``placing(len(order.lines))`` for ``order``."""
    params = {
        "tenant_id": order.tenant_id,
        "order_id": order.id,
        "customer_id": order.customer_id,
        "currency": order.currency,
        "total_minor": order.total_minor,
        "created_at": order.created_at,
        **state(order),
    }
    for n, line in enumerate(order.lines, start=1):
        params[f"id_{n}"] = new_id()
        params[f"product_{n}"] = line.product_id
        params[f"quantity_{n}"] = line.quantity
        params[f"price_{n}"] = line.unit_price_minor
        params[f"total_{n}"] = line.line_total_minor
    return params


def state(order: Order) -> dict[str, Any]:
    """What a transition writes: the status, the payment, the version, the instant and
    the document of the order as it is now."""
    payment = order.payment
    return {
        "status": order.status.value,
        "payment_status": payment.status,
        "payment_reference": payment.reference,
        "payment_failure_code": payment.failure_code,
        "payment_attempts": payment.attempts,
        "version": order.version,
        "updated_at": order.updated_at,
        "view": document_of(order),
    }


def saved(order: Order, tenant_id: UUID | None, status: str, version: int) -> dict[str, Any]:
    """The parameters of ``SAVE``: ``order`` in the transaction's tenant, if it is still in
    ``status`` (its value) and ``version``."""
    return {
        "tenant_id": tenant_id,
        "order_id": order.id,
        "expected_status": status,
        "expected_version": version,
        **state(order),
    }
