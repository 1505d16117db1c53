"""Service for operator use cases: find a tenant by its slug (operators may see it)."""

from __future__ import annotations

from uuid import UUID

from domain.identity.ports import TenantDirectory
from domain.identity.tenant import slug_or_none
from domain.shared.errors import NotFound


async def tenant_by_slug(directory: TenantDirectory, slug: str) -> UUID:
    """The active tenant's id, or ``NotFound`` naming the slug."""
    valid_slug = slug_or_none(slug)
    tenant_id = None if valid_slug is None else await directory.resolve_slug(valid_slug)
    if tenant_id is None:
        raise NotFound(f"No active tenant has the slug {slug!r}.")
    return tenant_id
