"""Wire schemas of tenant webhooks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from uuid import UUID

import msgspec

from domain.webhooks.ports import DeliveryAttempt
from domain.webhooks.webhook import MAX_URL_LENGTH, Webhook
from interface.http.example_values import (
    DELIVERY_ID,
    ORDER_PAID_EVENT_ID,
    PAID_AT,
    WEBHOOK_ADDED_AT,
    WEBHOOK_ID,
    WEBHOOK_URL,
)
from interface.http.input_schema import InputStruct

Url = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_URL_LENGTH)]
EventTypes = Annotated[
    list[Annotated[str, msgspec.Meta(min_length=1, max_length=100)]],
    msgspec.Meta(min_length=1, max_length=50),
]


class WebhookIn(InputStruct, forbid_unknown_fields=True):
    url: Url
    event_types: EventTypes
    active: bool = True

    @classmethod
    def example(cls) -> WebhookIn:
        return cls(WEBHOOK_URL, ["order.paid", "order.refunded"])


class WebhookPatch(InputStruct, forbid_unknown_fields=True):
    url: Url | None = None
    event_types: EventTypes | None = None
    active: bool | None = None

    @classmethod
    def example(cls) -> WebhookPatch:
        return cls(event_types=["order.paid", "order.refunded", "order.fulfilled"])


class WebhookOut(msgspec.Struct, frozen=True):
    id: UUID
    url: str
    event_types: list[str]
    active: bool
    disabled_reason: str | None
    """Why the webhook was switched off (after failing deliveries), if it was."""
    consecutive_failures: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def example(cls) -> WebhookOut:
        new = WebhookIn.example()
        return cls(
            WEBHOOK_ID, new.url, new.event_types, new.active, None, 0, WEBHOOK_ADDED_AT,
            WEBHOOK_ADDED_AT,
        )  # fmt: skip

    @classmethod
    def of(cls, w: Webhook) -> WebhookOut:
        return cls(
            w.id, w.url, w.event_types, w.active, w.disabled_reason, w.consecutive_failures,
            w.created_at, w.updated_at,
        )  # fmt: skip


class WebhookWithSecret(WebhookOut, frozen=True):
    """A webhook with its signing secret: the answer to creating one or rotating its secret,
    and the only time the secret is shown."""

    secret: str

    @classmethod
    def example(cls) -> WebhookWithSecret:
        return cls(
            **msgspec.structs.asdict(WebhookOut.example()),
            secret="whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
        )

    @classmethod
    def with_secret(cls, w: Webhook) -> WebhookWithSecret:
        return cls(**msgspec.structs.asdict(WebhookOut.of(w)), secret=w.secret)


class DeliveryOut(msgspec.Struct, frozen=True):
    id: UUID
    event_id: UUID
    event_type: str
    attempt: int
    status_code: int | None
    duration_ms: int
    error: str | None
    created_at: datetime

    @classmethod
    def example(cls) -> DeliveryOut:
        return cls(
            DELIVERY_ID, ORDER_PAID_EVENT_ID, "order.paid", 1, 200, 142, None,
            PAID_AT + timedelta(seconds=2),
        )  # fmt: skip

    @classmethod
    def of(cls, a: DeliveryAttempt) -> DeliveryOut:
        return cls(
            a.id, a.event_id, a.event_type, a.attempt, a.status_code, a.duration_ms, a.error,
            a.created_at,
        )  # fmt: skip
