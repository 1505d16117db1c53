"""The event backlog for ``/metrics``: how many events wait and how many are dead-lettered,
across every tenant, as two bare counts (nothing else leaves the function).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.rls import drop_functions, grant_runtime_functions

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATEMENTS = (
    "CREATE POLICY owner_backlog ON outbox FOR SELECT TO CURRENT_USER USING (true)",
    # Not led by tenant_id: the count spans every tenant, and holds only the few open events
    # (done ones, the bulk, are not in it).
    "CREATE INDEX ix_outbox_open_status ON outbox (status) WHERE status <> 'done'",
    """
CREATE FUNCTION event_backlog() RETURNS TABLE (pending bigint, dead bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'dead')
  FROM public.outbox WHERE status <> 'done'
$$
""",
)
_SIGNATURE = "event_backlog()"


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)
    grant_runtime_functions(_SIGNATURE)


def downgrade() -> None:
    drop_functions(_SIGNATURE)
    op.execute("DROP INDEX ix_outbox_open_status")
    op.execute("DROP POLICY owner_backlog ON outbox")
