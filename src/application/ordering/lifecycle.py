"""Use cases after placing: retry a payment, cancel (refunding when paid), fulfil.

Every state change is a compare-and-set on (id, tenant, status, version); an invalid
transition is a 409 naming both states.
"""

from __future__ import annotations

from uuid import UUID

from application.ordering.payments import PaymentSettlement
from application.ordering.stock import StockReservations
from application.shared.permissions import require_admin
from domain.identity.principal import Principal
from domain.ordering.errors import ConcurrentChange, OrderNotFound
from domain.ordering.order import Order, OrderStatus
from domain.ordering.ports import EventDispatcher
from domain.payments.ports import PaymentGateway
from domain.shared.unit_of_work import UnitOfWork


async def _load(uow: UnitOfWork, order_id: UUID) -> Order:
    order = await uow.orders.get(order_id)
    if order is None:
        raise OrderNotFound()
    return order


class RetryPayment:
    """Transaction 1 (only after a failure): reserve the stock again; then settle."""

    def __init__(
        self, uow: UnitOfWork, stock: StockReservations, payments: PaymentSettlement
    ) -> None:
        self._uow = uow
        self._stock = stock
        self._payments = payments

    async def __call__(self, order_id: UUID, token: str) -> UUID:
        async with self._uow as uow:
            order = await _load(uow, order_id)
            if order.status is OrderStatus.PAYMENT_FAILED:
                before = (order.status, order.version)
                order.retry_payment()
                await self._stock.reserve(uow, order)
                if not await uow.orders.save(order, *before):
                    raise ConcurrentChange()
                await uow.commit()
        await self._payments.settle(self._uow, order, token)
        return order.id


class CancelOrder:
    """Unpaid: cancel and release the stock (one transaction). Paid: refund through the
    gateway first (outside any transaction), then mark refunded and restore the stock."""

    def __init__(
        self,
        uow: UnitOfWork,
        stock: StockReservations,
        gateway: PaymentGateway,
        events: EventDispatcher,
    ) -> None:
        self._uow = uow
        self._stock = stock
        self._gateway = gateway
        self._events = events

    async def __call__(self, actor: Principal, order_id: UUID) -> UUID:
        require_admin(actor, "cancel orders")
        async with self._uow as uow:
            order = await _load(uow, order_id)
        before = (order.status, order.version)
        if order.status is OrderStatus.PAID and order.payment.reference is not None:
            order.refund()
            await self._gateway.refund(
                order.tenant_id, order.payment.reference, f"{order.id}:refund"
            )
        else:
            order.cancel()
        async with self._uow as uow:
            if not await uow.orders.save(order, *before):
                raise ConcurrentChange()
            if before[0] in (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID):
                await self._stock.release(uow, order)
            await uow.commit()
        await self._events.dispatch(order.take_events())
        return order.id


class FulfilOrder:
    def __init__(self, uow: UnitOfWork, events: EventDispatcher) -> None:
        self._uow = uow
        self._events = events

    async def __call__(self, actor: Principal, order_id: UUID) -> UUID:
        require_admin(actor, "fulfil orders")
        async with self._uow as uow:
            order = await _load(uow, order_id)
            before = (order.status, order.version)
            order.fulfil()
            if not await uow.orders.save(order, *before):
                raise ConcurrentChange()
            await uow.commit()
        await self._events.dispatch(order.take_events())
        return order.id
