"""Fail when an ORM model breaks the UUID / tenancy / timestamp rules, listing each offender.

Rules (STANDARDS.md "Database & Model Standards"):
- every primary-key and foreign-key column is a UUID;
- a tenant-scoped table (every table not in GLOBAL_TABLES) has a non-null ``tenant_id``
  UUID foreign key to ``tenants.id``, and ``tenant_id`` is part of its primary key;
- every table has ``created_at`` and ``updated_at``; every timestamp is timezone-aware.

Usage: python scripts/check_uuid_compliance.py
"""

from __future__ import annotations

import sys
import uuid

from sqlalchemy import Column, DateTime, MetaData, Table
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.types import Uuid

from infrastructure.persistence.registry import load_models

GLOBAL_TABLES = frozenset({"tenants", "tenant_deletions", "rate_counters"})
"""Tables shared by all tenants (Citus reference tables); everything else is tenant-scoped."""


def _is_uuid(column: Column[object]) -> bool:
    return isinstance(column.type, (PG_UUID, Uuid)) and column.type.python_type is uuid.UUID


def _key_offences(table: Table) -> list[str]:
    found = []
    for column in table.columns:
        is_key = column.primary_key or column.foreign_keys
        if is_key and not _is_uuid(column):
            found.append(f"{table.name}.{column.name}: key column is {column.type}, not UUID")
    return found


def _tenant_offences(table: Table) -> list[str]:
    if table.name in GLOBAL_TABLES:
        return []
    column = table.columns.get("tenant_id")
    if column is None:
        return [f"{table.name}: tenant-scoped table has no tenant_id column"]
    found = []
    if column.nullable:
        found.append(f"{table.name}.tenant_id: must be NOT NULL")
    if not any(fk.target_fullname == "tenants.id" for fk in column.foreign_keys):
        found.append(f"{table.name}.tenant_id: needs a foreign key to tenants.id")
    if not column.primary_key:
        found.append(f"{table.name}.tenant_id: must be part of the primary key")
    return found


def _timestamp_offences(table: Table) -> list[str]:
    found = [
        f"{table.name}: missing {name}"
        for name in ("created_at", "updated_at")
        if name not in table.columns
    ]
    for column in table.columns:
        if isinstance(column.type, DateTime) and not column.type.timezone:
            found.append(f"{table.name}.{column.name}: timestamp is not timezone-aware")
    return found


def offences(metadata: MetaData) -> list[str]:
    """Every rule broken by the tables of ``metadata``."""
    found: list[str] = []
    for table in metadata.sorted_tables:
        found += _key_offences(table) + _tenant_offences(table) + _timestamp_offences(table)
    return found


def main() -> int:
    metadata = load_models()
    found = offences(metadata)
    for line in found:
        print(f"UUID compliance: {line}")
    print(f"UUID compliance: {len(metadata.tables)} tables checked, {len(found)} offence(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
