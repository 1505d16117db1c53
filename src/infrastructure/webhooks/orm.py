"""ORM models of tenant webhooks and their delivery log."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from infrastructure.persistence.base import Base, TenantScoped, tenant_foreign_key


class WebhookRow(TenantScoped, Base):
    __tablename__ = "webhooks"
    __table_args__ = (Index(None, "tenant_id", "created_at"),)

    url: Mapped[str] = mapped_column(String(2048))
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(100)))
    active: Mapped[bool] = mapped_column(Boolean)
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consecutive_failures: Mapped[int] = mapped_column(Integer)
    disabled_reason: Mapped[str | None] = mapped_column(Text)


class WebhookDeliveryRow(TenantScoped, Base):
    """One attempt to deliver one event to one webhook."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        tenant_foreign_key("webhook_id", "webhooks", ondelete="CASCADE"),
        tenant_foreign_key("event_id", "outbox", ondelete="CASCADE"),
        Index(None, "tenant_id", "webhook_id", "created_at"),
    )

    webhook_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    event_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    event_type: Mapped[str] = mapped_column(String(100))
    attempt: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
