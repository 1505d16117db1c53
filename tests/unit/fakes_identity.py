"""In-memory fakes of the identity ports, on the fake database (see ``fake_db``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from uuid import UUID

from domain.identity.principal import AccessToken, Principal
from domain.identity.refresh_token import RefreshToken
from domain.identity.session import UserSession
from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.clock import utc_now
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from tests.unit.fake_db import FakeDatabase, FakeSession


class FakeUsers:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def add(self, user: User) -> None:
        if any(u.email == user.email for u in self._db.mine("users")):
            raise AssertionError("duplicate e-mail in a fake test world")
        self._db.table("users")[user.id] = replace(user)

    async def get(self, user_id: UUID) -> User | None:
        return next((replace(u) for u in self._db.mine("users") if u.id == user_id), None)

    async def get_by_email(self, email: str) -> User | None:
        return next((replace(u) for u in self._db.mine("users") if u.email == email), None)

    async def list(self, query: ListQuery) -> Page[User]:
        page, mine = query.page, self._db.mine("users")
        return Page.window(mine[page.offset : page.offset + page.limit + 1], len(mine), page)

    async def get_held(self, user_id: UUID) -> User | None:
        return await self.get(user_id)

    async def replace_password(self, user_id: UUID, expected_hash: str, new_hash: str) -> bool:
        row = self._db.current("users", user_id)
        if row is None or row.password_hash != expected_hash:
            return False
        self._db.table("users")[user_id] = replace(
            row, password_hash=new_hash, version=row.version + 1
        )
        return True

    async def lock_owners(self) -> tuple[UUID, ...]:
        return tuple(sorted(u.id for u in self._db.mine("users") if u.role is Role.OWNER))

    async def save(self, user: User, expected_version: int) -> bool:
        stored = self._db.current("users", user.id)
        if stored is None or stored.version != expected_version:
            return False
        self._db.table("users")[user.id] = replace(user)
        return True

    async def delete(self, user_id: UUID, expected_version: int) -> bool:
        stored = self._db.current("users", user_id)
        if stored is None or stored.version != expected_version:
            return False
        del self._db.table("users")[user_id]
        return True


class FakeRefreshTokens:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def add(self, token: RefreshToken) -> None:
        self._db.table("refresh_tokens")[token.id] = replace(token)

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        mine = self._db.mine("refresh_tokens")
        return next((replace(t) for t in mine if t.token_hash == token_hash), None)

    async def mark_used(self, token_id: UUID) -> None:
        self._db.table("refresh_tokens")[token_id].used_at = utc_now()


class FakeSessions:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def add(self, session: UserSession) -> None:
        self._db.table("user_sessions")[session.id] = replace(session)

    async def get(self, session_id: UUID) -> UserSession | None:
        found = next((s for s in self._db.mine("user_sessions") if s.id == session_id), None)
        return None if found is None else replace(found)

    async def list_active(self, user_id: UUID) -> list[UserSession]:
        now = utc_now()
        mine = self._db.mine("user_sessions")
        return [replace(s) for s in mine if s.user_id == user_id and s.active(now)]

    async def touch(self, session_id: UUID) -> None:
        self._db.table("user_sessions")[session_id].last_used_at = utc_now()

    async def revoke(self, session_id: UUID, user_id: UUID | None = None) -> bool:
        return await self._revoke(lambda s: s.id == session_id and user_id in (None, s.user_id)) > 0

    async def revoke_all(self, user_id: UUID, keep: UUID | None = None) -> int:
        return await self._revoke(lambda s: s.user_id == user_id and s.id != keep)

    async def _revoke(self, chosen: Callable[[UserSession], bool]) -> int:
        now = utc_now()
        ended = [s for s in self._db.mine("user_sessions") if s.active(now) and chosen(s)]
        for session in ended:
            session.revoked_at = now
        return len(ended)


class FakeTenants:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def add(self, tenant: Tenant) -> None:
        if tenant.id != self._db.tenant_id:
            raise PermissionError("row-level security: another tenant's row")
        self._db.table("tenants")[tenant.id] = replace(tenant)

    async def get(self, tenant_id: UUID) -> Tenant | None:
        if tenant_id != self._db.tenant_id:
            return None
        found = self._db.table("tenants").get(tenant_id)
        return None if found is None else replace(found)

    async def save(self, tenant: Tenant) -> bool:
        if tenant.id != self._db.tenant_id or tenant.id not in self._db.table("tenants"):
            return False
        self._db.table("tenants")[tenant.id] = replace(tenant)
        return True


class FakeHasher:
    """Records every verification so tests can see that misses cost a verification too."""

    def __init__(self) -> None:
        self.verifications = 0
        self.hashes = 0

    async def hash(self, password: str) -> str:
        self.hashes += 1
        return f"hashed:{password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        self.verifications += 1
        return password_hash == f"hashed:{password}"

    async def verify_dummy(self, password: str) -> None:
        self.verifications += 1


class FakeThrottle:
    """Counts attempts per account and client before verification, like the real one."""

    def __init__(self, limit: int = 3) -> None:
        self.attempts: dict[tuple[str, str, str], int] = {}
        self._limit = limit

    async def admit(self, slug: str, email: str, client: str) -> int:
        key = (slug, email, client)
        self.attempts[key] = self.attempts.get(key, 0) + 1
        return 60 if self.attempts[key] > self._limit else 0

    async def succeeded(self, slug: str, email: str, client: str) -> None:
        self.attempts = {k: v for k, v in self.attempts.items() if k[:2] != (slug, email)}


class FakeDirectory:
    """Slug lookup before any tenant is set: reads the committed tenants."""

    def __init__(self, database: FakeDatabase) -> None:
        self._database = database
        self.lookups: list[str] = []

    async def resolve_slug(self, slug: str) -> UUID | None:
        self.lookups.append(slug)
        tenants = self._database.rows("tenants").values()
        return next((t.id for t in tenants if t.slug == slug), None)

    async def slug_taken(self, slug: str) -> bool:
        return any(t.slug == slug for t in self._database.rows("tenants").values())


class FakeTokens:
    def issue(self, user: User, session_id: UUID) -> AccessToken:
        return AccessToken(f"access:{user.id}:{session_id}", 900)

    def verify(self, token: str) -> Principal:
        raise NotImplementedError("not needed by these tests")
