"""``DeadLetters`` over PostgreSQL, in the open transaction's tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import literal, select, text

from application.events.ports import DeadLetter
from domain.shared.ids import new_id
from domain.shared.pagination import Page, PageRequest
from infrastructure.database.notify import notify
from infrastructure.database.tenant_session import TenantSession
from infrastructure.events.orm import OutboxRow
from infrastructure.events.outbox import OUTBOX_CHANNEL
from infrastructure.persistence.listing import bounded_count

_REVIVE = text("""
UPDATE outbox SET status = 'pending', attempts = 0, available_at = now(), updated_at = now()
WHERE tenant_id = :tenant_id AND id = :id AND status = 'dead'
RETURNING id
""")
_WAKE = text("""
INSERT INTO outbox_wakeups (tenant_id, id, due_at) VALUES (:tenant_id, :wakeup_id, now())
""")


class SqlaDeadLetters:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def list(self, page: PageRequest) -> Page[DeadLetter]:
        session, tenant_id = self._db.session, self._db.tenant_id
        where = (OutboxRow.tenant_id == tenant_id, OutboxRow.status == "dead")
        total = await session.scalar(
            bounded_count(select(literal(1)).select_from(OutboxRow).where(*where))
        )
        rows = await session.scalars(
            select(OutboxRow)
            .where(*where)
            .order_by(OutboxRow.updated_at.desc(), OutboxRow.id)
            .limit(page.limit + 1)
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
        return Page.window(items, total or 0, page)

    async def retry(self, event_id: UUID) -> bool:
        """Make a dead event pending again, leave a wake-up for its tenant and wake the
        relay (at commit). False when no dead event of this tenant has the id."""
        session, tenant_id = self._db.session, self._db.tenant_id
        revived = await session.execute(_REVIVE, {"tenant_id": tenant_id, "id": event_id})
        if revived.first() is None:
            return False
        await session.execute(_WAKE, {"tenant_id": tenant_id, "wakeup_id": new_id()})
        await notify(session, OUTBOX_CHANNEL, [str(tenant_id)])
        return True
