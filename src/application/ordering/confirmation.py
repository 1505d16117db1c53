"""Event handler: when an order is paid, send the customer a confirmation."""

from __future__ import annotations

from domain.ordering.events import DomainEvent, OrderPaid
from domain.ordering.ports import NotificationSender
from domain.shared.unit_of_work import UnitOfWorkFactory


class SendOrderConfirmation:
    """Reads the order and customer in the event's tenant (one read transaction), then
    sends outside it. Idempotent enough for at-least-once delivery: a repeat sends the
    same message again, with the same content."""

    def __init__(self, uows: UnitOfWorkFactory, sender: NotificationSender) -> None:
        self._uows = uows
        self._sender = sender

    async def __call__(self, event: DomainEvent) -> None:
        if not isinstance(event, OrderPaid):
            return
        async with self._uows.for_tenant(event.tenant_id) as uow:
            order = await uow.order_views.get(event.order_id)
            customer = None if order is None else await uow.customers.get(order.customer_id)
        if order is None or customer is None:
            return
        lines = "\n".join(
            f"  {line.quantity} x {line.product_id}: {line.line_total_minor} {order.currency}"
            for line in order.lines
        )
        await self._sender.send(
            customer.email,
            f"Order {order.id} confirmed",
            f"Hello {customer.name},\n\nwe received your payment ({order.payment.reference}).\n"
            f"{lines}\n  Total: {order.total_minor} {order.currency} (minor units)\n",
        )
