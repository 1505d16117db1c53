"""ORM models of the outbox: events, the narrow signal of due tenants, processed keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from infrastructure.persistence.base import Base, TenantScoped, tenant_foreign_key

OUTBOX_STATUSES = ("pending", "done", "dead")


class OutboxRow(TenantScoped, Base):
    """One event, written in the transaction of the change that raised it."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'dead')", name="status"),
        Index(None, "tenant_id", "status", "available_at"),
        Index("ix_outbox_open_status", "status", postgresql_where=text("status <> 'done'")),
    )

    event_type: Mapped[str] = mapped_column(String(100))
    event_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    available_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """When the event is next due (now, or after a retry's backoff)."""
    last_error: Mapped[str | None] = mapped_column(Text)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OutboxWakeupRow(TenantScoped, Base):
    """ "Tenant X has events due at T": one row per committing transaction or scheduled
    retry, consumed by the relay's claim. Workers find due tenants here (through one
    ``SECURITY DEFINER`` function) instead of scanning every tenant's outbox."""

    __tablename__ = "outbox_wakeups"

    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProcessedEventRow(TenantScoped, Base):
    """Handler X has applied event Y: written in the transaction of X's effect."""

    __tablename__ = "processed_events"
    __table_args__ = (
        tenant_foreign_key("event_id", "outbox", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "event_id", "handler"),
    )

    event_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    handler: Mapped[str] = mapped_column(String(100))
