"""Service: charge an order and record the outcome (steps 3-5 of PlaceOrder, and retries).

Steps:
3. Charge through the ``PaymentGateway`` outside any database transaction, with the
   attempt's idempotency key (``<order id>:<attempt>``).
4. One transaction: compare-and-set the order to ``paid``, or to ``payment_failed`` and
   release its stock, or (gateway silent) keep it ``pending_payment`` with its stock.
5. After the commit, dispatch the order's events (``OrderPaid`` -> confirmation).
Declines raise ``PaymentDeclined`` (402) and silence ``PaymentPending`` (503); both carry
the order id, and the order stays readable.
"""

from __future__ import annotations

from application.ordering.stock import StockReservations
from domain.ordering.errors import ConcurrentChange, PaymentDeclined, PaymentPending
from domain.ordering.order import Order, OrderStatus
from domain.ordering.ports import EventDispatcher
from domain.payments.ports import ChargeRequest, ChargeResult, GatewayUnavailable, PaymentGateway
from domain.shared.unit_of_work import UnitOfWork


class PaymentSettlement:
    def __init__(
        self, gateway: PaymentGateway, stock: StockReservations, events: EventDispatcher
    ) -> None:
        self._gateway = gateway
        self._stock = stock
        self._events = events

    async def settle(self, uow: UnitOfWork, order: Order, token: str) -> None:
        before = (order.status, order.version)
        key = order.start_payment_attempt()
        request = ChargeRequest(order.tenant_id, key, token, order.total_minor, order.currency)
        result: ChargeResult | GatewayUnavailable
        try:
            result = await self._gateway.charge(request)
        except GatewayUnavailable as error:
            result = error
        if isinstance(result, GatewayUnavailable):
            order.mark_payment_pending()
            await self._record(uow, order, before, release_stock=False)
            raise PaymentPending(order.id, result.retry_after_seconds) from result
        self._apply(order, result)
        await self._record(uow, order, before, release_stock=not result.succeeded)
        await self._events.dispatch(order.take_events())
        if not result.succeeded:
            raise PaymentDeclined(order.id, order.payment.failure_code or "declined")

    @staticmethod
    def _apply(order: Order, result: ChargeResult) -> None:
        if result.succeeded and result.reference is not None:
            order.mark_paid(result.reference)
        else:
            order.mark_payment_failed(result.reference, result.failure_code or "declined")

    async def _record(
        self, uow: UnitOfWork, order: Order, before: tuple[OrderStatus, int], release_stock: bool
    ) -> None:
        status, version = before
        async with uow:
            if not await uow.orders.save(order, status, version):
                raise ConcurrentChange()
            if release_stock:
                await self._stock.release(uow, order)
            await uow.commit()
