"""Use case: exchange tenant slug, e-mail and password for a token pair.

Steps:
1. Count the attempt before anything else (``LoginThrottle.admit``, one atomic step per
   counter): a client past its limit on this account, or an account in backoff, is a 429.
   Slug and e-mail are counted in their canonical forms (``slug_or_none``,
   ``email_or_none``: the rules of signup).
2. Resolve the slug to a tenant id through the narrow lookup (no tenant is set yet); a
   string that is no slug (not ASCII, a NUL, ...) or no e-mail address matches nothing,
   without a lookup.
3. Transaction 1, read-only, scoped to that tenant: find the user by e-mail. It ends
   before the password is checked, so hashing never holds a database connection.
4. Verify the password; a miss still spends one verification, so unknown tenant, unknown
   user and wrong password take about the same time and give the same 401.
5. Transaction 2: re-read the user, holding its row (``FOR SHARE``) so a password reset
   cannot slip between the check and the commit; still there with the same password?
   Start a session (refresh-token family) and commit.
6. Clear the account's counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.identity.sessions import SessionIssuer
from domain.identity.errors import InvalidCredentials, TooManyAttempts
from domain.identity.ports import LoginThrottle, PasswordHasher, TenantDirectory, UserRepository
from domain.identity.principal import TokenPair
from domain.identity.session import SessionOrigin
from domain.identity.tenant import slug_or_none
from domain.identity.user import User
from domain.shared.email import email_or_none
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Credentials:
    tenant_slug: str
    email: str
    password: str
    client: str
    """Who is asking (the client's address, as the edge resolved it): throttled apart."""
    user_agent: str | None = None


class LogIn:
    def __init__(
        self,
        uow: UnitOfWork,
        users: UserRepository,
        directory: TenantDirectory,
        hasher: PasswordHasher,
        throttle: LoginThrottle,
        sessions: SessionIssuer,
    ) -> None:
        self._uow = uow
        self._users = users
        self._directory = directory
        self._hasher = hasher
        self._throttle = throttle
        self._sessions = sessions

    async def __call__(self, credentials: Credentials) -> TokenPair:
        slug = slug_or_none(credentials.tenant_slug)
        email = email_or_none(credentials.email)
        account = (
            slug or credentials.tenant_slug.strip().lower(),
            email or credentials.email.strip().lower(),
        )
        wait = await self._throttle.admit(*account, credentials.client)
        if wait > 0:
            raise TooManyAttempts(retry_after_seconds=wait)
        user = await self._verified_user(slug, email, credentials.password)
        origin = SessionOrigin(credentials.client, credentials.user_agent)
        pair = None if user is None else await self._start_session(user, origin)
        if pair is None:
            raise InvalidCredentials()
        await self._throttle.succeeded(*account, credentials.client)
        return pair

    async def _verified_user(
        self, slug: str | None, email: str | None, password: str
    ) -> User | None:
        tenant_id = None if slug is None else await self._directory.resolve_slug(slug)
        user = None
        if tenant_id is not None and email is not None:
            user = await self._find(tenant_id, email)
        if user is None:
            await self._hasher.verify_dummy(password)
            return None
        return user if await self._hasher.verify(user.password_hash, password) else None

    async def _find(self, tenant_id: UUID, email: str) -> User | None:
        async with self._uow.for_tenant(tenant_id):
            return await self._users.get_by_email(email)

    async def _start_session(self, verified: User, origin: SessionOrigin) -> TokenPair | None:
        async with self._uow.for_tenant(verified.tenant_id) as uow:
            user = await self._users.get_held(verified.id)  # a racing reset waits, or we do
            if user is None or user.password_hash != verified.password_hash:
                return None
            pair = await self._sessions.start(user, origin)
            await uow.commit()
        return pair
