"""Use case: a page of the caller's tenant's notifications, optionally by status (owners
and admins; one read-only transaction)."""

from __future__ import annotations

from application.shared.permissions import require_admin
from domain.notifications.notification import Notification
from domain.notifications.ports import NotificationFilter, NotificationRepository
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.shared.unit_of_work import UnitOfWork


class ListNotifications:
    def __init__(self, uow: UnitOfWork, notifications: NotificationRepository) -> None:
        self._uow = uow
        self._notifications = notifications

    async def __call__(
        self, actor: Actor, where: NotificationFilter, page: PageRequest
    ) -> Page[Notification]:
        require_admin(actor, "see notifications")
        async with self._uow:
            return await self._notifications.list(where, page)
