"""Dishka providers of tenant webhooks (part of the composition root)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

from dishka import Provider, Scope, provide, provide_all

from application.webhooks.create_webhook import CreateWebhook
from application.webhooks.delete_webhook import DeleteWebhook
from application.webhooks.fan_out_event import FanOutToWebhooks
from application.webhooks.get_webhook import GetWebhook
from application.webhooks.list_webhook_deliveries import ListWebhookDeliveries
from application.webhooks.list_webhooks import ListWebhooks
from application.webhooks.rotate_webhook_secret import RotateWebhookSecret
from application.webhooks.rules import WebhookRules
from application.webhooks.send_webhook import SendWebhook
from application.webhooks.update_webhook import UpdateWebhook
from domain.webhooks.ports import UrlGuard, WebhookDeliveryLog, WebhookRepository, WebhookTransport
from infrastructure.events.event_catalog import EventCatalog
from infrastructure.settings import Settings
from infrastructure.webhooks.repository import SqlaWebhookDeliveryLog, SqlaWebhookRepository
from infrastructure.webhooks.url_guard import DnsUrlGuard


class WebhooksProvider(Provider):
    """Rules, URL guard and HTTP transport per process (APP); the rest per request."""

    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def rules(self, settings: Settings, catalog: EventCatalog) -> WebhookRules:
        subscribable = frozenset(n for n, t in catalog.types().items() if t.external)
        return WebhookRules(
            subscribable,
            settings.webhooks.disable_after,
            timedelta(hours=settings.webhooks.secret_grace_hours),
        )

    @provide(scope=Scope.APP)
    def guard(self, settings: Settings) -> UrlGuard:
        return DnsUrlGuard(settings.webhooks.allow_loopback)

    @provide(scope=Scope.APP)
    async def transport(self, settings: Settings) -> AsyncIterator[WebhookTransport]:
        """Built when a webhook is first sent: only the relay workers send, so httpx (and
        click, which it imports) never loads into an API process (about 3 MiB, issue 13)."""
        from infrastructure.webhooks.http_transport import HttpxWebhookTransport, webhook_client

        client = webhook_client(settings.webhooks.timeout_seconds)
        yield HttpxWebhookTransport(client)
        await client.aclose()

    webhooks = provide(SqlaWebhookRepository, provides=WebhookRepository)
    log = provide(SqlaWebhookDeliveryLog, provides=WebhookDeliveryLog)
    handlers = provide_all(FanOutToWebhooks, SendWebhook)
    use_cases = provide_all(
        CreateWebhook,
        UpdateWebhook,
        DeleteWebhook,
        RotateWebhookSecret,
        ListWebhooks,
        GetWebhook,
        ListWebhookDeliveries,
    )
