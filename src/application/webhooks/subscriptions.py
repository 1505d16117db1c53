"""Which webhook handlers receive which events (filled into the shared registry)."""

from __future__ import annotations

from application.events.handlers import EventSubscriptions
from application.webhooks.fan_out_event import FanOutToWebhooks
from application.webhooks.send_webhook import SendWebhook
from domain.webhooks.webhook import WebhookDeliveryRequested


def subscribe(subscriptions: EventSubscriptions) -> None:
    subscriptions.on_every_external(FanOutToWebhooks)
    subscriptions.on(WebhookDeliveryRequested, SendWebhook)
