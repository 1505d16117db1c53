"""The relay worker's loop is uvloop, as the API's is (uvloop is installed here)."""

from __future__ import annotations

import asyncio

import uvloop

from interface.cli.worker import run_on_fast_loop


def test_the_worker_runs_its_coroutine_on_uvloop() -> None:
    seen: list[asyncio.AbstractEventLoop] = []

    async def main() -> None:
        seen.append(asyncio.get_running_loop())

    run_on_fast_loop(main())
    assert len(seen) == 1 and isinstance(seen[0], uvloop.Loop)
