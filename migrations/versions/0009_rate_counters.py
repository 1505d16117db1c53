"""Rate counters: atomic per-client limits and a login throttle that cannot lock owners out.

Replaces ``login_throttle`` (migration 0002), whose check, verification and count were three
steps that 25 parallel logins raced through. Every counter here is taken in one statement
that increments and decides together.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from infrastructure.persistence.revisions import earlier_revision
from infrastructure.persistence.rls import drop_functions, grant_runtime_functions

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = sa.DateTime(timezone=True)

# Global and keyed by UUIDv5 hashes (of a route and client, or of an account); the runtime
# role has no grant on the table and reaches it only through these functions. No function
# calls now() inside ON CONFLICT DO UPDATE SET (Citus refuses that on reference tables):
# the time travels in through EXCLUDED.
_TAKE = """
CREATE FUNCTION rate_counter_take(p_key uuid, p_window integer)
RETURNS TABLE (hits integer, reset_seconds integer)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH taken AS (
    INSERT INTO public.rate_counters AS c (id, hits, last_at, expires_at)
    VALUES (p_key, 1, now(), now() + make_interval(secs => p_window))
    ON CONFLICT (id) DO UPDATE SET
      hits = CASE WHEN c.expires_at <= EXCLUDED.last_at THEN 1 ELSE c.hits + 1 END,
      expires_at = CASE WHEN c.expires_at <= EXCLUDED.last_at
                        THEN EXCLUDED.expires_at ELSE c.expires_at END,
      last_at = EXCLUDED.last_at,
      updated_at = EXCLUDED.last_at
    RETURNING c.hits, c.expires_at
  )
  SELECT hits, GREATEST(CEIL(EXTRACT(EPOCH FROM expires_at - now())), 1)::integer FROM taken
$$
"""
# The account's counter slows rather than blocks: the first p_free attempts since the last
# success go at once, then each must wait 2^(n - p_free) seconds (at most p_cap) after the
# previous one. A refused attempt changes nothing, so waiting out Retry-After always works.
_BACKOFF = """
CREATE FUNCTION rate_counter_backoff(p_key uuid, p_free integer, p_cap integer,
                                     p_window integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_hits integer;
  v_wait integer;
BEGIN
  INSERT INTO public.rate_counters AS c (id, hits, last_at, expires_at)
  VALUES (p_key, 1, now(), now() + make_interval(secs => p_window))
  ON CONFLICT (id) DO UPDATE SET
    hits = CASE WHEN c.expires_at <= EXCLUDED.last_at THEN 1 ELSE c.hits + 1 END,
    last_at = EXCLUDED.last_at,
    expires_at = EXCLUDED.expires_at,
    updated_at = EXCLUDED.last_at
  WHERE c.expires_at <= EXCLUDED.last_at OR c.hits < p_free
     OR c.last_at + make_interval(secs => LEAST(2 ^ LEAST(c.hits - p_free, 30), p_cap))
        <= EXCLUDED.last_at
  RETURNING c.hits INTO v_hits;
  IF FOUND THEN
    RETURN 0;
  END IF;
  SELECT GREATEST(CEIL(EXTRACT(EPOCH FROM c.last_at
           + make_interval(secs => LEAST(2 ^ LEAST(c.hits - p_free, 30), p_cap)) - now())), 1)
    INTO v_wait FROM public.rate_counters c WHERE c.id = p_key;
  RETURN COALESCE(v_wait, 1);
END
$$
"""
_CLEAR = """
CREATE FUNCTION rate_counter_clear(p_keys uuid[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DELETE FROM public.rate_counters WHERE id = ANY (p_keys)
$$
"""
_PURGE = """
CREATE FUNCTION rate_counter_purge() RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH gone AS (DELETE FROM public.rate_counters WHERE expires_at <= now() RETURNING 1)
  SELECT count(*)::integer FROM gone
$$
"""
# Signup asks whether a slug is taken before it spends a password hash on the owner.
_SLUG_TAKEN = """
CREATE FUNCTION tenant_slug_taken(p_slug text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.tenants WHERE slug = p_slug)
$$
"""
_SIGNATURES = (
    "tenant_slug_taken(text)",
    "rate_counter_take(uuid, integer)",
    "rate_counter_backoff(uuid, integer, integer, integer)",
    "rate_counter_clear(uuid[])",
    "rate_counter_purge()",
)
_OLD_SIGNATURES = (
    "login_throttle_retry_after(uuid, integer, integer)",
    "login_throttle_fail(uuid, integer)",
    "login_throttle_reset(uuid)",
)


def upgrade() -> None:
    drop_functions(*_OLD_SIGNATURES)
    op.drop_table("login_throttle")
    op.create_table(
        "rate_counters",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("last_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("created_at", _TS, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", _TS, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rate_counters"),
    )
    op.create_index("ix_rate_counters_expires_at", "rate_counters", ["expires_at"])
    op.execute("ALTER TABLE rate_counters ENABLE ROW LEVEL SECURITY")
    for statement in (_TAKE, _BACKOFF, _CLEAR, _PURGE, _SLUG_TAKEN):
        op.execute(statement)
    grant_runtime_functions(*_SIGNATURES)


def downgrade() -> None:
    drop_functions(*_SIGNATURES)
    op.drop_table("rate_counters")
    op.create_table(
        "login_throttle",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("window_start", _TS, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("created_at", _TS, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", _TS, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_throttle"),
    )
    op.execute("ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY")
    _restore_login_throttle_functions()


def _restore_login_throttle_functions() -> None:
    """Re-create the three functions exactly as revision 0002 defined them."""
    previous = earlier_revision("0002_identity_sessions_and_login.py")
    for statement in previous._FUNCTIONS[2:]:
        op.execute(statement)
    grant_runtime_functions(*_OLD_SIGNATURES)
