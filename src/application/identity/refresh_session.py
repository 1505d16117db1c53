"""Use case: rotate a refresh token into a new token pair.

Steps, in one transaction scoped to the tenant named in the token:
1. Find the stored token by the hash of its secret (locked), else 401.
2. Spent already (used or revoked)? That is a replay: revoke the whole family, commit, 401.
3. Expired, or its user gone? 401.
4. Mark it used, issue the next pair in the same family with the user's current role,
   commit.
"""

from __future__ import annotations

from application.identity.refresh_secrets import parse_refresh_token
from application.identity.sessions import SessionIssuer
from domain.identity.errors import InvalidToken, TokenReused
from domain.identity.ports import RefreshTokenRepository, UserRepository
from domain.identity.principal import TokenPair
from domain.shared.clock import utc_now
from domain.shared.unit_of_work import UnitOfWork


class RefreshSession:
    def __init__(
        self,
        uow: UnitOfWork,
        refresh_tokens: RefreshTokenRepository,
        users: UserRepository,
        sessions: SessionIssuer,
    ) -> None:
        self._uow = uow
        self._refresh_tokens = refresh_tokens
        self._users = users
        self._sessions = sessions

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
                await self._refresh_tokens.revoke_family(stored.family_id)
                await uow.commit()
                raise TokenReused()
            user = await self._users.get(stored.user_id)
            if stored.expired(utc_now()) or user is None:
                raise InvalidToken()
            await self._refresh_tokens.mark_used(stored.id)
            pair = await self._sessions.continue_(user, stored.family_id)
            await uow.commit()
        return pair
