"""Users get a version, like products, customers and orders: the ETag of a user, which
``PATCH`` and ``DELETE /users/{id}`` require in ``If-Match``. Existing users start at 1.
The runtime role's table grants cover the new column; nothing to grant.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The default fills the existing rows, then goes: every insert names the version, as
    # for the other versioned tables.
    op.add_column(
        "users", sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
    )
    op.alter_column("users", "version", server_default=None)


def downgrade() -> None:
    op.drop_column("users", "version")
