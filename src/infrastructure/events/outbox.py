"""``EventOutbox`` over PostgreSQL: events are written in the transaction of their change.

One statement per commit appends every event, leaves one wake-up row for the tenant, and
queues a ``NOTIFY`` (delivered by PostgreSQL only if the transaction commits) so a
listening worker starts at once. Row-level security checks that every event belongs to
the transaction's tenant.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text

from domain.shared.events import DomainEvent
from domain.shared.ids import new_id
from infrastructure.database.tenant_session import TenantSession
from infrastructure.events.event_catalog import EventCatalog

OUTBOX_CHANNEL = "tenantry_outbox"
"""The LISTEN/NOTIFY channel; the payload is the tenant id (no event data)."""

_APPEND = text(f"""
WITH appended AS (
  INSERT INTO outbox (tenant_id, id, event_type, event_version, payload, occurred_at,
                      status, attempts, available_at)
  SELECT CAST(:tenant_id AS uuid), e.id, e.event_type, e.event_version,
         CAST(e.payload AS jsonb), now(), 'pending', 0, now()
  FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS text[]), CAST(:versions AS integer[]),
              CAST(:payloads AS text[])) AS e(id, event_type, event_version, payload)
), woken AS (
  INSERT INTO outbox_wakeups (tenant_id, id, due_at)
  VALUES (CAST(:tenant_id AS uuid), CAST(:wakeup_id AS uuid), now())
)
SELECT pg_notify('{OUTBOX_CHANNEL}', CAST(:tenant_id AS text))
""")


class SqlaEventOutbox:
    def __init__(self, db: TenantSession, catalog: EventCatalog) -> None:
        self._db = db
        self._catalog = catalog

    async def append(self, events: Sequence[DomainEvent]) -> None:
        if not events:
            return
        tenants = {event.tenant_id for event in events}
        if len(tenants) != 1:
            raise ValueError("one transaction's events belong to one tenant")
        await self._db.session.execute(
            _APPEND,
            {
                "tenant_id": tenants.pop(),
                "ids": [new_id() for _ in events],
                "types": [event.event_type for event in events],
                "versions": [event.event_version for event in events],
                "payloads": [self._catalog.encode(event) for event in events],
                "wakeup_id": new_id(),
            },
        )
