"""Who acts: the verified user behind a request, as every context sees it.

Roles gate actions in every context (the catalog, orders, users), so the actor is part of
the shared kernel; how an actor is authenticated (tokens, sessions) is identity's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class Actor:
    """A verified user of one tenant."""

    user_id: UUID
    tenant_id: UUID
    role: Role

    @property
    def is_admin(self) -> bool:
        """Owners and admins manage their tenant; members read."""
        return self.role in (Role.OWNER, Role.ADMIN)
