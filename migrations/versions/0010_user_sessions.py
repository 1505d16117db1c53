"""Sessions: one row per login (a refresh-token family), with an absolute end.

A session ends at ``expires_at`` whatever rotation does, or when it is revoked (logout,
password reset, role or e-mail change, a user or admin revoking it). Existing
refresh-token families become sessions that end 30 days after their first token.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from infrastructure.persistence.rls import create_tenant_table, disable_tenant_rls, revoke_runtime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)

# Under FORCE row-level security the owner sees no tenant rows either; the backfill lifts
# FORCE on the two tables for this transaction only, so the owner (not the runtime role)
# reads every tenant's families once.
_BACKFILL = """
INSERT INTO user_sessions (tenant_id, id, user_id, expires_at, last_used_at, revoked_at,
                           created_at, updated_at)
SELECT tenant_id, family_id, min(user_id::text)::uuid, min(created_at) + interval '30 days',
       max(created_at), CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END,
       min(created_at), max(updated_at)
FROM refresh_tokens GROUP BY tenant_id, family_id
"""


def upgrade() -> None:
    create_tenant_table(
        "user_sessions",
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("last_used_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("client", sa.String(64), nullable=True),
        sa.Column("user_agent", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name="fk_user_sessions_tenant_id_user_id_users",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_user_sessions_tenant_id_user_id", "user_sessions", ["tenant_id", "user_id"])
    for table in ("user_sessions", "refresh_tokens"):
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(_BACKFILL)
    for table in ("user_sessions", "refresh_tokens"):
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.create_foreign_key(
        "fk_refresh_tokens_tenant_id_family_id_user_sessions",
        "refresh_tokens",
        "user_sessions",
        ["tenant_id", "family_id"],
        ["tenant_id", "id"],
        ondelete="CASCADE",
    )


def downgrade() -> None:
    op.drop_constraint(
        "fk_refresh_tokens_tenant_id_family_id_user_sessions", "refresh_tokens", type_="foreignkey"
    )
    revoke_runtime("user_sessions")
    disable_tenant_rls("user_sessions")
    op.drop_index("ix_user_sessions_tenant_id_user_id", table_name="user_sessions")
    op.drop_table("user_sessions")
