"""Idempotency keys keep a recovery point: the resource their request's committed effect
created (bound in that effect's transaction), and whether the request was interrupted
after it. A retry of an interrupted request answers that resource; it never runs again.

``recovery_point`` names a row of whichever table the route creates in (an order for
``POST /orders``), so it has no foreign key; it is only ever read back as an id to load
through that context's own repository, in the same tenant.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHECK = "ck_idempotency_keys_interrupted_has_recovery_point"


def upgrade() -> None:
    op.add_column("idempotency_keys", sa.Column("recovery_point", sa.UUID(), nullable=True))
    op.add_column(
        "idempotency_keys",
        sa.Column("interrupted_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_check_constraint(
        _CHECK, "idempotency_keys", "interrupted_at IS NULL OR recovery_point IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_constraint(_CHECK, "idempotency_keys", type_="check")
    op.drop_column("idempotency_keys", "interrupted_at")
    op.drop_column("idempotency_keys", "recovery_point")
