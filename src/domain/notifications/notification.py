"""A message to a person, caused by an event, and what became of it.

Shared by every context that notifies people (the ordering context tells customers about
their orders). One notification per event and template: a redelivered event finds the
row it created and sends only if it has not been sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.ids import new_id


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    """The last attempt failed; another follows."""
    DEAD = "dead"
    """Every attempt failed; the causing event is dead-lettered."""


@dataclass(frozen=True, slots=True)
class Message:
    """A rendered message: plain text and HTML of the same content."""

    template: str
    recipient: str
    subject: str
    text: str
    html: str


@dataclass(slots=True)
class Notification:
    id: UUID
    tenant_id: UUID
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
    def create(
        cls, tenant_id: UUID, event_id: UUID, message: Message, channel: str
    ) -> Notification:
        now = utc_now()
        return cls(
            new_id(),
            tenant_id,
            event_id,
            message.recipient,
            channel,
            message.template,
            NotificationStatus.PENDING,
            0,
            None,
            now,
            now,
        )

    @property
    def is_sent(self) -> bool:
        return self.status is NotificationStatus.SENT

    def mark_sent(self) -> None:
        self.status, self.last_error = NotificationStatus.SENT, None
        self.attempts += 1
        self.updated_at = utc_now()

    def mark_failed(self, error: str, final: bool) -> None:
        self.status = NotificationStatus.DEAD if final else NotificationStatus.FAILED
        self.last_error = error
        self.attempts += 1
        self.updated_at = utc_now()
