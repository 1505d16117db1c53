"""Run the outbox relay of the real worker container in-process, until nothing is due."""

from __future__ import annotations

import asyncio

from application.events.relay_outbox import RelayOutbox
from infrastructure.settings import Settings
from interface.composition.worker import worker_container


async def relay_until_idle(settings: Settings, passes: int = 20) -> int:
    """Relay passes until one settles nothing; returns how many events were settled."""
    settled = 0
    async with worker_container(settings) as container:
        relay = await container.get(RelayOutbox)
        for _ in range(passes):
            done = (await relay.run_once(lambda: False)).settled
            if not done:
                return settled
            settled += done
    return settled


async def relay_after_backoff(settings: Settings, seconds: float = 0.05) -> int:
    """Let a short retry backoff pass, then relay until idle."""
    await asyncio.sleep(seconds)
    return await relay_until_idle(settings)
