"""Ports of the identity context: users, tenants, sessions, and the adapters login needs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol
from uuid import UUID

from domain.identity.principal import AccessToken, Principal
from domain.identity.refresh_token import RefreshToken
from domain.identity.session import UserSession
from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


class UserRepository(Protocol):
    """Users of the current tenant. Another tenant's user is simply absent."""

    async def add(self, user: User) -> None: ...

    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None: ...

    async def get_held(self, user_id: UUID) -> User | None:
        """The user, its row held against changes (``FOR SHARE``) until the transaction ends:
        a concurrent password reset waits, or is waited for."""
        ...

    async def replace_password(self, user_id: UUID, expected_hash: str, new_hash: str) -> bool:
        """Set the password hash only if it is still ``expected_hash`` (compare-and-set), and
        bump the version; False when it changed meanwhile or the user is gone."""
        ...

    async def list(self, query: ListQuery) -> Page[User]: ...

    async def lock_owners(self) -> tuple[UUID, ...]:
        """Ids of the tenant's owners, locked until the transaction ends."""
        ...

    async def save(self, user: User, expected_version: int) -> bool:
        """Write the user's fields if its stored version is still ``expected_version``
        (compare-and-set); False when it changed or is not visible to this tenant."""
        ...

    async def delete(self, user_id: UUID, expected_version: int) -> bool:
        """Delete the user if its version is still ``expected_version``; False when it
        changed or is not visible to this tenant."""
        ...


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshToken) -> None: ...

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        """The token with this hash, locked until the transaction ends."""
        ...

    async def mark_used(self, token_id: UUID) -> None: ...


class SessionRepository(Protocol):
    """Login sessions of the current tenant's users."""

    async def add(self, session: UserSession) -> None: ...

    async def get(self, session_id: UUID) -> UserSession | None:
        """The session, locked until the transaction ends (a racing revocation waits for a
        refresh to finish, or the refresh sees it)."""
        ...

    async def list_active(self, user_id: UUID) -> list[UserSession]:
        """The user's sessions that are neither revoked nor past their end, latest use first."""
        ...

    async def touch(self, session_id: UUID) -> None:
        """Record that the session was just used (a refresh)."""
        ...

    async def revoke(self, session_id: UUID, user_id: UUID | None = None) -> bool:
        """Revoke one active session (of ``user_id``, when given); False if there is none."""
        ...

    async def revoke_all(self, user_id: UUID, keep: UUID | None = None) -> int:
        """Revoke every active session of the user but ``keep``; how many there were."""
        ...


class TenantRepository(Protocol):
    """Tenants visible in the current transaction (row-level security shows only its own)."""

    async def add(self, tenant: Tenant) -> None: ...

    async def get(self, tenant_id: UUID) -> Tenant | None: ...

    async def save(self, tenant: Tenant) -> bool:
        """Write the tenant's name and status; False when it is not visible here."""
        ...


class TenantCatalog(Protocol):
    """Every tenant, for operators only (the CLI); never reachable from a tenant's request."""

    async def list_all(self) -> list[Tenant]: ...

    async def get_by_slug(self, slug: str) -> Tenant | None:
        """The tenant with this slug, whatever its status."""
        ...


class TenantEraser(Protocol):
    """Deletes a tenant for good, for operators only (the owner role; the CLI)."""

    async def erase(self, tenant_id: UUID) -> Mapping[str, int] | None:
        """In one transaction: delete every row of the tenant in every table, then the
        tenant itself, record the deletion and tell every API process (at commit). The
        rows deleted by table (the tenant's own row aside); ``None`` when no such tenant
        exists (nothing is done)."""
        ...


class TenantDirectory(Protocol):
    async def resolve_slug(self, slug: str) -> UUID | None:
        """The id of the active tenant with this slug, looked up before any tenant is set."""
        ...

    async def slug_taken(self, slug: str) -> bool:
        """Whether any tenant, active or suspended, has this slug."""
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
    """Login attempts counted before the password is checked, shared by every worker
    process: per account and client (blocks that client), per account (slows everyone)."""

    async def admit(self, slug: str, email: str, client: str) -> int:
        """Count this attempt: 0 when it may go on, else the seconds to wait (it may not)."""
        ...

    async def succeeded(self, slug: str, email: str, client: str) -> None:
        """Clear the account's counters after a correct password."""
        ...
