"""Event handler: tell the customer that their order was paid, declined or refunded.

Runs in the relay's transaction for the event's tenant: reads the order and its buyer,
renders the event's template (``customer_messages``) and sends it once
(``SendNotification``). When sending fails, ``failed`` records the attempt on the
notification; the order itself is never touched.
"""

from __future__ import annotations

from application.events.handlers import Delivery, HandlerFailure
from application.notifications.send_notification import SendNotification
from application.ordering.customer_messages import TEMPLATES
from domain.notifications.notification import Message
from domain.ordering.events import OrderEvent
from domain.ordering.ports import Buyers, OrderViews


class NotifyCustomer:
    key = "ordering.notify_customer"

    def __init__(self, views: OrderViews, buyers: Buyers, notifications: SendNotification) -> None:
        self._views = views
        self._buyers = buyers
        self._notifications = notifications

    async def handle(self, delivery: Delivery) -> None:
        message = await self._render(delivery)
        if message is not None:
            await self._notifications.send(delivery.event.tenant_id, delivery.event_id, message)

    async def failed(self, delivery: Delivery, failure: HandlerFailure, final: bool) -> None:
        message = await self._render(delivery)
        if message is not None:
            await self._notifications.record_failure(
                delivery.event.tenant_id, delivery.event_id, message, failure.description, final
            )

    async def _render(self, delivery: Delivery) -> Message | None:
        """The message, or ``None`` when there is nobody to tell (the order or its
        customer is gone)."""
        event = delivery.event
        template = TEMPLATES.get(type(event))
        if template is None or not isinstance(event, OrderEvent):
            return None
        order = await self._views.get(event.order_id)
        buyer = None if order is None else await self._buyers.get(order.customer_id)
        if order is None or buyer is None:
            return None
        return template(event, order, buyer)
