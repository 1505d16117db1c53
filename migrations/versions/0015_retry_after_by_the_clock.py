"""Retry-After measured against the clock, not the transaction's start: an attempt whose
transaction began just before a racing one opened the window waited on that row's lock and
then answered 301 s for a 300 s window. The two functions of 0009 and 0012 are redefined
with ``clock_timestamp()`` in the wait only (the counters keep ``now()``).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.revisions import earlier_revision

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _definitions() -> list[tuple[str, str]]:
    """(original, by the clock) of each function, both as CREATE OR REPLACE."""
    take = str(earlier_revision("0009_rate_counters.py")._TAKE)
    login = str(earlier_revision("0012_login_attempts.py")._LOGIN)
    pairs = [(take, "EPOCH FROM expires_at - now()"), (login, "EPOCH FROM v_expires - now()")]
    found = []
    for text, wait in pairs:
        assert wait in text, wait
        original = text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
        found.append((original, original.replace(wait, wait.replace("now()", "clock_timestamp()"))))
    return found


def upgrade() -> None:
    for _, by_the_clock in _definitions():
        op.execute(by_the_clock)


def downgrade() -> None:
    for original, _ in _definitions():
        op.execute(original)
