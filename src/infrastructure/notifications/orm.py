"""ORM model of the tenant-scoped ``notifications`` table."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import CheckConstraint, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from infrastructure.persistence.base import Base, TenantScoped, tenant_foreign_key


class NotificationRow(TenantScoped, Base):
    __tablename__ = "notifications"
    __table_args__ = (
        tenant_foreign_key("event_id", "outbox", ondelete="RESTRICT"),
        UniqueConstraint("tenant_id", "event_id", "template"),
        CheckConstraint("status IN ('pending', 'sent', 'failed', 'dead')", name="status"),
        Index(None, "tenant_id", "status", "created_at"),
        Index(None, "tenant_id", "created_at"),
    )

    event_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    """The event that caused it."""
    recipient: Mapped[str] = mapped_column(String(320))
    channel: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
