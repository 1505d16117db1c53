"""Tenant deletions: the ids of deleted tenants, kept after every row of the tenant is
gone, so that every API process refuses their access tokens until these expire.

The operator's ``tenantry tenants delete`` (the owner role) records the id in the
transaction that deletes the tenant, and announces it on ``tenantry_access``; this narrow
function is the periodic re-read behind the notification, like those of migration 0011
(a missed notification is caught within ``REVOCATION_REFRESH_SECONDS``, and a process
started after the deletion knows it from its first read). Global, keyed by the tenant's
former id: the runtime role has no grant on the table and reads bare ids through the
function. The slug is not kept: it is free for a new tenant, whose id is new.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from infrastructure.persistence.rls import drop_functions, grant_runtime_functions

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)
_DELETED = """
CREATE FUNCTION deleted_tenant_ids(p_seconds integer) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT id FROM public.tenant_deletions
  WHERE created_at > now() - make_interval(secs => p_seconds)
$$
"""
_SIGNATURE = "deleted_tenant_ids(integer)"


def upgrade() -> None:
    op.create_table(
        "tenant_deletions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", _TS, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", _TS, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tenant_deletions"),
    )
    op.create_index("ix_tenant_deletions_created_at", "tenant_deletions", ["created_at"])
    # No policy and no grant: only the owner (and the function, its definer) reads it.
    op.execute("ALTER TABLE tenant_deletions ENABLE ROW LEVEL SECURITY")
    op.execute(_DELETED)
    grant_runtime_functions(_SIGNATURE)


def downgrade() -> None:
    drop_functions(_SIGNATURE)
    op.drop_table("tenant_deletions")
