"""The transactional outbox: events, wake-ups of due tenants, processed-event keys.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from infrastructure.persistence.rls import (
    create_tenant_table,
    disable_tenant_rls,
    revoke_runtime,
)
from infrastructure.persistence.runtime_role import RUNTIME_ROLE

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("outbox", "outbox_wakeups", "processed_events")
_TS = sa.DateTime(timezone=True)

# Workers ask which tenants have due events before any tenant is set. Under FORCE
# row-level security the owner sees no wake-up either, so the owner gets one read-only
# policy on `outbox_wakeups`, and the runtime role reaches it only through these
# functions: tenant ids and a time, nothing else. search_path is pinned.
_FUNCTIONS = (
    "CREATE POLICY owner_scan ON outbox_wakeups FOR SELECT TO CURRENT_USER USING (true)",
    """
CREATE FUNCTION outbox_due_tenants(p_limit integer) RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT w.tenant_id FROM public.outbox_wakeups w WHERE w.due_at <= now()
  GROUP BY w.tenant_id ORDER BY min(w.due_at) LIMIT p_limit
$$
""",
    """
CREATE FUNCTION outbox_next_due() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT min(due_at) FROM public.outbox_wakeups WHERE due_at > now()
$$
""",
)
_FUNCTION_SIGNATURES = ("outbox_due_tenants(integer)", "outbox_next_due()")


def upgrade() -> None:
    create_tenant_table(
        "outbox",
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("event_version", sa.Integer(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("occurred_at", _TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("available_at", _TS, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("processed_at", _TS, nullable=True),
        sa.CheckConstraint("status IN ('pending', 'done', 'dead')", name="ck_outbox_status"),
    )
    op.create_index(
        "ix_outbox_tenant_id_status_available_at", "outbox", ["tenant_id", "status", "available_at"]
    )
    create_tenant_table("outbox_wakeups", sa.Column("due_at", _TS, nullable=False))
    create_tenant_table(
        "processed_events",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("handler", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "event_id"],
            ["outbox.tenant_id", "outbox.id"],
            name="fk_processed_events_tenant_id_event_id_outbox",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "tenant_id",
            "event_id",
            "handler",
            name="uq_processed_events_tenant_id_event_id_handler",
        ),
    )
    for statement in _FUNCTIONS:
        op.execute(statement)
    for signature in _FUNCTION_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {RUNTIME_ROLE}")


def downgrade() -> None:
    for signature in _FUNCTION_SIGNATURES:
        op.execute(f"DROP FUNCTION {signature}")
    op.execute("DROP POLICY owner_scan ON outbox_wakeups")
    for table in reversed(TABLES):
        revoke_runtime(table)
        disable_tenant_rls(table)
        op.drop_table(table)
