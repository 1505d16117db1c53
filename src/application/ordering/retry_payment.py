"""Use case: pay an order again with a new token (``POST /orders/{id}/payments``).

Transaction 1, only after a failure: ``payment_failed`` -> ``pending_payment`` with its
stock reserved again (409 if it is gone). Then ``PaymentSettlement`` charges and records,
as when the order was placed. A ``pending_payment`` order goes straight to the charge.
"""

from __future__ import annotations

from uuid import UUID

from application.ordering.payments import PaymentSettlement
from application.ordering.stock import StockReservations
from application.ordering.transitions import load_order, save_transition, snapshot
from domain.ordering.order import Order
from domain.ordering.ports import OrderRepository
from domain.ordering.status import OrderStatus
from domain.shared.unit_of_work import UnitOfWork


class RetryPayment:
    def __init__(
        self,
        uow: UnitOfWork,
        orders: OrderRepository,
        stock: StockReservations,
        payments: PaymentSettlement,
    ) -> None:
        self._uow = uow
        self._orders = orders
        self._stock = stock
        self._payments = payments

    async def __call__(self, order_id: UUID, token: str) -> Order:
        async with self._uow as uow:
            order = await load_order(self._orders, order_id)
            if order.status is OrderStatus.PAYMENT_FAILED:
                before = snapshot(order)
                order.retry_payment()
                await self._stock.reserve(order)
                await save_transition(self._orders, order, before)
                await uow.commit()
        await self._payments.settle(order, token)
        return order
