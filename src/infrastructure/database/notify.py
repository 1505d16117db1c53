"""``NOTIFY`` from the open transaction (delivered by PostgreSQL at commit, never after a
rollback), as a statement of its own over no table.

On Citus a ``pg_notify`` inside a statement that reads or writes a distributed or reference
table is pushed down with it to the worker holding the shard, where nobody listens: the
app's listeners are connected to the coordinator. A statement that touches no table runs
where the app is connected, on Citus and on plain PostgreSQL alike.

One statement keeps its ``pg_notify``: the outbox's append (``infrastructure/events/
outbox.py``), whose tables are written by ``INSERT`` CTEs. Citus never routes an ``INSERT``
CTE with its statement: it runs each as a step of its own and the outer ``SELECT
pg_notify`` on the coordinator, so the hot path keeps its one round trip;
``tests/api/test_outbox_wakeup.py`` listens on the coordinator for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_NOTIFY = text(
    "SELECT pg_notify(:channel, payload) FROM unnest(CAST(:payloads AS text[])) AS payload"
)


async def notify(session: AsyncSession, channel: str, payloads: Sequence[str]) -> None:
    """Queue one notification on ``channel`` per payload (none: nothing is sent)."""
    if payloads:
        await session.execute(_NOTIFY, {"channel": channel, "payloads": list(payloads)})
