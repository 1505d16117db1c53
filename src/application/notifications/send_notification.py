"""Service: send a rendered message once per causing event, and keep its record.

Used by event handlers, inside the transaction the relay opened for the event: the record
is created (or found, on a redelivery), the message is sent unless it already was, and
the record is marked sent; all of it commits with the handler's processed key. When the
send fails, that transaction rolls back and ``record_failure`` writes the attempt in the
next one (status ``failed``, or ``dead`` after the last attempt).
"""

from __future__ import annotations

from uuid import UUID

from domain.notifications.notification import Message, Notification
from domain.notifications.ports import NotificationRepository, NotificationSender


class SendNotification:
    def __init__(self, notifications: NotificationRepository, sender: NotificationSender) -> None:
        self._notifications = notifications
        self._sender = sender

    async def send(self, tenant_id: UUID, event_id: UUID, message: Message) -> None:
        notification = await self._record(tenant_id, event_id, message)
        if notification.is_sent:
            return
        await self._sender.send(message, notification.id)
        notification.mark_sent()
        await self._notifications.save(notification)

    async def record_failure(
        self, tenant_id: UUID, event_id: UUID, message: Message, error: str, final: bool
    ) -> None:
        notification = await self._record(tenant_id, event_id, message)
        if notification.is_sent:
            return
        notification.mark_failed(error, final)
        await self._notifications.save(notification)

    async def _record(self, tenant_id: UUID, event_id: UUID, message: Message) -> Notification:
        found = await self._notifications.for_event(event_id, message.template)
        if found is not None:
            return found
        created = Notification.create(tenant_id, event_id, message, self._sender.channel)
        await self._notifications.add(created)
        return created
