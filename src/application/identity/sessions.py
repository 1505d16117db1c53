"""Service: issue token pairs, a short-lived access token plus a rotating refresh token."""

from __future__ import annotations

from uuid import UUID

from application.identity.policy import IdentityPolicy
from application.identity.refresh_secrets import new_refresh_token
from domain.identity.ports import AccessTokens, RefreshTokenRepository
from domain.identity.principal import TokenPair
from domain.identity.refresh_token import RefreshToken
from domain.identity.user import User
from domain.shared.ids import new_id


class SessionIssuer:
    """Runs inside the caller's transaction (it stores the refresh token); the caller
    commits."""

    def __init__(
        self, tokens: AccessTokens, policy: IdentityPolicy, refresh_tokens: RefreshTokenRepository
    ) -> None:
        self._tokens = tokens
        self._policy = policy
        self._refresh_tokens = refresh_tokens

    async def start(self, user: User) -> TokenPair:
        """A new login session: a new refresh-token family."""
        return await self.continue_(user, new_id())

    async def continue_(self, user: User, family_id: UUID) -> TokenPair:
        """The next pair of an existing session (after rotation)."""
        plain, token_hash = new_refresh_token(user.tenant_id)
        await self._refresh_tokens.add(
            RefreshToken.issue(
                user.tenant_id, user.id, token_hash, self._policy.refresh_token_ttl, family_id
            )
        )
        access = self._tokens.issue(user, family_id)
        return TokenPair(access.token, plain, access.expires_in)
