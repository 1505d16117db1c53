"""Bearer authentication: the verified principal becomes ``scope["auth"]``.

The token is verified without a database call (see ``JwtAccessTokens``), then checked
against this process's ``AccessRevocations`` (suspended tenants, ended sessions), also
without one. Routes marked ``opt={"exclude_from_auth": True}`` (signup, token, refresh)
are public.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.types import ASGIApp
from opentelemetry import trace

from application.identity.access_revocations import AccessRevocations
from domain.identity.ports import AccessTokens
from domain.shared.errors import AuthenticationRequired

PUBLIC = {"exclude_from_auth": True}


class BearerAuthMiddleware(AbstractAuthenticationMiddleware):
    def __init__(self, app: ASGIApp, tokens: AccessTokens, revocations: AccessRevocations) -> None:
        super().__init__(app)
        self._tokens = tokens
        self._revocations = revocations

    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        scheme, _, token = connection.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationRequired("Send an access token: 'Authorization: Bearer <token>'.")
        principal = self._tokens.verify(token.strip())
        trace.get_current_span().set_attribute("tenant.id", str(principal.tenant_id))
        self._revocations.check(principal)
        return AuthenticationResult(user=principal, auth=principal)
