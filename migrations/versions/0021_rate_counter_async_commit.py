"""``rate_counter_take`` (0009) commits asynchronously: every authenticated write takes its
tenant's and its user's counters, so a counter row is hot, and each taker held its lock
until the write-ahead log was flushed to disk. The function now sets
``synchronous_commit = off`` for its transaction (``set_config(..., true)``): the row lock
is released at commit without waiting for the disk. A crash can lose the last fraction of
a second of counts, which only lets a few more requests through a limit afterwards; the
counter is advisory, nothing else is committed asynchronously (the function is called in a
statement of its own, ``SqlaRateCounters``). Measured in issue 13 (``docs/performance.md``).
The downgrade restores 0009's text.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.revisions import earlier_revision

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BODY_STARTS = "AS $$\n  WITH taken AS ("
_ASYNC_COMMIT = "AS $$\n  SELECT set_config('synchronous_commit', 'off', true);\n  WITH taken AS ("


def _original() -> str:
    text = str(earlier_revision("0009_rate_counters.py")._TAKE)
    assert _BODY_STARTS in text
    return text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def upgrade() -> None:
    op.execute(_original().replace(_BODY_STARTS, _ASYNC_COMMIT, 1))


def downgrade() -> None:
    op.execute(_original())
