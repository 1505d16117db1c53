"""Commerce: products, customers, orders and lines, idempotency keys, sandbox payments.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from infrastructure.persistence.rls import (
    disable_tenant_rls,
    enable_tenant_rls,
    grant_runtime,
    revoke_runtime,
)

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("customers", "products", "sandbox_charges", "idempotency_keys", "orders", "order_lines")
_TS = sa.DateTime(timezone=True)


def _tenant_table(name: str, *items: Any) -> None:
    """A tenant table: (tenant_id, id) primary key, tenant FK, timestamps, then ``items``."""
    op.create_table(
        name,
        sa.Column("tenant_id", sa.UUID(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        *items,
        sa.Column("created_at", _TS, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", _TS, server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=f"fk_{name}_tenant_id_tenants", ondelete="RESTRICT"
        ),
    )


def _fk(
    table: str, column: str, target: str, ondelete: str = "RESTRICT"
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target}.tenant_id", f"{target}.id"],
        name=f"fk_{table}_tenant_id_{column}_{target}",
        ondelete=ondelete,
    )


def _col(name: str, type_: Any, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=nullable)


def upgrade() -> None:
    _tenant_table(
        "customers",
        _col("email", sa.String(320)),
        _col("name", sa.String(200)),
        _col("version", sa.Integer()),
        sa.UniqueConstraint("tenant_id", "email", name="uq_customers_tenant_id_email"),
    )
    _tenant_table(
        "products",
        _col("sku", sa.String(64)),
        _col("name", sa.String(200)),
        _col("description", sa.Text()),
        _col("currency", sa.String(3)),
        _col("unit_price_minor", sa.BigInteger()),
        _col("stock_quantity", sa.Integer()),
        _col("active", sa.Boolean()),
        _col("version", sa.Integer()),
        sa.UniqueConstraint("tenant_id", "sku", name="uq_products_tenant_id_sku"),
        sa.CheckConstraint("stock_quantity >= 0", name="ck_products_stock_not_negative"),
        sa.CheckConstraint("unit_price_minor >= 0", name="ck_products_price_not_negative"),
        sa.CheckConstraint("currency ~ '^[A-Z]{3}$'", name="ck_products_currency_iso"),
    )
    _payments_and_idempotency()
    _orders()
    for table in TABLES:
        enable_tenant_rls(table)
        grant_runtime(table)


def _payments_and_idempotency() -> None:
    _tenant_table(
        "sandbox_charges",
        _col("idempotency_key", sa.String(255)),
        _col("reference", sa.String(64)),
        _col("token", sa.String(64)),
        _col("amount_minor", sa.BigInteger()),
        _col("currency", sa.String(3)),
        _col("status", sa.String(20)),
        _col("failure_code", sa.String(64), nullable=True),
        _col("refunded_at", _TS, nullable=True),
        sa.UniqueConstraint(
            "tenant_id", "idempotency_key", name="uq_sandbox_charges_tenant_id_idempotency_key"
        ),
        sa.UniqueConstraint(
            "tenant_id", "reference", name="uq_sandbox_charges_tenant_id_reference"
        ),
    )
    _tenant_table(
        "idempotency_keys",
        _col("user_id", sa.UUID()),
        _col("key", sa.String(255)),
        _col("fingerprint", sa.String(64)),
        _col("response_status", sa.Integer(), nullable=True),
        _col("response_body", sa.LargeBinary(), nullable=True),
        _col("expires_at", _TS),
        _fk("idempotency_keys", "user_id", "users", "CASCADE"),
        sa.UniqueConstraint(
            "tenant_id", "user_id", "key", name="uq_idempotency_keys_tenant_id_user_id_key"
        ),
    )
    op.create_index(
        "ix_idempotency_keys_tenant_id_expires_at", "idempotency_keys", ["tenant_id", "expires_at"]
    )


def _orders() -> None:
    _tenant_table(
        "orders",
        _col("customer_id", sa.UUID()),
        _col("status", sa.String(20)),
        _col("currency", sa.String(3)),
        _col("total_minor", sa.BigInteger()),
        _col("payment_status", sa.String(20)),
        _col("payment_reference", sa.String(64), nullable=True),
        _col("payment_failure_code", sa.String(64), nullable=True),
        _col("payment_attempts", sa.Integer()),
        _col("version", sa.Integer()),
        _fk("orders", "customer_id", "customers"),
        sa.CheckConstraint("total_minor >= 0", name="ck_orders_total_not_negative"),
    )
    for columns in (["created_at"], ["customer_id"], ["status", "created_at"]):
        name = "ix_orders_tenant_id_" + "_".join(columns)
        op.create_index(name, "orders", ["tenant_id", *columns])
    _tenant_table(
        "order_lines",
        _col("order_id", sa.UUID()),
        _col("line_no", sa.Integer()),
        _col("product_id", sa.UUID()),
        _col("quantity", sa.Integer()),
        _col("unit_price_minor", sa.BigInteger()),
        _col("line_total_minor", sa.BigInteger()),
        _fk("order_lines", "order_id", "orders", "CASCADE"),
        _fk("order_lines", "product_id", "products"),
        sa.UniqueConstraint(
            "tenant_id", "order_id", "line_no", name="uq_order_lines_tenant_id_order_id_line_no"
        ),
        sa.CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
    )
    op.create_index(
        "ix_order_lines_tenant_id_product_id", "order_lines", ["tenant_id", "product_id"]
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        revoke_runtime(table)
        disable_tenant_rls(table)
        op.drop_table(table)
