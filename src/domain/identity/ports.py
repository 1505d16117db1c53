"""Ports of the identity context: users, tenants, sessions, and the adapters login needs."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.identity.principal import AccessToken, Principal
from domain.identity.refresh_token import RefreshToken
from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


class UserRepository(Protocol):
    """Users of the current tenant. Another tenant's user is simply absent."""

    async def add(self, user: User) -> None: ...

    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None: ...

    async def list(self, query: ListQuery) -> Page[User]: ...

    async def lock_owners(self) -> tuple[UUID, ...]:
        """Ids of the tenant's owners, locked until the transaction ends."""
        ...

    async def save(self, user: User) -> bool:
        """Write the user's changed fields; False when it is not visible to this tenant."""
        ...

    async def delete(self, user_id: UUID) -> bool:
        """Delete the user; False when it is not visible to this tenant."""
        ...


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshToken) -> None: ...

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        """The token with this hash, locked until the transaction ends."""
        ...

    async def mark_used(self, token_id: UUID) -> None: ...

    async def revoke_family(self, family_id: UUID) -> int: ...


class TenantRepository(Protocol):
    """Tenants visible in the current transaction (row-level security shows only its own)."""

    async def add(self, tenant: Tenant) -> None: ...

    async def get(self, tenant_id: UUID) -> Tenant | None: ...


class TenantCatalog(Protocol):
    """Every tenant, for operators only (the CLI); never reachable from a tenant's request."""

    async def list_all(self) -> list[Tenant]: ...


class TenantDirectory(Protocol):
    async def resolve_slug(self, slug: str) -> UUID | None:
        """The id of the active tenant with this slug, looked up before any tenant is set."""
        ...


class PasswordHasher(Protocol):
    """Slow on purpose; implementations keep the event loop free while they work."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool: ...

    async def verify_dummy(self, password: str) -> None:
        """Spend the time of one verification, so misses cost what hits do."""
        ...


class AccessTokens(Protocol):
    def issue(self, user: User, session_id: UUID) -> AccessToken: ...

    def verify(self, token: str) -> Principal:
        """The principal of a valid token; raise ``InvalidToken`` otherwise."""
        ...


class LoginThrottle(Protocol):
    """Failed-login counting per tenant slug and e-mail, shared by every worker process."""

    async def retry_after(self, slug: str, email: str) -> int:
        """Seconds until another attempt is allowed; 0 when it is allowed now."""
        ...

    async def record_failure(self, slug: str, email: str) -> None: ...

    async def reset(self, slug: str, email: str) -> None: ...
