"""Every ``201 Created`` names what it created: ``Location`` is the new resource's path
(``POST /api/v1/orders`` -> ``/api/v1/orders/{id}``), which a client can GET at once."""

from __future__ import annotations

from uuid import UUID

from interface.http.paths import API_PREFIX


def location(collection: str, resource_id: UUID) -> dict[str, str]:
    """The header of a resource created in ``collection`` (its path under the API)."""
    return {"Location": f"{API_PREFIX}{collection}/{resource_id}"}


def created_or_not(status: int, collection: str, resource_id: UUID) -> dict[str, str]:
    """``location(...)`` for a 201, nothing for any other status."""
    return location(collection, resource_id) if status == 201 else {}
