"""A tenant's webhook: where the tenant's events are sent, signed with its secret.

A webhook that keeps failing is switched off (``active = False``) with the reason, which
the tenant sees; switching it on again starts its failure count afresh. A secret rotation
keeps the previous secret valid for a grace period: deliveries carry both signatures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.errors import FieldError, Unprocessable
from domain.shared.events import DomainEvent
from domain.shared.ids import new_id
from domain.webhooks.signing import new_secret

MAX_URL_LENGTH = 2048


@dataclass(frozen=True, slots=True)
class WebhookDeliveryRequested(DomainEvent):
    """Bookkeeping, not for subscribers: send one event to one webhook (retried alone)."""

    event_type: ClassVar[str] = "webhook.delivery_requested"
    external: ClassVar[bool] = False

    webhook_id: UUID
    event_id: UUID
    source_type: str
    occurred_at: datetime
    data: dict[str, Any]


def check_url(url: str) -> str:
    """An absolute ``http`` or ``https`` URL with a host, a valid port, no credentials and
    no whitespace or control characters."""
    problem = _url_problem(url)
    if problem is not None:
        raise Unprocessable("The webhook URL is invalid.", (FieldError("url", problem),))
    return url


def _url_problem(url: str) -> str | None:
    if len(url) > MAX_URL_LENGTH:
        return f"at most {MAX_URL_LENGTH} characters"
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return "no spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        return "an absolute http:// or https:// URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "an absolute http:// or https:// URL"
    if parts.username or parts.password:
        return "no user name or password in the URL"
    return None


@dataclass(slots=True)
class Webhook:
    id: UUID
    tenant_id: UUID
    url: str
    event_types: list[str]
    active: bool
    secret: str
    previous_secret: str | None
    previous_secret_expires_at: datetime | None
    consecutive_failures: int
    disabled_reason: str | None
    created_at: datetime
    updated_at: datetime
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(cls, tenant_id: UUID, url: str, event_types: list[str], active: bool) -> Webhook:
        now = utc_now()
        return cls(
            new_id(), tenant_id, check_url(url), sorted(set(event_types)), active,
            new_secret(), None, None, 0, None, now, now,
        )  # fmt: skip

    def update(self, url: str | None, event_types: list[str] | None, active: bool | None) -> None:
        if url is not None:
            self.url = check_url(url)
        if event_types is not None:
            self.event_types = sorted(set(event_types))
        if active is not None:
            if active and not self.active:
                self.consecutive_failures, self.disabled_reason = 0, None
            self.active = active
        self.updated_at = utc_now()

    def rotate_secret(self, grace: timedelta) -> str:
        self.previous_secret, self.secret = self.secret, new_secret()
        self.previous_secret_expires_at = utc_now() + grace
        self.updated_at = utc_now()
        return self.secret

    def signing_secrets(self, now: datetime) -> list[str]:
        expires = self.previous_secret_expires_at
        if self.previous_secret is None or expires is None or expires <= now:
            return [self.secret]
        return [self.secret, self.previous_secret]

    def wants(self, event_type: str) -> bool:
        return self.active and event_type in self.event_types

    def request_delivery(
        self, event_id: UUID, event_type: str, occurred_at: datetime, data: Mapping[str, Any]
    ) -> None:
        self.events.append(
            WebhookDeliveryRequested(
                self.tenant_id, self.id, event_id, event_type, occurred_at, dict(data)
            )
        )

    def delivered(self) -> None:
        self.consecutive_failures = 0

    def failed(self, reason: str, disable_after: int) -> None:
        self.consecutive_failures += 1
        if self.active and self.consecutive_failures >= disable_after:
            self.active = False
            self.disabled_reason = (
                f"switched off after {self.consecutive_failures} failed deliveries in a row;"
                f" the last: {reason}"
            )
        self.updated_at = utc_now()

    def take_events(self) -> list[DomainEvent]:
        events, self.events = self.events, []
        return events
