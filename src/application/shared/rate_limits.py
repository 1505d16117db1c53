"""Per-client rate limits: how many requests one client may send to a group of routes.

The counters live in a store every worker process shares (``RateCounters``), so a limit
holds for the deployment, not per process. Each request is counted and judged in one
atomic step: parallel requests cannot race past the limit.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Protocol
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.shared.errors import TooManyRequests


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``limit`` requests per client in a fixed window of ``window_seconds``."""

    name: str
    limit: int
    window_seconds: int


@dataclass(frozen=True, slots=True)
class RateLimitState:
    """Where a client stands after its request was counted."""

    rule: RateLimit
    remaining: int
    reset_seconds: int

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


class RateCounters(Protocol):
    async def take(self, key: UUID, window_seconds: int) -> tuple[int, int]:
        """Count one hit on ``key``; return the hits in its window and seconds until the
        window resets (a new window starts when the old one has run out)."""
        ...

    async def purge(self) -> int:
        """Delete every counter whose window has ended; how many were deleted."""
        ...


class RateLimitExceeded(TooManyRequests):
    """A client sent more requests than its limit allows; it carries the limit's state so
    the edge can say when to retry."""

    default_detail = "Too many requests from this client. Try again later."

    def __init__(self, state: RateLimitState) -> None:
        super().__init__(retry_after_seconds=state.reset_seconds)
        self.state = state


class ClientRateLimiter:
    """Counts in the shared store; a client known to be over its limit is refused from this
    process's memory until its window ends (a window's count never goes down), so a flood
    of refused requests costs no database call."""

    def __init__(self, counters: RateCounters, remembered: int = 10_000) -> None:
        self._counters = counters
        self._blocked: dict[UUID, float] = {}
        self._remembered = remembered

    async def take(self, rule: RateLimit, client: str) -> RateLimitState:
        """Count this request of ``client`` against ``rule``; raise ``RateLimitExceeded`` when
        it is over the limit."""
        key = uuid5(NAMESPACE_URL, f"tenantry:rate:{rule.name}\n{client}")
        blocked_until = self._blocked.get(key)
        now = time.monotonic()
        if blocked_until is not None and now < blocked_until:
            raise RateLimitExceeded(RateLimitState(rule, -1, math.ceil(blocked_until - now)))
        hits, reset = await self._counters.take(key, rule.window_seconds)
        state = RateLimitState(rule, rule.limit - hits, reset)
        if state.exceeded:
            self._remember(key, now + reset)
            raise RateLimitExceeded(state)
        return state

    def _remember(self, key: UUID, until: float) -> None:
        if len(self._blocked) >= self._remembered:
            now = time.monotonic()
            self._blocked = {k: t for k, t in self._blocked.items() if t > now}
            if len(self._blocked) >= self._remembered:
                self._blocked.clear()
        self._blocked[key] = until
