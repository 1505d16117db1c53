"""Use case: fulfil a paid order (owners and admins); one transaction, compare-and-set."""

from __future__ import annotations

from uuid import UUID

from application.ordering.transitions import load_order, save_transition, snapshot
from application.shared.permissions import require_admin
from domain.ordering.order import Order
from domain.ordering.ports import OrderRepository
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork


class FulfilOrder:
    def __init__(self, uow: UnitOfWork, orders: OrderRepository) -> None:
        self._uow = uow
        self._orders = orders

    async def __call__(self, actor: Actor, order_id: UUID) -> Order:
        require_admin(actor, "fulfil orders")
        async with self._uow as uow:
            order = await load_order(self._orders, order_id)
            before = snapshot(order)
            order.fulfil()
            await save_transition(self._orders, order, before)
            await uow.commit()
        return order
