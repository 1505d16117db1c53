"""Declarative base and column mixins shared by every ORM model.

Tenant-scoped models inherit ``TenantScoped``: UUIDv7 ``id`` and a ``tenant_id`` foreign key
to ``tenants.id`` form the composite primary key ``(tenant_id, id)``, so every key and every
index leads with the tenant (PostgreSQL checks keys without row-level security; Citus needs
the distribution column in every key). Foreign keys between tenant tables are composite
``(tenant_id, x_id)``; build them with ``tenant_foreign_key``.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, ForeignKey, ForeignKeyConstraint, MetaData, func
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from domain.shared.ids import new_id

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    """``created_at`` / ``updated_at`` as ``timestamptz``, set by the database by default."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), sort_order=900
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), sort_order=901
    )


class TenantScoped(Timestamped):
    """Base columns of a tenant-scoped table: primary key ``(tenant_id, id)``."""

    __tenant_scoped__ = True

    @declared_attr
    def tenant_id(cls) -> Mapped[UUID]:
        return mapped_column(
            PG_UUID(as_uuid=True),
            ForeignKey("tenants.id", ondelete="RESTRICT"),
            primary_key=True,
            sort_order=-200,
        )

    id: Mapped[UUID] = mapped_column(
        PG_UUID(as_uuid=True), primary_key=True, default=new_id, sort_order=-100
    )


def tenant_foreign_key(
    column: str, target_table: str, ondelete: str = "RESTRICT"
) -> ForeignKeyConstraint:
    """A composite foreign key ``(tenant_id, column)`` to ``target_table (tenant_id, id)``.

    ``ondelete`` may be RESTRICT or CASCADE, never SET NULL (it would null ``tenant_id``).
    """
    if ondelete not in ("RESTRICT", "CASCADE"):
        raise ValueError("tenant foreign keys are ON DELETE RESTRICT or CASCADE")
    return ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target_table}.tenant_id", f"{target_table}.id"],
        ondelete=ondelete,
    )
