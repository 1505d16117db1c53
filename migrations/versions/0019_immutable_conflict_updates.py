"""``rate_counter_backoff`` (0009) decides in its ``ON CONFLICT ... DO UPDATE ... WHERE``
whether the account's wait is over with ``timestamptz + interval``, a STABLE operator
(it depends on the time zone), which Citus refuses there: every function in an upsert's
``DO UPDATE`` on a distributed or reference table must be IMMUTABLE. It is redefined to
compare the elapsed seconds (``timestamptz - timestamptz``, IMMUTABLE), with the same
meaning; the downgrade restores 0009's text.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.revisions import earlier_revision

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STABLE_WAIT = """
     OR c.last_at + make_interval(secs => LEAST(2 ^ LEAST(c.hits - p_free, 30), p_cap))
        <= EXCLUDED.last_at
"""
_IMMUTABLE_WAIT = """
     OR EXTRACT(EPOCH FROM EXCLUDED.last_at - c.last_at)
        >= LEAST(2 ^ LEAST(c.hits - p_free, 30), p_cap)
"""


def _original() -> str:
    text = str(earlier_revision("0009_rate_counters.py")._BACKOFF)
    assert _STABLE_WAIT in text
    return text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def upgrade() -> None:
    op.execute(_original().replace(_STABLE_WAIT, _IMMUTABLE_WAIT))


def downgrade() -> None:
    op.execute(_original())
