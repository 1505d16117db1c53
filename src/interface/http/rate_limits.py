"""Rate limits at the edge: per client on routes that name one, per user and per tenant on
every authenticated write.

A route opts in to a per-client rule with ``opt={"rate_limit": "<name>"}``; the API's gate
(``api_gate.py``) counts the request against that rule before authentication and before
the body is read, and answers 429 over the limit. After authentication, every write (POST,
PUT, PATCH, DELETE) of a signed-in user is counted against the user's and the tenant's
write rules, both in one database call. Every
answer of a limited request carries the state in the IETF draft's ``RateLimit-Policy`` and
``RateLimit`` headers (one item per rule, the tightest first); a 429 adds ``Retry-After``
and comes after a one-second hold (a tarpit).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope, Send

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
(measured in ``docs/performance-history.md``)."""


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


async def client_limit(scope: Scope, name: str) -> Sequence[RateLimitState]:
    """Count the request against the per-client rule ``name``; over it, hold and refuse."""
    container = scope["app"].state.dishka_container
    rules: Mapping[str, RateLimit] = await container.get(RateLimitRules)
    addresses: ClientOrigins = await container.get(ClientOrigins)
    limiter: ClientRateLimiter = await container.get(ClientRateLimiter)
    return await _held(_one(limiter.take(rules[name], addresses.of(scope).address)))


async def write_limits(scope: Scope) -> Sequence[RateLimitState]:
    """Count a write of a signed-in user against the user's and the tenant's rules (after
    authentication: it needs ``scope["auth"]``); over one, hold and refuse. Nothing for a
    read, or a public route (no principal: its per-client limit only)."""
    actor = scope.get("auth")
    if scope.get("method") not in WRITE_METHODS or not isinstance(actor, Actor):
        return ()
    container = scope["app"].state.dishka_container
    rules: WriteRateLimits = await container.get(WriteRateLimits)
    checks = rules.checks(actor)
    if not checks:
        return ()
    limiter: ClientRateLimiter = await container.get(ClientRateLimiter)
    return await _held(limiter.take_all(checks))


async def _one(taking: Awaitable[RateLimitState]) -> tuple[RateLimitState]:
    return (await taking,)


async def _held(taking: Awaitable[Sequence[RateLimitState]]) -> Sequence[RateLimitState]:
    """The limits' states, or, over a limit, hold the client a second and refuse."""
    try:
        return await taking
    except RateLimitExceeded as error:
        refused = error
    await asyncio.sleep(TARPIT_SECONDS)
    raise refused


def with_rate_limit_headers(send: Send, states: Sequence[RateLimitState]) -> Send:
    """The answer with the headers of ``states``, added as items after any the answer
    has already."""
    headers = rate_limit_headers(*states)

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            mutable = MutableScopeHeaders.from_message(message)
            for name, value in headers.items():
                earlier = mutable.get(name)
                mutable[name] = value if earlier is None else f"{earlier}, {value}"
        await send(message)

    return send_with_headers
