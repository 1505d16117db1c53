"""Per-client rate limits at the edge, for routes that name one in their ``opt``.

A route opts in with ``opt={"rate_limit": "<name>"}``; the middleware counts the request
against that rule before the body is read and answers 429 over the limit. Every answer of
such a route carries the state in the IETF draft's ``RateLimit-Policy`` and ``RateLimit``
headers; a 429 adds ``Retry-After`` and comes after a one-second hold (a tarpit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from application.shared.rate_limits import (
    ClientRateLimiter,
    RateLimit,
    RateLimitExceeded,
    RateLimitState,
)
from interface.http.client_origin import ClientOrigins

OPTION = "rate_limit"
TARPIT_SECONDS = 1.0
"""How long a refused request is held before its 429: a client that ignores Retry-After
and floods gets one answer per connection per second, so its flood costs next to no CPU
(measured in ``docs/performance.md``)."""


class RateLimitRules(dict[str, RateLimit]):
    """The rules by name, from the settings."""


def rate_limit_headers(state: RateLimitState) -> dict[str, str]:
    rule = state.rule
    return {
        "RateLimit-Policy": f'"{rule.name}";q={rule.limit};w={rule.window_seconds}',
        "RateLimit": f'"{rule.name}";r={max(state.remaining, 0)};t={state.reset_seconds}',
    }


class ClientRateLimitMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        name = scope["route_handler"].opt.get(OPTION)
        if name is None:
            await next_app(scope, receive, send)
            return
        container = scope["app"].state.dishka_container
        rules: Mapping[str, RateLimit] = await container.get(RateLimitRules)
        addresses: ClientOrigins = await container.get(ClientOrigins)
        limiter: ClientRateLimiter = await container.get(ClientRateLimiter)
        try:
            state = await limiter.take(rules[name], addresses.of(scope).address)
        except RateLimitExceeded as error:
            refused = error
        else:
            await next_app(scope, receive, _with_headers(send, rate_limit_headers(state)))
            return
        await asyncio.sleep(TARPIT_SECONDS)
        raise refused


def _with_headers(send: Send, headers: dict[str, str]) -> Any:
    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            mutable = MutableScopeHeaders.from_message(message)
            for name, value in headers.items():
                mutable[name] = value
        await send(message)

    return send_with_headers
