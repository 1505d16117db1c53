"""Wire schemas of tenant webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from domain.webhooks.ports import DeliveryAttempt
from domain.webhooks.webhook import MAX_URL_LENGTH, Webhook
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


class WebhookPatch(InputStruct, forbid_unknown_fields=True):
    url: Url | None = None
    event_types: EventTypes | None = None
    active: bool | None = None


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
    def of(cls, a: DeliveryAttempt) -> DeliveryOut:
        return cls(
            a.id, a.event_id, a.event_type, a.attempt, a.status_code, a.duration_ms, a.error,
            a.created_at,
        )  # fmt: skip
