"""Which ordering handlers receive which events (filled into the shared registry)."""

from __future__ import annotations

from application.events.handlers import EventSubscriptions
from application.ordering.customer_messages import TEMPLATES
from application.ordering.notify_customer import NotifyCustomer


def subscribe(subscriptions: EventSubscriptions) -> None:
    for event_type in TEMPLATES:
        subscriptions.on(event_type, NotifyCustomer)
