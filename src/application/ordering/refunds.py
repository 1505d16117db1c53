"""Service: complete the refund of an order whose cancellation recorded ``refund_pending``.

Steps (the first, recording the intent by compare-and-set, is ``CancelOrder``'s):
2. Refund through the gateway, outside any transaction, under the order's refund key
   (``<order id>:refund``): a retry after a crash, a timeout or a concurrent completion
   never refunds twice.
3. One transaction, in the order's tenant: compare-and-set ``refund_pending`` ->
   ``refunded`` and restore the stock. When another request (or the sweep) completed it
   first, the order is already ``refunded``: done. Anything else is a 409.
A silent gateway raises ``RefundPending`` (503): the order stays ``refund_pending`` until
a retry of the cancellation or the sweep completes it. Money never leaves with the order
still ``paid``.
"""

from __future__ import annotations

from application.ordering.stock import StockReservations
from application.ordering.transitions import snapshot
from domain.ordering.errors import (
    ConcurrentChange,
    GatewayUnavailable,
    InvalidTransition,
    RefundPending,
)
from domain.ordering.order import Order
from domain.ordering.ports import OrderRepository, PaymentGateway
from domain.ordering.status import OrderStatus
from domain.shared.unit_of_work import UnitOfWork


class RefundSettlement:
    def __init__(
        self,
        uow: UnitOfWork,
        orders: OrderRepository,
        gateway: PaymentGateway,
        stock: StockReservations,
    ) -> None:
        self._uow = uow
        self._orders = orders
        self._gateway = gateway
        self._stock = stock

    async def complete(self, order: Order) -> Order:
        """The order, ``refunded``: as this call committed it, or as a concurrent one did."""
        reference = order.payment.reference
        if order.status is not OrderStatus.REFUND_PENDING or reference is None:
            raise InvalidTransition(order.status, OrderStatus.REFUNDED)
        try:
            await self._gateway.refund(order.tenant_id, reference, order.refund_key)
        except GatewayUnavailable as error:
            raise RefundPending(order.id, error.retry_after_seconds) from error
        refunded = await self._record(order)
        if refunded is None:
            raise ConcurrentChange()
        return refunded

    async def _record(self, order: Order) -> Order | None:
        """The order ``refunded`` now, by this call or by a concurrent one; else None."""
        async with self._uow.for_tenant(order.tenant_id) as uow:
            before = snapshot(order)
            order.complete_refund()
            if await self._orders.save(order, *before):
                await self._stock.release(order)
                await uow.commit()
                return order
            current = await self._orders.get(order.id)
        return current if current is not None and current.status is OrderStatus.REFUNDED else None
