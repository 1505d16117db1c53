"""In-memory fakes of the identity ports, for use-case unit tests (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Self
from uuid import UUID

from domain.identity.principal import AccessToken, Principal
from domain.identity.refresh_token import RefreshToken
from domain.identity.user import User
from domain.shared.clock import utc_now
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.tenancy.tenant import Tenant
from tests.unit.fakes_commerce import (
    CommerceStore,
    FakeCustomers,
    FakeIdempotencyKeys,
    FakeOrders,
    FakeOrderViews,
    FakeProducts,
)


@dataclass
class Store:
    """Committed state shared by every fake unit of work."""

    tenants: dict[UUID, Tenant] = field(default_factory=dict)
    users: dict[UUID, User] = field(default_factory=dict)
    tokens: dict[UUID, RefreshToken] = field(default_factory=dict)
    commerce: CommerceStore = field(default_factory=CommerceStore)


class FakeUsers:
    def __init__(self, store: Store, tenant_id: UUID | None) -> None:
        self._store, self._tenant = store, tenant_id

    def _mine(self) -> list[User]:
        return [u for u in self._store.users.values() if u.tenant_id == self._tenant]

    async def add(self, user: User) -> None:
        self._store.users[user.id] = replace(user)

    async def get(self, user_id: UUID) -> User | None:
        return next((replace(u) for u in self._mine() if u.id == user_id), None)

    async def get_by_email(self, email: str) -> User | None:
        return next((replace(u) for u in self._mine() if u.email == email), None)

    async def list(self, query: ListQuery) -> Page[User]:
        page = query.page
        mine = self._mine()
        return Page(
            mine[page.offset : page.offset + page.limit], len(mine), page.limit, page.offset
        )

    async def lock_owners(self) -> tuple[UUID, ...]:
        return tuple(sorted(u.id for u in self._mine() if u.role.value == "owner"))

    async def save(self, user: User) -> bool:
        if await self.get(user.id) is None:
            return False
        self._store.users[user.id] = replace(user)
        return True

    async def delete(self, user_id: UUID) -> bool:
        return self._store.users.pop(user_id, None) is not None


class FakeRefreshTokens:
    def __init__(self, store: Store, tenant_id: UUID | None) -> None:
        self._store, self._tenant = store, tenant_id

    async def add(self, token: RefreshToken) -> None:
        self._store.tokens[token.id] = token

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        return next(
            (
                t
                for t in self._store.tokens.values()
                if t.token_hash == token_hash and t.tenant_id == self._tenant
            ),
            None,
        )

    async def mark_used(self, token_id: UUID) -> None:
        self._store.tokens[token_id].used_at = utc_now()

    async def revoke_family(self, family_id: UUID) -> int:
        family = [t for t in self._store.tokens.values() if t.family_id == family_id]
        for token in family:
            token.revoked_at = utc_now()
        return len(family)


class FakeTenants:
    def __init__(self, store: Store, tenant_id: UUID | None) -> None:
        self._store, self._tenant = store, tenant_id

    async def add(self, tenant: Tenant) -> None:
        self._store.tenants[tenant.id] = tenant

    async def get(self, tenant_id: UUID) -> Tenant | None:
        return self._store.tenants.get(tenant_id) if tenant_id == self._tenant else None


class FakeUnitOfWork:
    """One shared in-memory world; tenant-aware for identity, single-tenant for commerce."""

    def __init__(self, store: Store, tenant_id: UUID | None) -> None:
        self.tenants = FakeTenants(store, tenant_id)
        self.users = FakeUsers(store, tenant_id)
        self.refresh_tokens = FakeRefreshTokens(store, tenant_id)
        self.products = FakeProducts(store.commerce)
        self.customers = FakeCustomers(store.commerce)
        self.orders = FakeOrders(store.commerce)
        self.order_views = FakeOrderViews(store.commerce)
        self.idempotency_keys = FakeIdempotencyKeys()
        self.commits = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.commits += 1


class FakeUnitOfWorkFactory:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.opened: list[UUID | None] = []

    def for_tenant(self, tenant_id: UUID | None) -> FakeUnitOfWork:
        self.opened.append(tenant_id)
        return FakeUnitOfWork(self.store, tenant_id)


class FakeHasher:
    """Records every verification so tests can see that misses cost a verification too."""

    def __init__(self) -> None:
        self.verifications = 0

    async def hash(self, password: str) -> str:
        return f"hashed:{password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        self.verifications += 1
        return password_hash == f"hashed:{password}"

    async def verify_dummy(self, password: str) -> None:
        self.verifications += 1


class FakeThrottle:
    def __init__(self, limit: int = 3) -> None:
        self.failures: dict[tuple[str, str], int] = {}
        self._limit = limit

    async def retry_after(self, slug: str, email: str) -> int:
        return 60 if self.failures.get((slug, email), 0) >= self._limit else 0

    async def record_failure(self, slug: str, email: str) -> None:
        self.failures[(slug, email)] = self.failures.get((slug, email), 0) + 1

    async def reset(self, slug: str, email: str) -> None:
        self.failures.pop((slug, email), None)


class FakeDirectory:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def resolve_slug(self, slug: str) -> UUID | None:
        return next((t.id for t in self._store.tenants.values() if t.slug == slug), None)


class FakeTokens:
    def issue(self, user: User, session_id: UUID) -> AccessToken:
        return AccessToken(f"access:{user.id}:{session_id}", 900)

    def verify(self, token: str) -> Principal:
        raise NotImplementedError("not needed by these tests")
