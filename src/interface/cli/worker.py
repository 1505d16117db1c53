"""``tenantry worker``: relay outbox events to their handlers until SIGTERM or SIGINT.

It runs on uvloop when installed, as the API does (on the standard library's loop the relay
cost noticeably more CPU per event; issue 13). Either signal sets the stop flag: the event
in hand is finished, the rest of its batch is released for other workers, the LISTEN
connection and the pool are closed, then (with the embedded database) the server is
stopped. Several workers may run at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Coroutine
from typing import Any

from infrastructure.settings import Settings
from interface.cli.serve import Stopped, sigterm_unwinds
from interface.composition.database import migrate, running_database
from interface.composition.signing import with_signing_secret
from interface.composition.worker import relay_events

logger = logging.getLogger("tenantry.worker")


def run_on_fast_loop(main: Coroutine[Any, Any, None]) -> None:
    """``main`` on uvloop when it is installed (it is a dependency on every platform but
    Windows), else on the standard library's loop."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - Windows
        asyncio.run(main)
        return
    uvloop.run(main)


def work(settings: Settings) -> int:
    settings = with_signing_secret(settings)  # no usable secret: refused before anything runs
    with sigterm_unwinds():
        try:
            with running_database(settings) as database:
                database = migrate(database)
                run_on_fast_loop(_relay(database.settings))
        except (Stopped, KeyboardInterrupt):
            pass  # a signal during startup or after the loop: nothing is claimed then
    logger.info("relay worker %d has stopped", os.getpid())
    return 0


async def _relay(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        logger.info("relay worker %d is delivering events", os.getpid())
        await relay_events(settings, stop)
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
