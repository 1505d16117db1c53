"""What webhooks may subscribe to, and the rules every webhook follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.shared.errors import FieldError, Unprocessable


@dataclass(frozen=True, slots=True)
class WebhookRules:
    subscribable: frozenset[str]
    """Wire names of the events tenants may subscribe to (the catalogue's external ones)."""
    disable_after: int = 20
    """Failed deliveries in a row that switch a webhook off."""
    secret_grace: timedelta = timedelta(hours=24)
    """How long the previous secret still signs after a rotation."""

    def check_event_types(self, event_types: list[str]) -> list[str]:
        unknown = sorted(set(event_types) - self.subscribable)
        if not event_types or unknown:
            allowed = ", ".join(sorted(self.subscribable))
            problem = f"unknown: {', '.join(unknown)}; " if unknown else "at least one; "
            raise Unprocessable(
                "The event types are invalid.",
                (FieldError("event_types", f"{problem}choose from {allowed}"),),
            )
        return event_types
