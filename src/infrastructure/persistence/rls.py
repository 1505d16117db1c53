"""Migration helpers: tenant isolation and grants, written once and used by every migration."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from infrastructure.persistence.citus import distribute_schema, schema_distributed
from infrastructure.persistence.runtime_role import RUNTIME_ROLE

TENANT_PREDICATE = "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid"
POLICY_NAME = "tenant_isolation"


def enable_tenant_rls(table: str, predicate: str = TENANT_PREDICATE) -> None:
    """ENABLE and FORCE row-level security on ``table`` with the tenant isolation policy.

    With no tenant set the predicate is NULL: no row is visible and every write is rejected.
    FORCE makes the policy bind the table owner as well.
    """
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY {POLICY_NAME} ON {table} USING ({predicate}) WITH CHECK ({predicate})"
    )


def disable_tenant_rls(table: str) -> None:
    op.execute(f"DROP POLICY IF EXISTS {POLICY_NAME} ON {table}")
    op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


def grant_runtime(table: str, privileges: str = "SELECT, INSERT, UPDATE, DELETE") -> None:
    """Give the runtime role exactly ``privileges`` on ``table`` (DML only, never ownership)."""
    op.execute(f"GRANT {privileges} ON {table} TO {RUNTIME_ROLE}")


def revoke_runtime(table: str) -> None:
    op.execute(f"REVOKE ALL ON {table} FROM {RUNTIME_ROLE}")


def create_tenant_table(name: str, *items: Any) -> None:
    """A tenant table: ``tenant_id`` and ``id`` (the primary key, in that order), a foreign
    key to ``tenants``, then ``items``, then ``created_at`` / ``updated_at``; isolated by
    ``enable_tenant_rls`` and granted to the runtime role.

    On a schema Citus has distributed already, the table is created without its foreign
    keys, distributed like the others, and then given them (Citus refuses a new table's
    foreign key to a distributed table, and makes one with a key to ``tenants`` a local
    table that cannot be colocated)."""
    timestamp = sa.DateTime(timezone=True)
    to_tenants = sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=f"fk_{name}_tenant_id_tenants", ondelete="RESTRICT"
    )
    keys = [to_tenants, *(item for item in items if isinstance(item, sa.ForeignKeyConstraint))]
    later = schema_distributed(op.get_bind())
    op.create_table(
        name,
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        *(item for item in items if not (later and isinstance(item, sa.ForeignKeyConstraint))),
        sa.Column("created_at", timestamp, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", timestamp, server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=f"pk_{name}"),
        *([] if later else [to_tenants]),
    )
    enable_tenant_rls(name)
    grant_runtime(name)
    if later:
        distribute_schema(op.get_bind())
        for key in keys:
            _add_foreign_key(name, key)


def _add_foreign_key(table: str, key: sa.ForeignKeyConstraint) -> None:
    targets = [element.target_fullname.split(".") for element in key.elements]
    op.create_foreign_key(
        str(key.name),
        table,
        targets[0][0],
        list(key.column_keys),
        [column for _, column in targets],
        ondelete=key.ondelete,
    )


def grant_runtime_functions(*signatures: str) -> None:
    """Let the runtime role, and nobody else, call these (``SECURITY DEFINER``) functions."""
    for signature in signatures:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {RUNTIME_ROLE}")


def drop_functions(*signatures: str) -> None:
    for signature in signatures:
        op.execute(f"DROP FUNCTION {signature}")
