"""Tenant webhooks' registration: the endpoints, the providers, the handlers that send
every subscribed event, and their own bookkeeping event."""

from __future__ import annotations

from application.webhooks.subscriptions import subscribe
from domain.webhooks.webhook import WebhookDeliveryRequested
from interface.http.registration import ContextRegistration
from interface.http.webhooks.provider import WebhooksProvider
from interface.http.webhooks.webhooks_controller import WebhooksController

WEBHOOKS = ContextRegistration(
    name="webhooks",
    api_handlers=(WebhooksController,),
    providers=(WebhooksProvider,),
    events=(WebhookDeliveryRequested,),
    subscribe=subscribe,
)
