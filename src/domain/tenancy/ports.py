"""Ports of the tenancy context."""

from typing import Protocol
from uuid import UUID

from domain.tenancy.tenant import Tenant


class TenantRepository(Protocol):
    """Tenants visible in the current transaction (row-level security shows only the own one)."""

    async def add(self, tenant: Tenant) -> None: ...

    async def get(self, tenant_id: UUID) -> Tenant | None: ...


class TenantCatalog(Protocol):
    """Every tenant, for operators only (the CLI); never reachable from a tenant's request."""

    async def list_all(self) -> list[Tenant]: ...
