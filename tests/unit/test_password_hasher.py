"""The real argon2 hasher runs a bounded number of hashes per process: a flood waits in a
bounded line, and beyond it is refused at once instead of starving everyone else."""

from __future__ import annotations

import asyncio
import time

import pytest

from domain.identity.errors import PasswordCheckBusy
from infrastructure.identity.passwords import Argon2PasswordHasher


async def test_hashes_beyond_the_slots_and_the_line_are_refused_at_once() -> None:
    hasher = Argon2PasswordHasher(time_cost=2, memory_kib=8192, concurrency=1, queue=2)
    stored = await hasher.hash("correct horse battery staple")
    running = [asyncio.create_task(hasher.verify(stored, "guess")) for _ in range(3)]
    await asyncio.sleep(0)  # all three have taken their place: one hashing, two in line
    with pytest.raises(PasswordCheckBusy) as refused:
        await hasher.verify(stored, "one too many")
    assert refused.value.retry_after_seconds == 1
    assert await asyncio.gather(*running) == [False, False, False]
    assert await hasher.verify(stored, "correct horse battery staple")  # the line drained


async def test_at_most_the_configured_number_of_hashes_run_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hasher = Argon2PasswordHasher(time_cost=1, memory_kib=1024, concurrency=2, queue=10)
    active, peak = 0, 0

    def slow_check(password_hash: str, password: str) -> bool:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        time.sleep(0.02)
        active -= 1
        return False

    monkeypatch.setattr(hasher, "_check", slow_check)
    await asyncio.gather(*(hasher.verify_dummy("x") for _ in range(8)))
    assert peak == 2
