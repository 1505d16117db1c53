"""E-mail addresses stored in the canonical form of issue 9: the domain in its IDNA ASCII form.

Before, an address was only trimmed and lower-cased, so ``ada@bücher.example`` was stored
as typed; login now looks users up by ``ada@xn--bcher-kva.example`` and would never find
it. This rewrites every stored address (users and customers) that is not ASCII into the
canonical form. An address the new rules refuse outright (mixed scripts), or whose
canonical form another row of the same tenant already holds, is left as it is and named
in the migration's output for the operator to settle. Nothing to undo on downgrade: the
canonical form was a valid address before too.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from domain.shared.email import email_or_none

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

logger = logging.getLogger("alembic.runtime.migration")
_TABLES = ("users", "customers")


def upgrade() -> None:
    connection = op.get_bind()
    for table in _TABLES:
        # FORCE row-level security binds the owner too; lifted for this transaction only.
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        _canonicalise(connection, table)
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def _canonicalise(connection: sa.Connection, table: str) -> None:
    rows = connection.execute(
        sa.text(f"SELECT tenant_id, id, email FROM {table} WHERE email !~ '^[ -~]*$'")
    ).all()
    for tenant_id, row_id, email in rows:
        canonical = email_or_none(email)
        if canonical == email:
            continue  # a Unicode local part, already in its canonical form
        if canonical is None:
            logger.warning(
                "%s %s: %r is refused by the new e-mail rules; left as is", table, row_id, email
            )
            continue
        taken = connection.scalar(
            sa.text(f"SELECT 1 FROM {table} WHERE tenant_id = :t AND email = :e"),
            {"t": tenant_id, "e": canonical},
        )
        if taken:
            logger.warning("%s %s: %r is taken in its tenant; left as is", table, row_id, canonical)
            continue
        connection.execute(
            sa.text(f"UPDATE {table} SET email = :e, updated_at = now() WHERE id = :id"),
            {"e": canonical, "id": row_id},
        )


def downgrade() -> None:
    """The canonical addresses stay: they were valid addresses before this revision too."""
