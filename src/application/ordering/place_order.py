"""Orchestrator: place an order. Workflow in docs/orchestrators/place-order.md.

1. Validate and price the lines (``OrderDrafting``).
2. Transaction 1: reserve the stock atomically (``StockReservations``), insert the order
   (``pending_payment``) with its frozen lines, bind the request's ``Idempotency-Key`` to
   the order (its ``RecoveryPoint``), commit; ``OrderPlaced`` leaves through the unit of
   work.
3-4. Charge outside any transaction and record the outcome in transaction 2
   (``PaymentSettlement``).
Returns the order id when paid; raises ``PaymentDeclined`` (402) or ``PaymentPending``
(503) with the order id, or a 4xx error before anything was written.

An unexpected failure after transaction 1 (in the charge, in transaction 2, or in the
answer) leaves the key bound to the committed order: a retry with that key answers the
order as it is now and is not resumed; an order left ``pending_payment`` is paid by
``POST /orders/{id}/payments`` (the same attempt key finds a charge that did go through)
or cancelled by the sweep with its stock released (``SweepStaleOrders``).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.idempotency.ports import RecoveryPoint
from application.ordering.drafting import LineRequest, OrderDrafting
from application.ordering.payments import PaymentSettlement
from application.ordering.stock import StockReservations
from domain.ordering.ports import OrderRepository
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class OrderRequest:
    customer_id: UUID
    lines: tuple[LineRequest, ...]
    payment_token: str


class PlaceOrder:
    def __init__(
        self,
        uow: UnitOfWork,
        orders: OrderRepository,
        drafting: OrderDrafting,
        stock: StockReservations,
        payments: PaymentSettlement,
        recovery: RecoveryPoint,
    ) -> None:
        self._uow = uow
        self._orders = orders
        self._drafting = drafting
        self._stock = stock
        self._payments = payments
        self._recovery = recovery

    async def __call__(self, actor: Actor, request: OrderRequest) -> UUID:
        async with self._uow as uow:
            order = await self._drafting.draft(actor.tenant_id, request.customer_id, request.lines)
            await self._stock.reserve(order)
            await self._orders.add(order)
            await self._recovery.reached(order.id)
            await uow.commit()
        await self._payments.settle(order, request.payment_token)
        return order.id
