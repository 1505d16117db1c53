"""Tenant webhooks (owners and admins): manage them, rotate their secret, read their
delivery log."""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from application.webhooks.create_webhook import CreateWebhook, WebhookDraft
from application.webhooks.delete_webhook import DeleteWebhook
from application.webhooks.get_webhook import GetWebhook
from application.webhooks.list_webhook_deliveries import ListWebhookDeliveries
from application.webhooks.list_webhooks import ListWebhooks
from application.webhooks.rotate_webhook_secret import RotateWebhookSecret
from application.webhooks.update_webhook import UpdateWebhook, WebhookChanges
from domain.shared.actor import Actor
from domain.shared.pagination import PageRequest
from interface.http.created import location
from interface.http.openapi_errors import problems
from interface.http.pagination import Limit, Offset, PageOut, page_out
from interface.http.webhooks.schemas import (
    DeliveryOut,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
    WebhookWithSecret,
)

ONE = "/{webhook_id:str}"


class WebhooksController(Controller):
    path = "/webhooks"
    tags = ["webhooks"]

    @get("/", responses=problems(403))
    async def list_webhooks(
        self,
        actor: FromDishka[Actor],
        list_webhooks: FromDishka[ListWebhooks],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> PageOut[WebhookOut]:
        page = await list_webhooks(actor, PageRequest(limit, offset))
        return page_out(page, WebhookOut.of)

    @post("/", status_code=HTTP_201_CREATED, responses=problems(403))
    async def create_webhook(
        self, data: JSONBody[WebhookIn], actor: FromDishka[Actor], create: FromDishka[CreateWebhook]
    ) -> Response[WebhookWithSecret]:
        """Creates a webhook; the answer holds its signing secret, shown only this once."""
        webhook = await create(actor, WebhookDraft(data.url, data.event_types, data.active))
        return Response(
            WebhookWithSecret.with_secret(webhook),
            status_code=HTTP_201_CREATED,
            headers=location("/webhooks", webhook.id),
        )

    @get(ONE, responses=problems(403, 404))
    async def get_webhook(
        self, webhook_id: FromPath[UUID], actor: FromDishka[Actor], get_one: FromDishka[GetWebhook]
    ) -> WebhookOut:
        return WebhookOut.of(await get_one(actor, webhook_id))

    @patch(ONE, responses=problems(403, 404))
    async def update_webhook(
        self,
        webhook_id: FromPath[UUID],
        data: JSONBody[WebhookPatch],
        actor: FromDishka[Actor],
        update: FromDishka[UpdateWebhook],
    ) -> WebhookOut:
        """Changes the URL, the events or ``active``; switching it on clears its failures."""
        changes = WebhookChanges(data.url, data.event_types, data.active)
        return WebhookOut.of(await update(actor, webhook_id, changes))

    @delete(ONE, status_code=HTTP_204_NO_CONTENT, responses=problems(403, 404))
    async def delete_webhook(
        self,
        webhook_id: FromPath[UUID],
        actor: FromDishka[Actor],
        remove: FromDishka[DeleteWebhook],
    ) -> None:
        await remove(actor, webhook_id)

    @post(f"{ONE}/rotate-secret", status_code=200, responses=problems(403, 404))
    async def rotate_webhook_secret(
        self,
        webhook_id: FromPath[UUID],
        actor: FromDishka[Actor],
        rotate: FromDishka[RotateWebhookSecret],
    ) -> WebhookWithSecret:
        """A new secret, shown only this once; the previous one keeps signing (both
        signatures are sent) for ``WEBHOOK_SECRET_GRACE_HOURS``."""
        return WebhookWithSecret.with_secret(await rotate(actor, webhook_id))

    @get(f"{ONE}/deliveries", responses=problems(403, 404))
    async def list_webhook_deliveries(
        self,
        webhook_id: FromPath[UUID],
        actor: FromDishka[Actor],
        deliveries: FromDishka[ListWebhookDeliveries],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> PageOut[DeliveryOut]:
        """Every delivery attempt, newest first: status code, duration, error."""
        page = await deliveries(actor, webhook_id, PageRequest(limit, offset))
        return page_out(page, DeliveryOut.of)
