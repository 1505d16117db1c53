"""Service: charge an order and record the outcome (steps 3-4 of PlaceOrder, and retries).

Steps:
3. Charge through the ``PaymentGateway`` outside any database transaction, with the
   attempt's idempotency key (``<order id>:<attempt>``).
4. One transaction, in the order's tenant: compare-and-set the order to ``paid``, or to
   ``payment_failed`` and release its stock, or (gateway silent) keep it
   ``pending_payment`` with its stock; the request's answer (``RequestKey``) is stored in
   it too. The unit of work writes the order's events to the outbox (``OrderPaid`` -> the
   customer's confirmation, sent by the relay).
Declines raise ``PaymentDeclined`` (402) and silence ``PaymentPending`` (503); both carry
the order id, and the order stays readable.
"""

from __future__ import annotations

from application.idempotency.ports import RequestKey
from application.ordering.stock import StockReservations
from application.ordering.transitions import Snapshot, save_transition, snapshot
from domain.ordering.errors import GatewayUnavailable, PaymentDeclined, PaymentPending
from domain.ordering.order import Order
from domain.ordering.ports import ChargeRequest, ChargeResult, OrderRepository, PaymentGateway
from domain.ordering.status import OrderStatus
from domain.shared.unit_of_work import UnitOfWork


class PaymentSettlement:
    def __init__(
        self,
        uow: UnitOfWork,
        orders: OrderRepository,
        gateway: PaymentGateway,
        stock: StockReservations,
        key: RequestKey,
    ) -> None:
        self._uow = uow
        self._orders = orders
        self._gateway = gateway
        self._stock = stock
        self._key = key

    async def settle(self, order: Order, token: str) -> None:
        before = snapshot(order)
        key = order.start_payment_attempt()
        request = ChargeRequest(order.tenant_id, key, token, order.total_minor, order.currency)
        outcome: ChargeResult | GatewayUnavailable
        try:
            outcome = await self._gateway.charge(request)
        except GatewayUnavailable as error:
            outcome = error
        if isinstance(outcome, GatewayUnavailable):
            order.mark_payment_pending()
            pending = PaymentPending(order.id, outcome.retry_after_seconds)
            await self._record(order, before, pending, release_stock=False)
            raise pending from outcome
        _apply(order, outcome)
        if order.status is OrderStatus.PAID:
            await self._record(order, before, order, release_stock=False)
            return
        declined = PaymentDeclined(order.id, order.payment.failure_code or "declined")
        await self._record(order, before, declined, release_stock=True)
        raise declined

    async def _record(
        self, order: Order, before: Snapshot, answer: object, release_stock: bool
    ) -> None:
        async with self._uow.for_tenant(order.tenant_id) as uow:
            await save_transition(self._orders, order, before)
            if release_stock:
                await self._stock.release(order)
            await self._key.answer(answer)
            await uow.commit()


def _apply(order: Order, result: ChargeResult) -> None:
    if result.succeeded and result.reference is not None:
        order.mark_paid(result.reference)
    else:
        order.mark_payment_failed(result.reference, result.failure_code or "declined")
