"""Access revocations: what every API process re-reads to refuse access tokens of
suspended tenants and ended sessions without a database call per request.

Notifications on the ``tenantry_access`` channel bring each change at once; these two
narrow functions are the periodic re-read behind them (a missed notification is caught
within ``REVOCATION_REFRESH_SECONDS``). They return bare ids, nothing else.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.rls import drop_functions, grant_runtime_functions

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATEMENTS = (
    "CREATE POLICY owner_revocations ON user_sessions FOR SELECT TO CURRENT_USER USING (true)",
    # The one index not led by tenant_id: the re-read spans every tenant, and only the few
    # recently ended sessions are in it.
    "CREATE INDEX ix_user_sessions_revoked_at ON user_sessions (revoked_at) "
    "WHERE revoked_at IS NOT NULL",
    """
CREATE FUNCTION suspended_tenant_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT id FROM public.tenants WHERE status = 'suspended'
$$
""",
    """
CREATE FUNCTION revoked_session_ids(p_seconds integer) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT id FROM public.user_sessions
  WHERE revoked_at IS NOT NULL AND revoked_at > now() - make_interval(secs => p_seconds)
$$
""",
)
_SIGNATURES = ("suspended_tenant_ids()", "revoked_session_ids(integer)")


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)
    grant_runtime_functions(*_SIGNATURES)


def downgrade() -> None:
    drop_functions(*_SIGNATURES)
    op.execute("DROP INDEX ix_user_sessions_revoked_at")
    op.execute("DROP POLICY owner_revocations ON user_sessions")
