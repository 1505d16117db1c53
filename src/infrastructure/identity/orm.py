"""ORM models of the identity context: the global ``tenants`` and ``tenant_deletions``
tables (reference tables under Citus), and the tenant-scoped users and refresh tokens."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import Mapped, mapped_column

from domain.shared.ids import new_id
from infrastructure.persistence.base import Base, TenantScoped, Timestamped, tenant_foreign_key


class TenantRow(Timestamped, Base):
    __tablename__ = "tenants"
    __table_args__ = (CheckConstraint("status IN ('active', 'suspended')", name="status"),)

    id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    status: Mapped[str] = mapped_column(String(16))


class TenantDeletionRow(Timestamped, Base):
    """A deleted tenant's id, kept after every row of the tenant is gone (migration 0018):
    what lets every API process refuse the tenant's access tokens until they expire. Global
    (no tenant is left to scope it to); the runtime role reads it only through
    ``deleted_tenant_ids()``."""

    __tablename__ = "tenant_deletions"
    __table_args__ = (Index(None, "created_at"),)

    id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True), primary_key=True)


class UserRow(TenantScoped, Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("tenant_id", "email"),
        CheckConstraint("role IN ('owner', 'admin', 'member')", name="role"),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
    )

    email: Mapped[str] = mapped_column(String(320))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)


class UserSessionRow(TenantScoped, Base):
    """One login session: the family its refresh tokens rotate in, with an absolute end."""

    __tablename__ = "user_sessions"
    __table_args__ = (
        tenant_foreign_key("user_id", "users", ondelete="CASCADE"),
        Index(None, "tenant_id", "user_id"),
        Index(
            "ix_user_sessions_revoked_at",
            "revoked_at",
            postgresql_where=text("revoked_at IS NOT NULL"),
        ),
    )

    user_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    client: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))


class RefreshTokenRow(TenantScoped, Base):
    __tablename__ = "refresh_tokens"
    __table_args__ = (
        tenant_foreign_key("user_id", "users", ondelete="CASCADE"),
        tenant_foreign_key("family_id", "user_sessions", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "token_hash"),
        Index(None, "tenant_id", "family_id"),
    )

    user_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    family_id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True))
    token_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RateCounterRow(Timestamped, Base):
    """Rate counters (migration 0009); global, keyed by hashes of a client or an account,
    reached by the runtime role only through functions."""

    __tablename__ = "rate_counters"
    __table_args__ = (Index(None, "expires_at"),)

    id: Mapped[UUID] = mapped_column(PG_UUID(as_uuid=True), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)
    last_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
