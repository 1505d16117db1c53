"""Login attempts counted in one step, so the account's backoff never eats a client's budget.

With two calls (the client's counter, then the account's), an attempt refused by the
account's backoff had already used one of that client's ``LOGIN_MAX_FAILURES``: an
attacker keeping the account in backoff could, through the owner's own refused attempts,
get the owner blocked from their address. ``rate_counter_login`` locks the client's counter,
asks the account, and counts the client's attempt only when it goes ahead.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.rls import drop_functions, grant_runtime_functions

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LOGIN = """
CREATE FUNCTION rate_counter_login(p_pair uuid, p_account uuid, p_max integer,
                                   p_window integer, p_free integer, p_cap integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_hits integer;
  v_expires timestamptz;
  v_wait integer;
BEGIN
  INSERT INTO public.rate_counters (id, hits, last_at, expires_at)
  VALUES (p_pair, 0, now(), now() + make_interval(secs => p_window))
  ON CONFLICT (id) DO NOTHING;
  SELECT c.hits, c.expires_at INTO v_hits, v_expires
  FROM public.rate_counters c WHERE c.id = p_pair FOR UPDATE;
  IF v_expires <= now() THEN
    v_hits := 0;
    v_expires := now() + make_interval(secs => p_window);
  END IF;
  IF v_hits >= p_max THEN
    RETURN GREATEST(CEIL(EXTRACT(EPOCH FROM v_expires - now())), 1)::integer;
  END IF;
  v_wait := public.rate_counter_backoff(p_account, p_free, p_cap, p_window);
  IF v_wait > 0 THEN
    RETURN v_wait;
  END IF;
  UPDATE public.rate_counters
  SET hits = v_hits + 1, last_at = now(), expires_at = v_expires, updated_at = now()
  WHERE id = p_pair;
  RETURN 0;
END
$$
"""
_SIGNATURE = "rate_counter_login(uuid, uuid, integer, integer, integer, integer)"


def upgrade() -> None:
    op.execute(_LOGIN)
    grant_runtime_functions(_SIGNATURE)


def downgrade() -> None:
    drop_functions(_SIGNATURE)
