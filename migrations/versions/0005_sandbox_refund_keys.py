"""The sandbox gateway records the idempotency key of each charge's refund.

A refund replayed under the same key succeeds without refunding again, which lets an
interrupted cancellation be retried (or completed by the sweep) safely.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("sandbox_charges", sa.Column("refund_key", sa.String(255), nullable=True))


def downgrade() -> None:
    op.drop_column("sandbox_charges", "refund_key")
