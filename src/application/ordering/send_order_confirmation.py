"""Event handler: when an order is paid, send the customer a confirmation."""

from __future__ import annotations

from domain.ordering.events import OrderPaid
from domain.ordering.ports import Buyers, NotificationSender, OrderViews
from domain.shared.events import DomainEvent
from domain.shared.unit_of_work import UnitOfWork


class SendOrderConfirmation:
    """Reads the order and its buyer in the event's tenant (one read transaction), then
    sends outside it. Idempotent enough for at-least-once delivery: a repeat sends the
    same message again, with the same content."""

    def __init__(
        self, uow: UnitOfWork, views: OrderViews, buyers: Buyers, sender: NotificationSender
    ) -> None:
        self._uow = uow
        self._views = views
        self._buyers = buyers
        self._sender = sender

    async def __call__(self, event: DomainEvent) -> None:
        if not isinstance(event, OrderPaid):
            return
        async with self._uow.for_tenant(event.tenant_id):
            order = await self._views.get(event.order_id)
            buyer = None if order is None else await self._buyers.get(order.customer_id)
        if order is None or buyer is None:
            return
        lines = "\n".join(
            f"  {line.quantity} x {line.product_id}: {line.line_total_minor} {order.currency}"
            for line in order.lines
        )
        await self._sender.send(
            buyer.email,
            f"Order {order.id} confirmed",
            f"Hello {buyer.name},\n\nwe received your payment ({order.payment.reference}).\n"
            f"{lines}\n  Total: {order.total_minor} {order.currency} (minor units)\n",
        )
