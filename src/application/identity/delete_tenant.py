"""Operator use case (CLI): delete a tenant and all its data, for good.

Steps:
1. Find the tenant by slug through the owner role (whatever its status).
2. ``TenantEraser.erase``, one transaction on the owner role scoped to the tenant: every
   row of the tenant in every table, then the tenant; its id recorded as deleted and
   announced to every API process (``NOTIFY``, delivered at commit); commit.

From the commit on, logins and refreshes find no tenant (401), and every API process
refuses the tenant's unexpired access tokens (401) from its memory, without a database
call: at once on the notification, or within ``REVOCATION_REFRESH_SECONDS`` when it was
missed. The slug is free again: a new tenant with it gets a new id, which no revocation
names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from application.identity.tenant_lookup import tenant_by_slug
from domain.identity.ports import TenantCatalog, TenantEraser
from domain.identity.tenant import Tenant
from domain.shared.errors import NotFound


@dataclass(frozen=True, slots=True)
class TenantDeletion:
    tenant: Tenant
    """The tenant as it was just before its deletion."""
    rows: Mapping[str, int]
    """The rows deleted, by table (the tenant's own row aside)."""


class DeleteTenant:
    def __init__(self, catalog: TenantCatalog, eraser: TenantEraser) -> None:
        self._catalog = catalog
        self._eraser = eraser

    async def __call__(self, slug: str) -> TenantDeletion:
        tenant = await tenant_by_slug(self._catalog, slug)
        rows = await self._eraser.erase(tenant.id)
        if rows is None:  # deleted meanwhile by another operator
            raise NotFound(f"No tenant has the slug {slug!r}.")
        return TenantDeletion(tenant, rows)
