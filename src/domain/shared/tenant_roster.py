"""Every tenant's id, for operator jobs that visit each tenant in turn (the sweeps)."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID


class TenantRoster(Protocol):
    """Never reachable from a tenant's request: only operator commands are given one."""

    async def tenant_ids(self) -> list[UUID]: ...
