"""One order's document in one round trip: ``tenant_order_document(tenant, order)``.

``GET /orders/{id}`` outside a transaction was three round trips: ``BEGIN READ ONLY`` with
``SET LOCAL app.tenant_id``, the ``SELECT``, ``COMMIT``. This function scopes the
statement's own transaction to the tenant (``set_config(..., true)``: it ends with that
transaction, so the pooled connection carries no tenant afterwards) and then runs the same
``SELECT`` (``ORDER_BY_ID_SQL`` in ``infrastructure/ordering/order_views.py``), under
row-level security as the caller: one round trip (issue 13). PL/pgSQL runs its statements in
order, so the policies of the ``SELECT`` see the tenant just set.

Called inside a transaction already scoped to another tenant, it refuses rather than
re-scope the rest of that transaction. On Citus the app keeps the three round trips: there a
tenant reaches the workers only as a propagated ``SET LOCAL`` (``tenant_scope.py``).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from infrastructure.persistence.runtime_role import RUNTIME_ROLE

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIGNATURE = "tenant_order_document(uuid, uuid)"

_FUNCTION = """
CREATE FUNCTION tenant_order_document(p_tenant uuid, p_order uuid)
RETURNS TABLE (order_id uuid, order_version integer, document text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF coalesce(current_setting('app.tenant_id', true), '') NOT IN ('', p_tenant::text) THEN
        RAISE EXCEPTION 'the transaction is scoped to another tenant'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    RETURN QUERY
        SELECT o.id, o.version, CAST(o.view AS TEXT) FROM public.orders AS o
        WHERE o.tenant_id = p_tenant AND o.id = p_order;
END
$$
"""


def upgrade() -> None:
    op.execute(_FUNCTION)
    op.execute(f"REVOKE ALL ON FUNCTION {_SIGNATURE} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {_SIGNATURE} TO {RUNTIME_ROLE}")


def downgrade() -> None:
    op.execute(f"DROP FUNCTION {_SIGNATURE}")
