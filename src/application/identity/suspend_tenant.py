"""Operator use case (CLI): suspend or resume a tenant.

Transaction: one, scoped to the tenant. Suspension refuses login and refresh at once (both
read the tenant's status) and every API process refuses the tenant's access tokens as
soon as it hears of it (within ``REVOCATION_REFRESH_SECONDS`` at the latest). Resuming
lets the same sessions go on.
"""

from __future__ import annotations

from application.identity.tenant_lookup import tenant_by_slug
from domain.identity.ports import TenantCatalog, TenantRepository
from domain.identity.tenant import Tenant
from domain.shared.unit_of_work import UnitOfWork


class SetTenantStatus:
    def __init__(self, uow: UnitOfWork, catalog: TenantCatalog, tenants: TenantRepository) -> None:
        self._uow = uow
        self._catalog = catalog
        self._tenants = tenants

    async def suspend(self, slug: str) -> Tenant:
        return await self._change(slug, suspend=True)

    async def resume(self, slug: str) -> Tenant:
        return await self._change(slug, suspend=False)

    async def _change(self, slug: str, suspend: bool) -> Tenant:
        tenant = await tenant_by_slug(self._catalog, slug)
        async with self._uow.for_tenant(tenant.id) as uow:
            if suspend:
                tenant.suspend()
            else:
                tenant.resume()
            await self._tenants.save(tenant)
            await uow.commit()
        return tenant
