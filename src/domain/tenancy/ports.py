"""Ports of the tenancy context."""

from typing import Protocol
from uuid import UUID

from domain.tenancy.tenant import Tenant


class TenantRepository(Protocol):
    """Tenants visible in the current transaction (row-level security shows only the own one)."""

    async def add(self, tenant: Tenant) -> None: ...

    async def get(self, tenant_id: UUID) -> Tenant | None: ...
