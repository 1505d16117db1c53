"""Tenant webhooks and their delivery log.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from infrastructure.persistence.rls import create_tenant_table, disable_tenant_rls, revoke_runtime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target}.tenant_id", f"{target}.id"],
        name=f"fk_{table}_tenant_id_{column}_{target}",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    create_tenant_table(
        "webhooks",
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.String(100)), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("previous_secret", sa.String(100), nullable=True),
        sa.Column("previous_secret_expires_at", _TS, nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_webhooks_tenant_id_created_at", "webhooks", ["tenant_id", "created_at"])
    create_tenant_table(
        "webhook_deliveries",
        sa.Column("webhook_id", sa.UUID(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        _fk("webhook_deliveries", "webhook_id", "webhooks"),
        _fk("webhook_deliveries", "event_id", "outbox"),
    )
    op.create_index(
        "ix_webhook_deliveries_tenant_id_webhook_id_created_at",
        "webhook_deliveries",
        ["tenant_id", "webhook_id", "created_at"],
    )


def downgrade() -> None:
    for table in ("webhook_deliveries", "webhooks"):
        revoke_runtime(table)
        disable_tenant_rls(table)
        op.drop_table(table)
