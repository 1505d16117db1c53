"""``ProcessedEvents`` over PostgreSQL: one row per (handler, event), in the handler's
transaction. The unique key makes a concurrent second delivery wait, then skip."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import text

from domain.shared.ids import new_id
from infrastructure.database.tenant_session import TenantSession

_FIRST_TIME = text("""
INSERT INTO processed_events (tenant_id, id, event_id, handler)
VALUES (:tenant_id, :id, :event_id, :handler)
ON CONFLICT (tenant_id, event_id, handler) DO NOTHING
RETURNING id
""")


class SqlaProcessedEvents:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def first_time(self, handler_key: str, event_id: UUID) -> bool:
        inserted = await self._db.session.scalar(
            _FIRST_TIME,
            {
                "tenant_id": self._db.tenant_id,
                "id": new_id(),
                "event_id": event_id,
                "handler": handler_key,
            },
        )
        return inserted is not None
