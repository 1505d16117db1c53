"""Bearer authentication: the verified principal becomes ``scope["auth"]`` (and
``scope["user"]``, as Litestar's authentication middleware put it).

The token is verified without a database call (see ``JwtAccessTokens``), then checked
against this process's ``AccessRevocations`` (suspended tenants, ended sessions), also
without one. Routes marked ``opt={"exclude_from_auth": True}`` (signup, token, refresh)
are public, and so is every ``OPTIONS`` request. The API's gate (``api_gate.py``) calls
``BearerAuthentication`` for each request that needs it.
"""

from __future__ import annotations

from litestar.types import Scope
from opentelemetry import trace

from application.identity.access_revocations import AccessRevocations
from domain.identity.ports import AccessTokens
from domain.identity.principal import Principal
from domain.shared.errors import AuthenticationRequired

EXCLUDE_FROM_AUTH = "exclude_from_auth"
PUBLIC = {EXCLUDE_FROM_AUTH: True}
_AUTHORIZATION = b"authorization"


def needs_authentication(scope: Scope) -> bool:
    """Whether the request must carry a bearer token: not on a public route, nor for
    ``OPTIONS`` (what Litestar's ``AbstractAuthenticationMiddleware`` exempted)."""
    public = scope["route_handler"].opt.get(EXCLUDE_FROM_AUTH)
    return not public and scope.get("method") != "OPTIONS"


class BearerAuthentication:
    def __init__(self, tokens: AccessTokens, revocations: AccessRevocations) -> None:
        self._tokens = tokens
        self._revocations = revocations

    def __call__(self, scope: Scope) -> Principal:
        """The verified caller of the request in ``scope``, recorded in it."""
        scheme, _, token = _authorization(scope).partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationRequired("Send an access token: 'Authorization: Bearer <token>'.")
        principal = self._tokens.verify(token.strip())
        span = trace.get_current_span()
        if span.is_recording():
            span.set_attribute("tenant.id", str(principal.tenant_id))
        self._revocations.check(principal)
        scope["user"] = scope["auth"] = principal
        return principal


def _authorization(scope: Scope) -> str:
    """The first ``Authorization`` header's value (what Litestar's ``headers.get`` gave)."""
    for name, value in scope["headers"]:
        if name.lower() == _AUTHORIZATION:
            decoded: str = value.decode("latin-1")
            return decoded
    return ""
