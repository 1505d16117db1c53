"""Service for operator use cases: find a tenant by its slug, whatever its status (an
operator resets passwords or adds users in a suspended tenant too)."""

from __future__ import annotations

from domain.identity.ports import TenantCatalog
from domain.identity.tenant import Tenant, slug_or_none
from domain.shared.errors import NotFound


async def tenant_by_slug(catalog: TenantCatalog, slug: str) -> Tenant:
    """The tenant, or ``NotFound`` naming the slug."""
    valid_slug = slug_or_none(slug)
    tenant = None if valid_slug is None else await catalog.get_by_slug(valid_slug)
    if tenant is None:
        raise NotFound(f"No tenant has the slug {slug!r}.")
    return tenant
