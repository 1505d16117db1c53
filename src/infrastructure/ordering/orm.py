"""ORM models of the ordering context: orders and their lines."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSON
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from infrastructure.persistence.base import Base, TenantScoped, tenant_foreign_key

VIEW_CURRENT = "(view ->> 'status') = status AND (view ->> 'version')::integer = version"
"""A row's document shows its status and version (migration 0023)."""


class OrderRow(TenantScoped, Base):
    __tablename__ = "orders"
    __table_args__ = (
        tenant_foreign_key("customer_id", "customers"),
        Index(None, "tenant_id", "created_at"),
        Index(None, "tenant_id", "customer_id"),
        Index(None, "tenant_id", "status", "created_at"),
        # The list's other orderings, with ``id`` as tiebreak (migration 0022).
        Index(None, "tenant_id", "total_minor", "id"),
        Index(None, "tenant_id", "updated_at", "id"),
        CheckConstraint("total_minor >= 0", name="total_not_negative"),
        CheckConstraint(VIEW_CURRENT, name="view_current"),
    )

    customer_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    status: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    payment_status: Mapped[str] = mapped_column(String(20))
    payment_reference: Mapped[str | None] = mapped_column(String(64))
    payment_failure_code: Mapped[str | None] = mapped_column(String(64))
    payment_attempts: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    view: Mapped[Any] = mapped_column(JSON, deferred=True)
    """The order as the API sends it (``infrastructure/ordering/documents.py``)."""


class OrderLineRow(TenantScoped, Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        tenant_foreign_key("order_id", "orders", ondelete="CASCADE"),
        tenant_foreign_key("product_id", "products"),
        UniqueConstraint("tenant_id", "order_id", "line_no"),
        Index(None, "tenant_id", "product_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    order_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    line_total_minor: Mapped[int] = mapped_column(BigInteger)
