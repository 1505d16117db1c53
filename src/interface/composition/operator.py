"""The container behind the operator CLI: the same contexts as the app, no HTTP, plus what
only operators get (the owner role's roster and catalog of tenants, the sweeps).

Each command runs in one request scope of it (``async with container() as scope``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from dishka import AsyncContainer, make_async_container

from infrastructure.settings import Settings
from interface.composition.assembly import assemble
from interface.composition.contexts import CONTEXTS
from interface.composition.providers import OperatorProvider
from interface.composition.wiring import verify_wiring
from interface.http.registration import ContextRegistration


@asynccontextmanager
async def operator_container(
    settings: Settings, contexts: Sequence[ContextRegistration] = CONTEXTS
) -> AsyncIterator[AsyncContainer]:
    assembly = assemble(settings, contexts)
    container = make_async_container(
        *assembly.providers,
        OperatorProvider(),
        *(provider() for context in contexts for provider in context.operator_providers),
        context=assembly.context,
    )
    verify_wiring(container, assembly.subscriptions)
    try:
        yield container
    finally:
        await container.close()
