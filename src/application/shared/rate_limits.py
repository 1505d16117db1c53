"""Rate limits: how many requests one subject (a client address, a user, a tenant) may send
to a group of routes.

The counters live in a store every worker process shares (``RateCounters``), so a limit
holds for the deployment, not per process. Each request is counted and judged in one
atomic step: parallel requests cannot race past the limit. A request under several limits
(a write: its user's and its tenant's) takes all its counters in one call to the store.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.shared.errors import TooManyRequests


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``limit`` requests per subject in a fixed window of ``window_seconds``."""

    name: str
    limit: int
    window_seconds: int


@dataclass(frozen=True, slots=True)
class RateLimitState:
    """Where a subject stands after its request was counted."""

    rule: RateLimit
    remaining: int
    reset_seconds: int

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


def tightest_first(states: Sequence[RateLimitState]) -> tuple[RateLimitState, ...]:
    """The states ordered by how much they hold a client back: exceeded ones first (the
    longest wait first), then the fewest requests left."""
    return tuple(
        sorted(states, key=lambda s: (0, -s.reset_seconds) if s.exceeded else (1, s.remaining))
    )


class RateCounters(Protocol):
    async def take(self, key: UUID, window_seconds: int) -> tuple[int, int]:
        """Count one hit on ``key``; return the hits in its window and seconds until the
        window resets (a new window starts when the old one has run out)."""
        ...

    async def take_many(self, keys: Sequence[tuple[UUID, int]]) -> list[tuple[int, int]]:
        """``take`` for each ``(key, window_seconds)`` in order, all in one atomic step;
        the answers in the same order."""
        ...

    async def purge(self) -> int:
        """Delete every counter whose window has ended; how many were deleted."""
        ...


class RateLimitExceeded(TooManyRequests):
    """A client sent more requests than a limit allows; it carries the limits' states, the
    tightest first, so the edge can say when to retry (once every exceeded one allows)."""

    default_detail = "Too many requests from this client. Try again later."

    def __init__(self, *states: RateLimitState) -> None:
        self.states = tightest_first(states)
        self.state = self.states[0]
        super().__init__(retry_after_seconds=self.state.reset_seconds)


class ClientRateLimiter:
    """Counts in the shared store; a subject known to be over a limit is refused from this
    process's memory until its window ends (a window's count never goes down), so a flood
    of refused requests costs no database call."""

    def __init__(self, counters: RateCounters, remembered: int = 10_000) -> None:
        self._counters = counters
        self._blocked: dict[UUID, float] = {}
        self._remembered = remembered

    async def take(self, rule: RateLimit, client: str) -> RateLimitState:
        """Count this request of ``client`` against ``rule``; raise ``RateLimitExceeded`` when
        it is over the limit."""
        key = _key(rule, client)
        now = time.monotonic()
        self._refuse_if_blocked(rule, key, now)
        hits, reset = await self._counters.take(key, rule.window_seconds)
        state = RateLimitState(rule, rule.limit - hits, reset)
        if state.exceeded:
            self._remember(key, now + reset)
            raise RateLimitExceeded(state)
        return state

    async def take_all(self, checks: Sequence[tuple[RateLimit, str]]) -> tuple[RateLimitState, ...]:
        """Count this request against each ``(rule, subject)``, all in one call to the store;
        the states, tightest first. Over any limit: ``RateLimitExceeded`` with every state.
        Refused from memory (no count at all) when a subject is known to be over."""
        keys = [_key(rule, subject) for rule, subject in checks]
        now = time.monotonic()
        for (rule, _), key in zip(checks, keys, strict=True):
            self._refuse_if_blocked(rule, key, now)
        taken = await self._counters.take_many(
            [(key, rule.window_seconds) for (rule, _), key in zip(checks, keys, strict=True)]
        )
        states = [
            RateLimitState(rule, rule.limit - hits, reset)
            for (rule, _), (hits, reset) in zip(checks, taken, strict=True)
        ]
        for key, state in zip(keys, states, strict=True):
            if state.exceeded:
                self._remember(key, now + state.reset_seconds)
        if any(state.exceeded for state in states):
            raise RateLimitExceeded(*states)
        return tightest_first(states)

    def _refuse_if_blocked(self, rule: RateLimit, key: UUID, now: float) -> None:
        blocked_until = self._blocked.get(key)
        if blocked_until is not None and now < blocked_until:
            raise RateLimitExceeded(RateLimitState(rule, -1, math.ceil(blocked_until - now)))

    def _remember(self, key: UUID, until: float) -> None:
        if len(self._blocked) >= self._remembered:
            now = time.monotonic()
            self._blocked = {k: t for k, t in self._blocked.items() if t > now}
            if len(self._blocked) >= self._remembered:
                self._blocked.clear()
        self._blocked[key] = until


def _key(rule: RateLimit, subject: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"tenantry:rate:{rule.name}\n{subject}")
