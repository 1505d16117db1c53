"""ORM model of the sandbox payment provider's own records (tenant-scoped)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from infrastructure.persistence.base import Base, TenantScoped


class SandboxChargeRow(TenantScoped, Base):
    __tablename__ = "sandbox_charges"
    __table_args__ = (
        UniqueConstraint("tenant_id", "idempotency_key"),
        UniqueConstraint("tenant_id", "reference"),
    )

    idempotency_key: Mapped[str] = mapped_column(String(255))
    reference: Mapped[str] = mapped_column(String(64))
    token: Mapped[str] = mapped_column(String(64))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20))
    failure_code: Mapped[str | None] = mapped_column(String(64))
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refund_key: Mapped[str | None] = mapped_column(String(255))
