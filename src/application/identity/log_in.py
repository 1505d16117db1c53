"""Use case: exchange tenant slug, e-mail and password for a token pair.

Steps:
1. Refuse early (429) when this slug and e-mail have failed too often recently.
   Slug and e-mail are taken in their canonical forms (``slug_or_none``, ``email_or_none``,
   the rules of signup); what is no slug or no e-mail address matches nothing.
2. Resolve the slug to a tenant id through the narrow lookup (no tenant is set yet); a
   string that is no slug (not ASCII, a NUL, ...) is an unknown tenant without a lookup.
3. Transaction, scoped to that tenant (or to none when the slug is unknown): find the user
   by e-mail and verify the password; a miss still spends one verification, so unknown
   tenant, unknown user and wrong password take about the same time. On success, start a
   session (refresh-token family) and commit.
4. Count the failure, or clear the counter, in the throttle's own store; a failure is one
   and the same 401 whatever went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from application.identity.sessions import SessionIssuer
from domain.identity.errors import InvalidCredentials, TooManyAttempts
from domain.identity.ports import LoginThrottle, PasswordHasher, TenantDirectory, UserRepository
from domain.identity.principal import TokenPair
from domain.identity.tenant import slug_or_none
from domain.shared.email import email_or_none
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Credentials:
    tenant_slug: str
    email: str
    password: str


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
        key = (
            slug or credentials.tenant_slug.strip().lower(),
            email or credentials.email.strip().lower(),
        )
        wait = await self._throttle.retry_after(*key)
        if wait > 0:
            raise TooManyAttempts(retry_after_seconds=wait)
        pair = await self._attempt(slug, email, credentials.password)
        if pair is None:
            await self._throttle.record_failure(*key)
            raise InvalidCredentials()
        await self._throttle.reset(*key)
        return pair

    async def _attempt(
        self, slug: str | None, email: str | None, password: str
    ) -> TokenPair | None:
        tenant_id = None if slug is None else await self._directory.resolve_slug(slug)
        async with self._uow.for_tenant(tenant_id) as uow:
            user = None
            if tenant_id is not None and email is not None:
                user = await self._users.get_by_email(email)
            if user is None:
                await self._hasher.verify_dummy(password)
                return None
            if not await self._hasher.verify(user.password_hash, password):
                return None
            pair = await self._sessions.start(user)
            await uow.commit()
        return pair
