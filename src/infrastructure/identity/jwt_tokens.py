"""Access tokens as HS256 JWTs, verified without any database call.

Tokens are signed with the key ring's current key and carry its id in the ``kid`` header;
a token is verified with the key its ``kid`` names, current or previous, and a token with
no ``kid`` or an unknown one is refused. The algorithm is pinned to HS256, never read from
the token.

A verified token is cached (bounded, until its ``exp``), so a client that repeats its
token pays for the signature check once. The cache lives in the process and the key ring
is fixed for the process's life, so a key retired by a restart is never served from it.
Consequence, documented in the README: a removed or demoted user's access token stays
valid until it expires; refresh checks the database.
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
from infrastructure.jwt_signing_keys import KeyRing, SigningKey

ALGORITHM = "HS256"
_REQUIRED = ["exp", "iat", "sub", "tid", "role", "jti", "sid", "iss", "aud"]


class JwtAccessTokens:
    def __init__(
        self,
        keys: KeyRing,
        issuer: str,
        audience: str,
        ttl_seconds: int,
        cache_size: int = 10_000,
    ) -> None:
        self._keys = keys
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
        key = self._keys.current
        token = jwt.encode(claims, key.secret, algorithm=ALGORITHM, headers={"kid": key.kid})
        return AccessToken(token, self._ttl)

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
                self._key_of(token).secret,
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

    def _key_of(self, token: str) -> SigningKey:
        """The key named by the token's ``kid``; nothing else in the header is trusted."""
        kid = jwt.get_unverified_header(token).get("kid")
        key = self._keys.key(kid) if isinstance(kid, str) else None
        if key is None:
            raise InvalidToken()
        return key

    def _remember(self, token: str, principal: Principal) -> None:
        self._cache[token] = principal
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
