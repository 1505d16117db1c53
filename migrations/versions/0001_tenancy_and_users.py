"""Tenancy core: tenants, users, row-level security and runtime grants.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from infrastructure.persistence.rls import (
    disable_tenant_rls,
    enable_tenant_rls,
    grant_runtime,
    revoke_runtime,
)
from infrastructure.persistence.runtime_role import RUNTIME_ROLE

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TENANT_ROW_PREDICATE = "id = NULLIF(current_setting('app.tenant_id', true), '')::uuid"


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    ]


def upgrade() -> None:
    op.execute(f"GRANT SELECT ON alembic_version TO {RUNTIME_ROLE}")
    op.create_table(
        "tenants",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("slug", sa.String(63), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
        sa.CheckConstraint("status IN ('active', 'suspended')", name="ck_tenants_status"),
        sa.UniqueConstraint("slug", name="uq_tenants_slug"),
    )
    # A transaction sees only the tenant row it is scoped to.
    enable_tenant_rls("tenants", _TENANT_ROW_PREDICATE)
    grant_runtime("tenants", "SELECT, INSERT, UPDATE")

    op.create_table(
        "users",
        sa.Column("tenant_id", UUID(as_uuid=True), nullable=False),
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_users"),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_users_tenant_id_tenants", ondelete="RESTRICT"
        ),
        sa.UniqueConstraint("tenant_id", "email", name="uq_users_tenant_id_email"),
        sa.CheckConstraint("role IN ('owner', 'admin', 'member')", name="ck_users_role"),
        sa.CheckConstraint("email = lower(email)", name="ck_users_email_lower_case"),
    )
    enable_tenant_rls("users")
    grant_runtime("users")


def downgrade() -> None:
    revoke_runtime("users")
    disable_tenant_rls("users")
    op.drop_table("users")
    revoke_runtime("tenants")
    disable_tenant_rls("tenants")
    op.drop_table("tenants")
    op.execute(f"REVOKE ALL ON alembic_version FROM {RUNTIME_ROLE}")
