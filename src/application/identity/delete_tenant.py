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
from uuid import UUID

from application.identity.tenant_lookup import tenant_by_slug
from domain.identity.ports import TenantCatalog, TenantEraser
from domain.identity.tenant import Tenant
from domain.shared.errors import Conflict, NotFound


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

    async def __call__(self, slug: str, confirmed_id: UUID | None = None) -> TenantDeletion:
        """Delete the tenant ``slug`` names; with ``confirmed_id``, only if it is still the
        tenant the operator confirmed (a freed slug may meanwhile name a new tenant)."""
        tenant = await tenant_by_slug(self._catalog, slug)
        if confirmed_id is not None and tenant.id != confirmed_id:
            raise Conflict(
                f"The slug {slug!r} now names another tenant than the one confirmed; "
                "nothing was deleted."
            )
        rows = await self._eraser.erase(tenant.id)
        if rows is None:  # deleted meanwhile by another operator
            raise NotFound(f"No tenant has the slug {slug!r}.")
        return TenantDeletion(tenant, rows)
