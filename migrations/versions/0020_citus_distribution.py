"""Scale-out on Citus: when the ``citus`` extension is installed in this database, every
tenant table is distributed on ``tenant_id``, colocated, and every global table becomes a
reference table (``infrastructure.persistence.citus``); on plain PostgreSQL nothing
changes. See docs/scale-out.md.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.citus import distribute_schema, undistribute_schema

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    distribute_schema(op.get_bind())


def downgrade() -> None:
    undistribute_schema(op.get_bind())
