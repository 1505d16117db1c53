"""``DeadLetters`` over PostgreSQL, in the open transaction's tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, select, text

from application.events.ports import DeadLetter
from domain.shared.ids import new_id
from domain.shared.pagination import Page, PageRequest
from infrastructure.database.tenant_session import TenantSession
from infrastructure.events.orm import OutboxRow
from infrastructure.events.outbox import OUTBOX_CHANNEL

_RETRY = text(f"""
WITH revived AS (
  UPDATE outbox SET status = 'pending', attempts = 0, available_at = now(), updated_at = now()
  WHERE tenant_id = :tenant_id AND id = :id AND status = 'dead'
  RETURNING id
), woken AS (
  INSERT INTO outbox_wakeups (tenant_id, id, due_at)
  SELECT :tenant_id, :wakeup_id, now() FROM revived
)
SELECT id, pg_notify('{OUTBOX_CHANNEL}', CAST(:tenant_id AS text)) FROM revived
""")


class SqlaDeadLetters:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def list(self, page: PageRequest) -> Page[DeadLetter]:
        session, tenant_id = self._db.session, self._db.tenant_id
        where = (OutboxRow.tenant_id == tenant_id, OutboxRow.status == "dead")
        total = await session.scalar(select(func.count()).select_from(OutboxRow).where(*where))
        rows = await session.scalars(
            select(OutboxRow)
            .where(*where)
            .order_by(OutboxRow.updated_at.desc(), OutboxRow.id)
            .limit(page.limit)
            .offset(page.offset)
        )
        items = [
            DeadLetter(
                row.id,
                row.event_type,
                row.occurred_at,
                row.attempts,
                row.last_error or "",
                row.updated_at,
            )
            for row in rows
        ]
        return Page(items, total or 0, page.limit, page.offset)

    async def retry(self, event_id: UUID) -> bool:
        revived = await self._db.session.execute(
            _RETRY, {"tenant_id": self._db.tenant_id, "id": event_id, "wakeup_id": new_id()}
        )
        return revived.first() is not None
