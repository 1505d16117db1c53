"""Orchestrator: place an order. Workflow in docs/orchestrators/place-order.md.

1. Validate and price the request (``OrderDrafting``).
2. Transaction 1: insert the order (``pending_payment``) with its frozen lines, reserve the
   stock atomically (``StockReservations``), commit. ``OrderPlaced`` is raised.
3-5. Charge outside any transaction, record the outcome in transaction 2, dispatch events
   (``PaymentSettlement``).
Returns the paid order; raises ``PaymentDeclined`` (402) or ``PaymentPending`` (503) with
the order id, or a 4xx error before anything was written.
"""

from __future__ import annotations

from uuid import UUID

from application.ordering.drafting import OrderDrafting, OrderRequest
from application.ordering.payments import PaymentSettlement
from application.ordering.stock import StockReservations
from domain.identity.principal import Principal
from domain.ordering.ports import EventDispatcher
from domain.shared.unit_of_work import UnitOfWork


class PlaceOrder:
    def __init__(
        self,
        uow: UnitOfWork,
        drafting: OrderDrafting,
        stock: StockReservations,
        payments: PaymentSettlement,
        events: EventDispatcher,
    ) -> None:
        self._uow = uow
        self._drafting = drafting
        self._stock = stock
        self._payments = payments
        self._events = events

    async def __call__(self, actor: Principal, request: OrderRequest) -> UUID:
        async with self._uow as uow:
            order = await self._drafting.draft(uow, actor.tenant_id, request)
            await self._stock.reserve(uow, order)
            await uow.orders.add(order)
            await uow.commit()
        await self._events.dispatch(order.take_events())
        await self._payments.settle(self._uow, order, request.payment_token)
        return order.id
