"""SQLAlchemy adapter of ``NotificationRepository``; every statement filters by tenant.

The relay's statements (find one event's notification, add one, save one) are Core
statements built once, with bind parameters: no ORM entity, unit-of-work flush or
statement building per event.
"""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from sqlalchemy import Row, Table, bindparam, insert, literal, select, update

from domain.notifications.notification import Notification, NotificationStatus
from domain.notifications.ports import NotificationFilter
from domain.shared.pagination import Page, PageRequest
from infrastructure.database.tenant_session import TenantSession
from infrastructure.notifications.orm import NotificationRow
from infrastructure.persistence.listing import bounded_count

_TABLE = cast(Table, NotificationRow.__table__)
_FOR_EVENT = select(*_TABLE.c).where(
    _TABLE.c.tenant_id == bindparam("tenant_id"),
    _TABLE.c.event_id == bindparam("event_id"),
    _TABLE.c.template == bindparam("template"),
)
_ADD = insert(_TABLE)
_SAVE = (
    update(_TABLE)
    .where(_TABLE.c.tenant_id == bindparam("row_tenant"), _TABLE.c.id == bindparam("row_id"))
    .values(
        status=bindparam("new_status"),
        attempts=bindparam("new_attempts"),
        last_error=bindparam("new_error"),
        updated_at=bindparam("new_updated_at"),
    )
)


def _entity(row: NotificationRow | Row[Any]) -> Notification:
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
        params = {"tenant_id": self._db.tenant_id, "event_id": event_id, "template": template}
        row = (await self._db.session.execute(_FOR_EVENT, params)).first()
        return None if row is None else _entity(row)

    async def add(self, notification: Notification) -> None:
        n = notification
        values = {
            "tenant_id": n.tenant_id,
            "id": n.id,
            "event_id": n.event_id,
            "recipient": n.recipient,
            "channel": n.channel,
            "template": n.template,
            "status": n.status.value,
            "attempts": n.attempts,
            "last_error": n.last_error,
            "created_at": n.created_at,
            "updated_at": n.updated_at,
        }
        await self._db.session.execute(_ADD, values)

    async def save(self, notification: Notification) -> None:
        n = notification
        params = {
            "row_tenant": self._db.tenant_id,
            "row_id": n.id,
            "new_status": n.status.value,
            "new_attempts": n.attempts,
            "new_error": n.last_error,
            "new_updated_at": n.updated_at,
        }
        await self._db.session.execute(_SAVE, params)

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
