"""Notifications: what was sent to whom, on which channel, caused by which event.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from infrastructure.persistence.rls import (
    create_tenant_table,
    disable_tenant_rls,
    revoke_runtime,
)

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_tenant_table(
        "notifications",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("template", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id", "event_id"],
            ["outbox.tenant_id", "outbox.id"],
            name="fk_notifications_tenant_id_event_id_outbox",
            ondelete="RESTRICT",
        ),
        sa.UniqueConstraint(
            "tenant_id", "event_id", "template", name="uq_notifications_tenant_id_event_id_template"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'dead')", name="ck_notifications_status"
        ),
    )
    op.create_index(
        "ix_notifications_tenant_id_status_created_at",
        "notifications",
        ["tenant_id", "status", "created_at"],
    )
    op.create_index(
        "ix_notifications_tenant_id_created_at", "notifications", ["tenant_id", "created_at"]
    )


def downgrade() -> None:
    revoke_runtime("notifications")
    disable_tenant_rls("notifications")
    op.drop_table("notifications")
