"""``EventOutbox`` over PostgreSQL: events are written in the transaction of their change.

One statement per commit appends every event, leaves one wake-up row for the tenant, and
queues a ``NOTIFY`` (delivered by PostgreSQL only if the transaction commits) so a
listening worker starts at once. Row-level security checks that every event belongs to
the transaction's tenant.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import TextClause, text

from domain.shared.events import DomainEvent
from domain.shared.ids import new_id
from infrastructure.database.tenant_session import TenantSession
from infrastructure.events.event_catalog import EventCatalog

OUTBOX_CHANNEL = "tenantry_outbox"
"""The LISTEN/NOTIFY channel; the payload is the tenant id (no event data)."""
MAX_EVENTS_PER_COMMIT = 1000
"""One statement binds four values per event, and a statement takes at most 32,767; a
use case's transaction writes a handful."""

_EVENT_ROW = (
    "(CAST(:tenant_id AS uuid), CAST(:id_{n} AS uuid), :type_{n}, :version_{n},"
    " CAST(:payload_{n} AS jsonb), now(), 'pending', 0, now())"
)


@lru_cache(maxsize=16)
def _append(count: int) -> TextClause:
    """Append ``count`` events: one ``VALUES`` row each (Citus routes an ``INSERT ...
    VALUES`` to the tenant's shard; an ``INSERT ... SELECT FROM unnest()`` it would run as
    a ``COPY``, which row-level security refuses)."""
    rows = ",\n    ".join(_EVENT_ROW.format(n=n) for n in range(count))
    return text(f"""
WITH appended AS (
  INSERT INTO outbox (tenant_id, id, event_type, event_version, payload, occurred_at,
                      status, attempts, available_at)
  VALUES {rows}
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
        if len(events) > MAX_EVENTS_PER_COMMIT:
            raise ValueError(f"at most {MAX_EVENTS_PER_COMMIT} events per transaction")
        values: dict[str, object] = {"tenant_id": tenants.pop(), "wakeup_id": new_id()}
        for n, event in enumerate(events):
            values[f"id_{n}"] = new_id()
            values[f"type_{n}"] = event.event_type
            values[f"version_{n}"] = event.event_version
            values[f"payload_{n}"] = self._catalog.encode(event)
        await self._db.session.execute(_append(len(events)), values)
