"""SQLAlchemy adapter of ``NotificationRepository``; every statement filters by tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import literal, select, update

from domain.notifications.notification import Notification, NotificationStatus
from domain.notifications.ports import NotificationFilter
from domain.shared.pagination import Page, PageRequest
from infrastructure.database.tenant_session import TenantSession
from infrastructure.notifications.orm import NotificationRow
from infrastructure.persistence.listing import bounded_count


def _entity(row: NotificationRow) -> Notification:
    return Notification(
        row.id,
        row.tenant_id,
        row.event_id,
        row.recipient,
        row.channel,
        row.template,
        NotificationStatus(row.status),
        row.attempts,
        row.last_error,
        row.created_at,
        row.updated_at,
    )


class SqlaNotificationRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def for_event(self, event_id: UUID, template: str) -> Notification | None:
        row = await self._db.session.scalar(
            select(NotificationRow).where(
                NotificationRow.tenant_id == self._db.tenant_id,
                NotificationRow.event_id == event_id,
                NotificationRow.template == template,
            )
        )
        return None if row is None else _entity(row)

    async def add(self, notification: Notification) -> None:
        n = notification
        self._db.session.add(
            NotificationRow(
                tenant_id=n.tenant_id,
                id=n.id,
                event_id=n.event_id,
                recipient=n.recipient,
                channel=n.channel,
                template=n.template,
                status=n.status.value,
                attempts=n.attempts,
                last_error=n.last_error,
                created_at=n.created_at,
                updated_at=n.updated_at,
            )
        )
        await self._db.session.flush()

    async def save(self, notification: Notification) -> None:
        await self._db.session.execute(
            update(NotificationRow)
            .where(
                NotificationRow.tenant_id == self._db.tenant_id,
                NotificationRow.id == notification.id,
            )
            .values(
                status=notification.status.value,
                attempts=notification.attempts,
                last_error=notification.last_error,
                updated_at=notification.updated_at,
            )
            .execution_options(synchronize_session=False)
        )

    async def list(self, where: NotificationFilter, page: PageRequest) -> Page[Notification]:
        conditions = [NotificationRow.tenant_id == self._db.tenant_id]
        if where.status is not None:
            conditions.append(NotificationRow.status == where.status.value)
        session = self._db.session
        total = await session.scalar(
            bounded_count(select(literal(1)).select_from(NotificationRow).where(*conditions))
        )
        rows = await session.scalars(
            select(NotificationRow)
            .where(*conditions)
            .order_by(NotificationRow.created_at.desc(), NotificationRow.id.desc())
            .limit(page.limit + 1)
            .offset(page.offset)
        )
        return Page.window([_entity(row) for row in rows], total or 0, page)
