"""Service: send a rendered message once per causing event, and keep its record.

Used by event handlers, inside the transaction the relay opened for the event: the record
is looked up (a redelivery finds it), the message is sent unless it already was, and the
record is written as sent (inserted, or updated when an earlier attempt left it); all of
it commits with the handler's processed key. When the send fails, that transaction rolls
back and ``record_failure`` writes the attempt in the next one (status ``failed``, or
``dead`` after the last attempt). A record is written once per transaction, with its
final state (no insert followed by an update).
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
        found = await self._notifications.for_event(event_id, message.template)
        if found is not None and found.is_sent:
            return
        notification = found or self._new(tenant_id, event_id, message)
        await self._sender.send(message, notification.id)
        notification.mark_sent()
        await self._keep(notification, found is None)

    async def record_failure(
        self, tenant_id: UUID, event_id: UUID, message: Message, error: str, final: bool
    ) -> None:
        found = await self._notifications.for_event(event_id, message.template)
        if found is not None and found.is_sent:
            return
        notification = found or self._new(tenant_id, event_id, message)
        notification.mark_failed(error, final)
        await self._keep(notification, found is None)

    def _new(self, tenant_id: UUID, event_id: UUID, message: Message) -> Notification:
        return Notification.create(tenant_id, event_id, message, self._sender.channel)

    async def _keep(self, notification: Notification, new: bool) -> None:
        if new:
            await self._notifications.add(notification)
        else:
            await self._notifications.save(notification)
