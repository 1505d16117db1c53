"""Argon2id password hashing in worker threads, a bounded number at a time.

A flood of unauthenticated logins must not take the CPU from everyone else: at most
``concurrency`` hashes run at once per process, at most ``queue`` wait for a turn, and any
request beyond that is refused at once (``PasswordCheckBusy``, a 503 with Retry-After).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError

from domain.identity.errors import PasswordCheckBusy

T = TypeVar("T")


class Argon2PasswordHasher:
    """Argon2id with configurable cost; defaults are argon2-cffi's (RFC 9106 low-memory)."""

    def __init__(
        self,
        time_cost: int = 3,
        memory_kib: int = 65536,
        parallelism: int = 4,
        concurrency: int = 2,
        queue: int = 32,
    ) -> None:
        self._argon2 = Argon2(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
        self._dummy_hash = self._argon2.hash("tenantry timing equaliser")
        self._turns = asyncio.Semaphore(concurrency)
        self._capacity = concurrency + queue
        self._admitted = 0

    async def hash(self, password: str) -> str:
        return await self._run(self._argon2.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        return await self._run(self._check, password_hash, password)

    async def verify_dummy(self, password: str) -> None:
        await self._run(self._check, self._dummy_hash, password)

    async def _run(self, work: Callable[..., T], *args: str) -> T:
        if self._admitted >= self._capacity:
            raise PasswordCheckBusy()
        self._admitted += 1
        try:
            async with self._turns:
                return await asyncio.to_thread(work, *args)
        finally:
            self._admitted -= 1

    def _check(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
