"""Orchestrator: place an order. Workflow in docs/orchestrators/place-order.md.

1. Check the request's lines (400) before any transaction.
2. Transaction 1: claim the request's ``Idempotency-Key`` bound to the order's id (its
   ``RequestKey``; a used key stops here and its first answer is replayed), take the
   stock of every line and price it in one statement (``OrderDrafting``), insert the order
   (``pending_payment``) with its frozen lines, commit; ``OrderPlaced`` leaves through the
   unit of work.
3-4. Charge outside any transaction and record the outcome, with the request's answer, in
   transaction 2 (``PaymentSettlement``).
Returns the paid order, as committed; raises ``PaymentDeclined`` (402) or
``PaymentPending`` (503) with the order id, or a 4xx error before anything was written.

An unexpected failure after transaction 1 (in the charge, in transaction 2, or in the
answer) leaves the key bound to the committed order: a retry with that key answers the
order as it is now and is not resumed; an order left ``pending_payment`` is paid by
``POST /orders/{id}/payments`` (the same attempt key finds a charge that did go through)
or cancelled by the sweep with its stock released (``SweepStaleOrders``).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.idempotency.ports import RequestKey
from application.ordering.drafting import LineRequest, OrderDrafting
from application.ordering.payments import PaymentSettlement
from domain.ordering.order import Order
from domain.ordering.ports import OrderRepository
from domain.shared.actor import Actor
from domain.shared.ids import new_id
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
        payments: PaymentSettlement,
        key: RequestKey,
    ) -> None:
        self._uow = uow
        self._orders = orders
        self._drafting = drafting
        self._payments = payments
        self._key = key

    async def __call__(self, actor: Actor, request: OrderRequest) -> Order:
        OrderDrafting.check(request.lines)
        order_id = new_id()
        async with self._uow as uow:
            await self._key.claim(order_id)
            order = await self._drafting.draft(
                order_id, actor.tenant_id, request.customer_id, request.lines
            )
            await self._orders.add(order)
            await uow.commit()
        await self._payments.settle(order, request.payment_token)
        return order
