"""Errors of tenant webhooks."""

from __future__ import annotations

from domain.shared.errors import FieldError, NotFound, ServiceUnavailable, Unprocessable


class WebhookNotFound(NotFound):
    default_detail = "The webhook was not found."


class UnsafeWebhookUrl(Unprocessable):
    """The URL points where webhooks may not go (a private, loopback, link-local or
    metadata address), or cannot be resolved."""

    def __init__(self, reason: str) -> None:
        super().__init__("The webhook URL is not allowed.", (FieldError("url", reason),))
        self.reason = reason


class WebhookDeliveryFailed(ServiceUnavailable):
    """One delivery attempt failed: an answer other than 2xx, a timeout, a refused or
    unsafe target. The detail names the cause, never the secret or the body."""

    def __init__(self, reason: str, status_code: int | None = None, duration_ms: int = 0) -> None:
        super().__init__(reason)
        self.status_code = status_code
        self.duration_ms = duration_ms
