"""The orders ``bench/seed.py`` inserts, made up: 1-3 lines each, created at random moments
over the last 30 days, in the statuses real traffic leaves them in, each with its document.

The document (column ``view``) is the app's own ``document_of_view`` of the view of the
seeded values, so the reads send exactly what they send for an order the app wrote.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from uuid_utils.compat import uuid7

from domain.ordering.views import OrderLineView, OrderView, PaymentView
from infrastructure.ordering.documents import document_of_view

PRICES_MINOR = (1299, 2499, 499, 9999, 149)
"""Product n costs ``PRICES_MINOR[n % 5]``."""
SPREAD = timedelta(days=30)
# status -> (payment_status, has payment reference, failure code, payment attempts, version)
STATUSES: dict[str, tuple[str, bool, str | None, int, int]] = {
    "paid": ("succeeded", True, None, 1, 2),
    "fulfilled": ("succeeded", True, None, 1, 3),
    "pending_payment": ("pending", False, None, 0, 1),
    "payment_failed": ("failed", True, "card_declined", 1, 2),
    "cancelled": ("pending", False, None, 0, 2),
    "refunded": ("refunded", True, None, 1, 3),
}
STATUS_WEIGHTS = (55, 25, 8, 5, 4, 3)
Row = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Orders:
    ids: list[UUID]
    orders: list[Row]
    """Rows of ``ORDER_COLUMNS`` (``bench/seed_columns.py``), the document last."""
    lines: list[Row]
    """Rows of ``LINE_COLUMNS``."""


def price(n: int) -> int:
    return PRICES_MINOR[n % len(PRICES_MINOR)]


def _id_at(moment: datetime) -> UUID:
    return uuid7(nanoseconds=int(moment.timestamp() * 1_000_000_000))


def orders_of(
    customer_id: UUID, product_ids: Sequence[UUID], count: int, rng: random.Random
) -> Orders:
    """``count`` orders of ``customer_id`` over ``product_ids`` (product n at ``price(n)``),
    drawing from ``rng`` in the order the seed always has (the same data for the same seed)."""
    now = datetime.now(UTC)
    moments = sorted(now - SPREAD * rng.random() for _ in range(count))
    statuses = rng.choices(list(STATUSES), weights=STATUS_WEIGHTS, k=count)
    made = Orders([], [], [])
    for created, status in zip(moments, statuses, strict=True):
        order_id = _id_at(created)
        updated = created + timedelta(seconds=rng.uniform(1, 600))
        views = _lines(order_id, created, product_ids, made.lines, rng)
        made.orders.append(_order(order_id, customer_id, (created, updated, status), views, rng))
        made.ids.append(order_id)
    return made


def _lines(
    order_id: UUID,
    created: datetime,
    product_ids: Sequence[UUID],
    rows: list[Row],
    rng: random.Random,
) -> list[OrderLineView]:
    """An order's 1-3 lines, appended to ``rows``; their views."""
    picks = rng.sample(range(len(product_ids)), rng.randint(1, 3))
    views = []
    for line_no, pick in enumerate(picks, start=1):
        quantity, unit_price, product_id = rng.randint(1, 5), price(pick), product_ids[pick]
        views.append(OrderLineView(product_id, quantity, unit_price, quantity * unit_price))
        line = (_id_at(created), order_id, line_no, product_id, quantity, unit_price)
        rows.append((*line, quantity * unit_price, created, created))
    return views


def _order(
    order_id: UUID,
    customer_id: UUID,
    made: tuple[datetime, datetime, str],
    lines: list[OrderLineView],
    rng: random.Random,
) -> Row:
    """The order's row, its document last."""
    created, updated, status = made
    total = sum(line.line_total_minor for line in lines)
    pay_status, has_ref, failure, attempts, version = STATUSES[status]
    reference = f"ch_{rng.getrandbits(96):024x}" if has_ref else None
    payment = PaymentView(pay_status, reference, failure)
    view = OrderView(
        order_id, status, customer_id, "EUR", total, lines, payment, version, created, updated
    )
    head = (order_id, customer_id, status, "EUR", total, pay_status, reference)
    return (*head, failure, attempts, version, created, updated, document_of_view(view))
