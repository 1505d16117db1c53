"""Use case: cancel an order (owners and admins).

1. Transaction 1: an unpaid order becomes ``cancelled`` (a pending one's stock released);
   a paid one records its intent first, ``refund_pending``, by compare-and-set, before any
   money moves. A concurrent change makes this a 409 and nothing is refunded.
2-3. For ``refund_pending`` (just recorded, or left by an earlier attempt that crashed or
   met a silent gateway): ``RefundSettlement`` refunds under the order's refund key and
   records ``refunded``, restoring the stock.
"""

from __future__ import annotations

from uuid import UUID

from application.ordering.refunds import RefundSettlement
from application.ordering.stock import StockReservations
from application.ordering.transitions import load_order, save_transition, snapshot
from application.shared.permissions import require_admin
from domain.ordering.order import Order
from domain.ordering.ports import OrderRepository
from domain.ordering.status import OrderStatus
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork


class CancelOrder:
    def __init__(
        self,
        uow: UnitOfWork,
        orders: OrderRepository,
        stock: StockReservations,
        refunds: RefundSettlement,
    ) -> None:
        self._uow = uow
        self._orders = orders
        self._stock = stock
        self._refunds = refunds

    async def __call__(self, actor: Actor, order_id: UUID) -> Order:
        """The order as the cancellation left it."""
        require_admin(actor, "cancel orders")
        order = await self._record_cancellation(order_id)
        if order.status is OrderStatus.REFUND_PENDING:
            return await self._refunds.complete(order)
        return order

    async def _record_cancellation(self, order_id: UUID) -> Order:
        async with self._uow as uow:
            order = await load_order(self._orders, order_id)
            if order.status is OrderStatus.REFUND_PENDING:
                return order
            before = snapshot(order)
            if order.status is OrderStatus.PAID:
                order.request_refund()
            else:
                order.cancel()
            await save_transition(self._orders, order, before)
            if before[0] is OrderStatus.PENDING_PAYMENT:
                await self._stock.release(order)
            await uow.commit()
        return order
