"""When a failed event is tried again: exponential backoff with jitter, then dead letter."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 8
    base: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(hours=1)

    def is_final(self, attempt: int) -> bool:
        return attempt >= self.max_attempts

    def delay(self, attempt: int, rng: random.Random | None = None) -> timedelta:
        """``base * 2^(attempt-1)`` capped, then jittered down to half ("equal jitter"),
        so workers that failed together do not retry together."""
        ceiling = min(self.cap, self.base * (1 << min(attempt - 1, 32)))
        jitter: float = (rng or random).uniform(0.5, 1.0)
        return ceiling * jitter
