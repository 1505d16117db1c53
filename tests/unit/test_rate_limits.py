"""Rate limits: counted in the shared store, refused from memory once over; several limits
of one request (a write's user and tenant) taken in one call, the tightest reported first."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import pytest

from application.shared.rate_limits import (
    ClientRateLimiter,
    RateLimit,
    RateLimitExceeded,
    RateLimitState,
    tightest_first,
)


class CountingStore:
    def __init__(self) -> None:
        self.hits: dict[UUID, int] = {}
        self.calls = 0

    async def take(self, key: UUID, window_seconds: int) -> tuple[int, int]:
        self.calls += 1
        self.hits[key] = self.hits.get(key, 0) + 1
        return self.hits[key], window_seconds

    async def take_many(self, keys: Sequence[tuple[UUID, int]]) -> list[tuple[int, int]]:
        self.calls += 1
        for key, _ in keys:
            self.hits[key] = self.hits.get(key, 0) + 1
        return [(self.hits[key], window) for key, window in keys]

    async def purge(self) -> int:
        return 0


async def test_a_client_over_its_limit_is_refused_without_asking_the_store_again() -> None:
    store = CountingStore()
    limiter = ClientRateLimiter(store)
    rule = RateLimit("login", 2, 60)
    states = [await limiter.take(rule, "192.0.2.1") for _ in range(2)]
    assert [s.remaining for s in states] == [1, 0]
    for _ in range(3):
        with pytest.raises(RateLimitExceeded) as refused:
            await limiter.take(rule, "192.0.2.1")
        assert 0 < refused.value.retry_after_seconds <= 60
    assert store.calls == 3  # the first refusal asked; the next two came from memory
    assert (await limiter.take(rule, "198.51.100.7")).remaining == 1
    assert (await limiter.take(RateLimit("signup", 2, 60), "192.0.2.1")).remaining == 1


async def test_a_write_takes_both_counters_in_one_call_and_reports_the_tightest_first() -> None:
    store = CountingStore()
    limiter = ClientRateLimiter(store)
    user, tenant = RateLimit("user-writes", 2, 60), RateLimit("tenant-writes", 3, 120)
    first = await limiter.take_all([(user, "ann"), (tenant, "acme")])
    assert [(s.rule.name, s.remaining) for s in first] == [("user-writes", 1), ("tenant-writes", 2)]
    await limiter.take_all([(user, "ann"), (tenant, "acme")])
    with pytest.raises(RateLimitExceeded) as over_user:
        await limiter.take_all([(user, "ann"), (tenant, "acme")])
    assert [s.rule.name for s in over_user.value.states] == ["user-writes", "tenant-writes"]
    assert over_user.value.retry_after_seconds == 60
    assert store.calls == 3
    with pytest.raises(RateLimitExceeded) as over_tenant:
        await limiter.take_all([(user, "bob"), (tenant, "acme")])  # the 4th write of acme
    assert over_tenant.value.state.rule.name == "tenant-writes"
    assert over_tenant.value.retry_after_seconds == 120
    with pytest.raises(RateLimitExceeded):
        await limiter.take_all([(user, "cy"), (tenant, "acme")])
    assert store.calls == 4  # acme is known to be over: refused from memory
    assert (await limiter.take_all([(user, "dee"), (tenant, "globex")]))[0].remaining == 1


def test_exceeded_limits_come_first_the_longest_wait_first_then_the_fewest_left() -> None:
    rule = RateLimit("r", 10, 60)
    states = [
        RateLimitState(rule, 5, 10),
        RateLimitState(rule, -1, 20),
        RateLimitState(rule, 2, 50),
        RateLimitState(rule, -3, 40),
    ]
    assert [(s.remaining, s.reset_seconds) for s in tightest_first(states)] == [
        (-3, 40),
        (-1, 20),
        (2, 50),
        (5, 10),
    ]
