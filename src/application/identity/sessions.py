"""Service: start and continue login sessions, issuing token pairs (a short-lived access
token plus a rotating refresh token of the session's family)."""

from __future__ import annotations

from application.identity.policy import IdentityPolicy
from application.identity.refresh_secrets import new_refresh_token
from domain.identity.ports import AccessTokens, RefreshTokenRepository, SessionRepository
from domain.identity.principal import TokenPair
from domain.identity.refresh_token import RefreshToken
from domain.identity.session import SessionOrigin, UserSession
from domain.identity.user import User


class SessionIssuer:
    """Runs inside the caller's transaction (it stores the session and the refresh token);
    the caller commits."""

    def __init__(
        self,
        tokens: AccessTokens,
        policy: IdentityPolicy,
        refresh_tokens: RefreshTokenRepository,
        sessions: SessionRepository,
    ) -> None:
        self._tokens = tokens
        self._policy = policy
        self._refresh_tokens = refresh_tokens
        self._sessions = sessions

    async def start(self, user: User, origin: SessionOrigin) -> TokenPair:
        """A new login session, ending ``session_lifetime`` from now at the latest."""
        session = UserSession.start(user.tenant_id, user.id, self._policy.session_lifetime, origin)
        await self._sessions.add(session)
        return await self.continue_(user, session)

    async def continue_(self, user: User, session: UserSession) -> TokenPair:
        """The next pair of an existing session (after rotation); never past its end."""
        plain, token_hash = new_refresh_token(user.tenant_id)
        await self._refresh_tokens.add(
            RefreshToken.issue(
                user.tenant_id,
                user.id,
                token_hash,
                self._policy.refresh_token_ttl,
                session.id,
                session.expires_at,
            )
        )
        access = self._tokens.issue(user, session.id)
        return TokenPair(access.token, plain, access.expires_in)
