"""Rate limits at the edge: per client on routes that name one, per user and per tenant on
every authenticated write.

A route opts in to a per-client rule with ``opt={"rate_limit": "<name>"}``; the middleware
counts the request against that rule before the body is read and answers 429 over the
limit. After authentication, every write (POST, PUT, PATCH, DELETE) of a signed-in user is
counted against the user's and the tenant's write rules, both in one database call. Every
answer of a limited request carries the state in the IETF draft's ``RateLimit-Policy`` and
``RateLimit`` headers (one item per rule, the tightest first); a 429 adds ``Retry-After``
and comes after a one-second hold (a tarpit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass
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
from domain.shared.actor import Actor
from interface.http.client_origin import ClientOrigins

OPTION = "rate_limit"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TARPIT_SECONDS = 1.0
"""How long a refused request is held before its 429: a client that ignores Retry-After
and floods gets one answer per connection per second, so its flood costs next to no CPU
(measured in ``docs/performance.md``)."""


class RateLimitRules(dict[str, RateLimit]):
    """The rules by name, from the settings."""


@dataclass(frozen=True, slots=True)
class WriteRateLimits:
    """The write rules from the settings; ``None`` is a rule turned off."""

    per_user: RateLimit | None
    per_tenant: RateLimit | None

    def checks(self, actor: Actor) -> list[tuple[RateLimit, str]]:
        """What a write of ``actor`` is counted against: its user's and its tenant's rule."""
        pairs = ((self.per_user, actor.user_id), (self.per_tenant, actor.tenant_id))
        return [(rule, str(subject)) for rule, subject in pairs if rule is not None]


def rate_limit_headers(*states: RateLimitState) -> dict[str, str]:
    """The IETF draft's headers, one list item per state, in the order given."""
    policies = (f'"{s.rule.name}";q={s.rule.limit};w={s.rule.window_seconds}' for s in states)
    current = (f'"{s.rule.name}";r={max(s.remaining, 0)};t={s.reset_seconds}' for s in states)
    return {"RateLimit-Policy": ", ".join(policies), "RateLimit": ", ".join(current)}


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
        taking = _one(limiter.take(rules[name], addresses.of(scope).address))
        await _limited(taking, scope, receive, send, next_app)


class WriteRateLimitMiddleware(ASGIMiddleware):
    """Runs after authentication (it needs ``scope["auth"]``) and before the body is read;
    public routes have no principal and keep their per-client limits only."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        actor = scope.get("auth")
        write = scope["type"] == ScopeType.HTTP and scope["method"] in WRITE_METHODS
        if not write or not isinstance(actor, Actor):
            await next_app(scope, receive, send)
            return
        container = scope["app"].state.dishka_container
        rules: WriteRateLimits = await container.get(WriteRateLimits)
        checks = rules.checks(actor)
        if not checks:
            await next_app(scope, receive, send)
            return
        limiter: ClientRateLimiter = await container.get(ClientRateLimiter)
        await _limited(limiter.take_all(checks), scope, receive, send, next_app)


async def _one(taking: Awaitable[RateLimitState]) -> tuple[RateLimitState]:
    return (await taking,)


async def _limited(
    taking: Awaitable[Sequence[RateLimitState]],
    scope: Scope,
    receive: Receive,
    send: Send,
    next_app: ASGIApp,
) -> None:
    """Go on with the limits' headers on the answer, or, over a limit, hold the client a
    second and refuse."""
    try:
        states = await taking
    except RateLimitExceeded as error:
        refused = error
    else:
        await next_app(scope, receive, _with_headers(send, rate_limit_headers(*states)))
        return
    await asyncio.sleep(TARPIT_SECONDS)
    raise refused


def _with_headers(send: Send, headers: dict[str, str]) -> Any:
    """The answer with ``headers``; a request under both middlewares (an authenticated write
    with a per-client rule) gets the items of both, the write's first."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            mutable = MutableScopeHeaders.from_message(message)
            for name, value in headers.items():
                earlier = mutable.get(name)
                mutable[name] = value if earlier is None else f"{earlier}, {value}"
        await send(message)

    return send_with_headers
