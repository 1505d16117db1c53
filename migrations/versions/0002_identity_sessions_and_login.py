"""Identity: refresh tokens, login throttle, and the narrow pre-tenant lookups.

Revision ID: 0002
Revises: 0001
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

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIMESTAMPTZ = sa.DateTime(timezone=True)

# Login looks a tenant up by slug before any tenant is set. Under FORCE row-level security
# even the owner sees no tenant row, so the owner gets one read-only policy on `tenants`,
# and the runtime role reaches it only through this function: one active tenant's id, for
# an exact slug, nothing else. search_path is pinned so no caller can shadow `tenants`.
_FUNCTIONS = (
    """
CREATE POLICY owner_lookup ON tenants FOR SELECT TO CURRENT_USER USING (true)
""",
    """
CREATE FUNCTION tenant_id_for_slug(p_slug text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT id FROM public.tenants WHERE slug = p_slug AND status = 'active'
$$
""",
    """
CREATE FUNCTION login_throttle_retry_after(p_key uuid, p_max integer, p_window integer)
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT COALESCE(MAX(CEIL(p_window - EXTRACT(EPOCH FROM now() - window_start))::integer), 0)
  FROM public.login_throttle
  WHERE id = p_key AND failures >= p_max
    AND now() - window_start < make_interval(secs => p_window)
$$
""",
    """
CREATE FUNCTION login_throttle_fail(p_key uuid, p_window integer) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  INSERT INTO public.login_throttle AS t (id, window_start, failures)
  VALUES (p_key, now(), 1)
  ON CONFLICT (id) DO UPDATE SET
    failures = CASE WHEN now() - t.window_start >= make_interval(secs => p_window)
                    THEN 1 ELSE t.failures + 1 END,
    window_start = CASE WHEN now() - t.window_start >= make_interval(secs => p_window)
                        THEN now() ELSE t.window_start END,
    updated_at = now()
$$
""",
    """
CREATE FUNCTION login_throttle_reset(p_key uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DELETE FROM public.login_throttle WHERE id = p_key
$$
""",
)
_FUNCTION_SIGNATURES = (
    "tenant_id_for_slug(text)",
    "login_throttle_retry_after(uuid, integer, integer)",
    "login_throttle_fail(uuid, integer)",
    "login_throttle_reset(uuid)",
)


def upgrade() -> None:
    _create_refresh_tokens()
    _create_login_throttle()
    for statement in _FUNCTIONS:
        op.execute(statement)
    for signature in _FUNCTION_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {RUNTIME_ROLE}")


def _create_refresh_tokens() -> None:
    op.create_table(
        "refresh_tokens",
        sa.Column("tenant_id", UUID(as_uuid=True), nullable=False),
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("family_id", UUID(as_uuid=True), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("expires_at", _TIMESTAMPTZ, nullable=False),
        sa.Column("used_at", _TIMESTAMPTZ, nullable=True),
        sa.Column("revoked_at", _TIMESTAMPTZ, nullable=True),
        sa.Column("created_at", _TIMESTAMPTZ, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", _TIMESTAMPTZ, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_refresh_tokens"),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name="fk_refresh_tokens_tenant_id_tenants",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "user_id"],
            ["users.tenant_id", "users.id"],
            name="fk_refresh_tokens_tenant_id_user_id_users",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "tenant_id", "token_hash", name="uq_refresh_tokens_tenant_id_token_hash"
        ),
    )
    op.create_index(
        "ix_refresh_tokens_tenant_id_family_id", "refresh_tokens", ["tenant_id", "family_id"]
    )
    enable_tenant_rls("refresh_tokens")
    grant_runtime("refresh_tokens")


def _create_login_throttle() -> None:
    # Global, keyed by a hash of slug and e-mail; reachable only through the functions.
    op.create_table(
        "login_throttle",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("window_start", _TIMESTAMPTZ, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("created_at", _TIMESTAMPTZ, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", _TIMESTAMPTZ, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_throttle"),
    )
    op.execute("ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    for signature in _FUNCTION_SIGNATURES:
        op.execute(f"DROP FUNCTION {signature}")
    op.execute("DROP POLICY owner_lookup ON tenants")
    op.drop_table("login_throttle")
    revoke_runtime("refresh_tokens")
    disable_tenant_rls("refresh_tokens")
    op.drop_index("ix_refresh_tokens_tenant_id_family_id", table_name="refresh_tokens")
    op.drop_table("refresh_tokens")
