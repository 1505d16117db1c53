"""The container behind the operator CLI: the same contexts as the app, no HTTP, plus what
only operators get (the owner role's roster and catalog of tenants, the sweeps).

Each command runs in one request scope of it (``async with container() as scope``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from dishka import AsyncContainer

from infrastructure.settings import Settings
from interface.composition.assembly import headless_container
from interface.composition.contexts import CONTEXTS
from interface.composition.providers import OperatorProvider
from interface.http.registration import ContextRegistration


@asynccontextmanager
async def operator_container(
    settings: Settings, contexts: Sequence[ContextRegistration] = CONTEXTS
) -> AsyncIterator[AsyncContainer]:
    operators = (provider() for context in contexts for provider in context.operator_providers)
    async with headless_container(settings, contexts, OperatorProvider(), *operators) as container:
        yield container
