"""Ports of notifications: where they are kept and how they leave."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from domain.notifications.notification import Message, Notification, NotificationStatus
from domain.shared.pagination import Page, PageRequest


@dataclass(frozen=True, slots=True)
class NotificationFilter:
    status: NotificationStatus | None = None


class NotificationRepository(Protocol):
    """Notifications of the open transaction's tenant."""

    async def for_event(self, event_id: UUID, template: str) -> Notification | None: ...

    async def add(self, notification: Notification) -> None: ...

    async def save(self, notification: Notification) -> None: ...

    async def list(self, where: NotificationFilter, page: PageRequest) -> Page[Notification]:
        """Newest first."""
        ...


class NotificationSender(Protocol):
    channel: str
    """What the notifications table records as the channel (``email``)."""

    async def send(self, message: Message, message_id: UUID) -> None:
        """Hand the message over, or raise ``NotificationFailed``. ``message_id`` is stable
        across attempts, so a receiver can drop a repeat."""
        ...
