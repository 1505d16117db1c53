"""The one middleware of the API router: every check a request of ``/api/v1`` passes before
its handler, in this order, before the body is read:

1. the per-client rate limit, when the route names a rule (``rate_limits.client_limit``);
2. bearer authentication, unless the route is public or the request an ``OPTIONS``
   (``auth``);
3. the write limits of the signed-in user and tenant, on a write (``rate_limits``).

A refusal raises: Litestar's exception handling answers it with its problem document (and
the refused limit's headers). Otherwise the answer carries the headers of the limits
counted, the write's items first. One layer and at most one ``send`` wrapper, where three
middlewares each added their own (issue 13: ``docs/performance.md``).
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

from application.identity.access_revocations import AccessRevocations
from domain.identity.ports import AccessTokens
from interface.http.auth import BearerAuthentication, needs_authentication
from interface.http.rate_limits import (
    OPTION,
    client_limit,
    with_rate_limit_headers,
    write_limits,
)


class ApiGateMiddleware:
    def __init__(self, app: ASGIApp, tokens: AccessTokens, revocations: AccessRevocations) -> None:
        self._app = app
        self._authenticate = BearerAuthentication(tokens, revocations)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:  # a websocket: authentication only
            if needs_authentication(scope):
                self._authenticate(scope)
            await self._app(scope, receive, send)
            return
        rule = scope["route_handler"].opt.get(OPTION)
        per_client = () if rule is None else await client_limit(scope, rule)
        if needs_authentication(scope):
            self._authenticate(scope)
        states = (*await write_limits(scope), *per_client)
        await self._app(scope, receive, with_rate_limit_headers(send, states) if states else send)
