"""Use case: rotate a refresh token into a new token pair.

Steps, in one transaction scoped to the tenant named in the token:
1. Find the stored token by the hash of its secret (locked), else 401.
2. Spent already (used)? That is a replay: revoke its session, commit, 401.
3. Tenant suspended? 403. Token expired, session revoked or past its absolute end, or
   user gone? 401.
4. Mark the token used, record the session's use, issue the next pair of the same
   session with the user's current role (never past the session's end), commit.
"""

from __future__ import annotations

from application.identity.refresh_secrets import parse_refresh_token
from application.identity.sessions import SessionIssuer
from domain.identity.errors import InvalidToken, TenantSuspended, TokenReused
from domain.identity.ports import (
    RefreshTokenRepository,
    SessionRepository,
    TenantRepository,
    UserRepository,
)
from domain.identity.principal import TokenPair
from domain.identity.tenant import TenantStatus
from domain.shared.clock import utc_now
from domain.shared.unit_of_work import UnitOfWork


class RefreshSession:
    def __init__(
        self,
        uow: UnitOfWork,
        refresh_tokens: RefreshTokenRepository,
        users: UserRepository,
        sessions: SessionRepository,
        tenants: TenantRepository,
        issuer: SessionIssuer,
    ) -> None:
        self._uow = uow
        self._refresh_tokens = refresh_tokens
        self._users = users
        self._sessions = sessions
        self._tenants = tenants
        self._issuer = issuer

    async def __call__(self, refresh_token: str) -> TokenPair:
        parsed = parse_refresh_token(refresh_token)
        if parsed is None:
            raise InvalidToken()
        tenant_id, token_hash = parsed
        async with self._uow.for_tenant(tenant_id) as uow:
            stored = await self._refresh_tokens.get_by_hash(token_hash)
            if stored is None:
                raise InvalidToken()
            if stored.spent:
                await self._sessions.revoke(stored.family_id)
                await uow.commit()
                raise TokenReused()
            tenant = await self._tenants.get(tenant_id)
            if tenant is None or tenant.status is TenantStatus.SUSPENDED:
                raise TenantSuspended()
            session = await self._sessions.get(stored.family_id)
            user = await self._users.get(stored.user_id)
            now = utc_now()
            if stored.expired(now) or session is None or not session.active(now) or user is None:
                raise InvalidToken()
            await self._refresh_tokens.mark_used(stored.id)
            await self._sessions.touch(session.id)
            pair = await self._issuer.continue_(user, session)
            await uow.commit()
        return pair
