"""Service for operator use cases: find a tenant by its slug (operators may see it)."""

from __future__ import annotations

from uuid import UUID

from domain.identity.ports import TenantDirectory
from domain.shared.errors import NotFound


async def tenant_by_slug(directory: TenantDirectory, slug: str) -> UUID:
    """The active tenant's id, or ``NotFound`` naming the slug."""
    tenant_id = await directory.resolve_slug(slug.strip().lower())
    if tenant_id is None:
        raise NotFound(f"No active tenant has the slug {slug!r}.")
    return tenant_id
