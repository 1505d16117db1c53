"""Event handler: send one event to one webhook, signed (Standard Webhooks), and log it.

Runs in the relay's transaction for the tenant. The URL is checked again before every
attempt (DNS can change); redirects are not followed; anything but a 2xx answer is a
failure. A success resets the webhook's failure count and logs the attempt in the same
transaction as the processed key. A failure rolls that back; ``failed`` then logs the
attempt (status code, duration, error) and counts it, switching the webhook off after
``WebhookRules.disable_after`` failures in a row. The relay retries with backoff and
dead-letters the request after the last attempt. A deleted or switched-off webhook is
skipped.
"""

from __future__ import annotations

import json

from application.events.handlers import Delivery, HandlerFailure
from application.webhooks.rules import WebhookRules
from domain.shared.clock import utc_now
from domain.shared.ids import new_id
from domain.webhooks.errors import UnsafeWebhookUrl, WebhookDeliveryFailed
from domain.webhooks.ports import (
    DeliveryAttempt,
    TransportResult,
    UrlGuard,
    WebhookDeliveryLog,
    WebhookRepository,
    WebhookTransport,
)
from domain.webhooks.signing import signature_header
from domain.webhooks.webhook import Webhook, WebhookDeliveryRequested


def message(request: WebhookDeliveryRequested) -> bytes:
    """The body: the event's type, when it happened, and its payload."""
    body = {
        "type": request.source_type,
        "timestamp": request.occurred_at.isoformat(),
        "data": request.data,
    }
    return json.dumps(body, separators=(",", ":"), sort_keys=True).encode()


class SendWebhook:
    key = "webhooks.send"

    def __init__(
        self,
        webhooks: WebhookRepository,
        log: WebhookDeliveryLog,
        guard: UrlGuard,
        transport: WebhookTransport,
        rules: WebhookRules,
    ) -> None:
        self._webhooks = webhooks
        self._log = log
        self._guard = guard
        self._transport = transport
        self._rules = rules

    async def handle(self, delivery: Delivery) -> None:
        request, webhook = await self._target(delivery)
        if request is None or webhook is None or not webhook.active:
            return
        result = await self._send(webhook, request)
        webhook.delivered()
        await self._webhooks.save(webhook)
        await self._log_attempt(delivery, request, result.status_code, result.duration_ms, None)

    async def failed(self, delivery: Delivery, failure: HandlerFailure, final: bool) -> None:
        request, webhook = await self._target(delivery)
        if request is None or webhook is None:
            return
        error = failure.error
        status = error.status_code if isinstance(error, WebhookDeliveryFailed) else None
        duration = error.duration_ms if isinstance(error, WebhookDeliveryFailed) else 0
        webhook.failed(failure.description, self._rules.disable_after)
        await self._webhooks.save(webhook)
        await self._log_attempt(delivery, request, status, duration, failure.description)

    async def _target(
        self, delivery: Delivery
    ) -> tuple[WebhookDeliveryRequested | None, Webhook | None]:
        request = delivery.event
        if not isinstance(request, WebhookDeliveryRequested):
            return None, None
        return request, await self._webhooks.get(request.webhook_id)

    async def _send(self, webhook: Webhook, request: WebhookDeliveryRequested) -> TransportResult:
        try:
            await self._guard.check(webhook.url)
        except UnsafeWebhookUrl as unsafe:
            raise WebhookDeliveryFailed(f"refused to send: {unsafe.reason}") from None
        body, now = message(request), utc_now()
        message_id, timestamp = f"msg_{request.event_id.hex}", int(now.timestamp())
        headers = {
            "content-type": "application/json",
            "webhook-id": message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature_header(
                webhook.signing_secrets(now), message_id, timestamp, body
            ),
        }
        result = await self._transport.post(webhook.url, headers, body)
        if not 200 <= result.status_code < 300:
            raise WebhookDeliveryFailed(
                f"answered HTTP {result.status_code}", result.status_code, result.duration_ms
            )
        return result

    async def _log_attempt(
        self,
        delivery: Delivery,
        request: WebhookDeliveryRequested,
        status: int | None,
        duration_ms: int,
        error: str | None,
    ) -> None:
        attempt = DeliveryAttempt(
            new_id(), request.webhook_id, request.event_id, request.source_type,
            delivery.attempt, status, duration_ms, error, utc_now(),
        )  # fmt: skip
        await self._log.add(request.tenant_id, attempt)
