"""Event handler (of every external event): each event a tenant's webhooks subscribe to
becomes one delivery request per webhook, written to the outbox in this handler's
transaction, so that each webhook gets its own attempts, backoff and dead letter
(``SendWebhook`` sends them)."""

from __future__ import annotations

from application.events.handlers import Delivery
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.ports import WebhookRepository


class FanOutToWebhooks:
    key = "webhooks.fan_out"

    def __init__(self, uow: UnitOfWork, webhooks: WebhookRepository) -> None:
        self._uow = uow
        self._webhooks = webhooks

    async def handle(self, delivery: Delivery) -> None:
        event = delivery.event
        for webhook in await self._webhooks.subscribed_to(event.event_type):
            webhook.request_delivery(
                delivery.event_id, event.event_type, delivery.occurred_at, delivery.payload
            )
            self._uow.track(webhook)
