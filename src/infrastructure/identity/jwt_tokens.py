"""Access tokens as HS256 JWTs, verified without any database call.

A verified token is cached (bounded, until its ``exp``), so a client that repeats its
token pays for the signature check once. Consequence, documented in the README: a removed
or demoted user's access token stays valid until it expires; refresh checks the database.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from datetime import UTC, datetime
from uuid import UUID, uuid4

import jwt

from domain.identity.errors import InvalidToken
from domain.identity.principal import AccessToken, Principal
from domain.identity.user import User
from domain.shared.actor import Role

ALGORITHM = "HS256"
_REQUIRED = ["exp", "iat", "sub", "tid", "role", "jti", "sid", "iss", "aud"]


class JwtAccessTokens:
    def __init__(
        self,
        secret: str,
        issuer: str,
        audience: str,
        ttl_seconds: int,
        cache_size: int = 10_000,
    ) -> None:
        if len(secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters")
        self._secret = secret
        self._issuer = issuer
        self._audience = audience
        self._ttl = ttl_seconds
        self._cache: OrderedDict[str, Principal] = OrderedDict()
        self._cache_size = cache_size

    def issue(self, user: User, session_id: UUID) -> AccessToken:
        now = int(time.time())
        claims = {
            "sub": str(user.id),
            "tid": str(user.tenant_id),
            "role": user.role.value,
            "sid": str(session_id),
            "jti": uuid4().hex,
            "iat": now,
            "exp": now + self._ttl,
            "iss": self._issuer,
            "aud": self._audience,
        }
        return AccessToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), self._ttl)

    def verify(self, token: str) -> Principal:
        cached = self._cache.get(token)
        if cached is not None and cached.expires_at.timestamp() > time.time():
            return cached
        principal = self._decode(token)
        self._remember(token, principal)
        return principal

    def _decode(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": _REQUIRED},
            )
            return Principal(
                user_id=UUID(claims["sub"]),
                tenant_id=UUID(claims["tid"]),
                role=Role(claims["role"]),
                session_id=UUID(claims["sid"]),
                token_id=str(claims["jti"]),
                expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
            raise InvalidToken() from error

    def _remember(self, token: str, principal: Principal) -> None:
        self._cache[token] = principal
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
