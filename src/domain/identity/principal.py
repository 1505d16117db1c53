"""Who is calling: the verified identity carried by an access token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.identity.user import Role


@dataclass(frozen=True, slots=True)
class Principal:
    """A verified caller. ``session_id`` is the refresh-token family the token came from."""

    user_id: UUID
    tenant_id: UUID
    role: Role
    session_id: UUID
    token_id: str
    expires_at: datetime

    @property
    def can_manage_users(self) -> bool:
        return self.role in (Role.OWNER, Role.ADMIN)


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
