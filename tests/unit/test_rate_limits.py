"""Per-client rate limits: counted in the shared store, refused from memory once over."""

from __future__ import annotations

from uuid import UUID

import pytest

from application.shared.rate_limits import ClientRateLimiter, RateLimit, RateLimitExceeded


class CountingStore:
    def __init__(self) -> None:
        self.hits: dict[UUID, int] = {}
        self.calls = 0

    async def take(self, key: UUID, window_seconds: int) -> tuple[int, int]:
        self.calls += 1
        self.hits[key] = self.hits.get(key, 0) + 1
        return self.hits[key], window_seconds

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
