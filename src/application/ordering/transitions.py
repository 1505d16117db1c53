"""Service functions every order workflow uses inside its transaction: load an order, and
persist a transition as a compare-and-set on the state it was loaded in."""

from __future__ import annotations

from uuid import UUID

from domain.ordering.errors import ConcurrentChange, OrderNotFound
from domain.ordering.order import Order
from domain.ordering.ports import OrderRepository
from domain.ordering.status import OrderStatus

Snapshot = tuple[OrderStatus, int]
"""An order's (status, version) before a transition: what the compare-and-set expects."""


def snapshot(order: Order) -> Snapshot:
    return order.status, order.version


async def load_order(orders: OrderRepository, order_id: UUID) -> Order:
    """The order of the current tenant, or ``OrderNotFound`` (404, also for another's)."""
    order = await orders.get(order_id)
    if order is None:
        raise OrderNotFound()
    return order


async def save_transition(orders: OrderRepository, order: Order, before: Snapshot) -> None:
    """Compare-and-set; ``ConcurrentChange`` (409) when another request changed it first."""
    if not await orders.save(order, *before):
        raise ConcurrentChange()
