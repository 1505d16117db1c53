"""Notifications the tenant's events caused: what went to whom, and what became of it
(owners and admins)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from uuid import UUID

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, get
from litestar.params import QueryParameter

from application.notifications.list_notifications import ListNotifications
from domain.notifications.notification import Notification, NotificationStatus
from domain.notifications.ports import NotificationFilter
from domain.shared.actor import Actor
from domain.shared.pagination import PageRequest
from interface.http.example_values import (
    CUSTOMER_EMAIL,
    NOTIFICATION_ID,
    ORDER_PAID_EVENT_ID,
    PAID_AT,
)
from interface.http.openapi_errors import problems
from interface.http.pagination import Limit, Offset, PageOut, page_out


class NotificationOut(msgspec.Struct, frozen=True):
    id: UUID
    event_id: UUID
    recipient: str
    channel: str
    template: str
    status: NotificationStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def example(cls) -> NotificationOut:
        return cls(
            NOTIFICATION_ID, ORDER_PAID_EVENT_ID, CUSTOMER_EMAIL, "email", "order_paid",
            NotificationStatus.SENT, 1, None, PAID_AT + timedelta(seconds=1),
            PAID_AT + timedelta(seconds=3),
        )  # fmt: skip

    @classmethod
    def of(cls, n: Notification) -> NotificationOut:
        return cls(
            n.id,
            n.event_id,
            n.recipient,
            n.channel,
            n.template,
            n.status,
            n.attempts,
            n.last_error,
            n.created_at,
            n.updated_at,
        )


class NotificationsController(Controller):
    path = "/notifications"
    tags = ["notifications"]

    @get("/", responses=problems(403))
    async def list_notifications(
        self,
        actor: FromDishka[Actor],
        list_notifications: FromDishka[ListNotifications],
        limit: Limit = 50,
        offset: Offset = 0,
        status: Annotated[NotificationStatus | None, QueryParameter(required=False)] = None,
    ) -> PageOut[NotificationOut]:
        """Newest first; ``status`` filters."""
        page = await list_notifications(
            actor, NotificationFilter(status), PageRequest(limit, offset)
        )
        return page_out(page, NotificationOut.of)
