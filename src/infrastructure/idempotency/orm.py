"""ORM model of the tenant-scoped ``idempotency_keys`` table.

A row is in progress while it has no response; ``recovery_point`` is the resource its
request's committed effect created (no foreign key: the table depends on the route), and
``interrupted_at`` marks a request that failed unexpectedly after that commit.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from infrastructure.persistence.base import Base, TenantScoped, tenant_foreign_key


class IdempotencyKeyRow(TenantScoped, Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (
        tenant_foreign_key("user_id", "users", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "user_id", "key"),
        Index(None, "tenant_id", "expires_at"),
        CheckConstraint(
            "interrupted_at IS NULL OR recovery_point IS NOT NULL",
            name="interrupted_has_recovery_point",
        ),
    )

    user_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    response_headers: Mapped[list[list[str]] | None] = mapped_column(JSONB)
    recovery_point: Mapped[UUID | None] = mapped_column(PG_UUID(as_uuid=True))
    interrupted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
