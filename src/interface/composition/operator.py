"""The container behind the operator CLI: the same contexts as the app, no HTTP, plus what
only operators get (the owner role's roster and catalog of tenants, the sweeps).

Each command runs in one request scope of it (``async with container() as scope``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from dishka import AsyncContainer, make_async_container

from domain.identity.ports import AccessTokens
from infrastructure.settings import Settings
from interface.composition.assembly import access_tokens, event_handlers, shared_providers
from interface.composition.contexts import CONTEXTS
from interface.composition.providers import OperatorProvider
from interface.composition.wiring import verify_wiring
from interface.http.registration import ContextRegistration


@asynccontextmanager
async def operator_container(
    settings: Settings, contexts: Sequence[ContextRegistration] = CONTEXTS
) -> AsyncIterator[AsyncContainer]:
    container = make_async_container(
        *shared_providers(contexts),
        OperatorProvider(),
        *(provider() for context in contexts for provider in context.operator_providers),
        context={Settings: settings, AccessTokens: access_tokens(settings)},
    )
    verify_wiring(container, event_handlers(contexts))
    try:
        yield container
    finally:
        await container.close()
