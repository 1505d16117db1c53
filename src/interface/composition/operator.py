"""The container behind the operator CLI: the same services as the app, no HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from dishka import AsyncContainer, make_async_container

from domain.identity.ports import AccessTokens
from infrastructure.settings import Settings
from interface.composition.app import access_tokens
from interface.composition.commerce import CommerceServices
from interface.composition.providers import DatabaseProvider, IdentityServices, OperatorProvider


@asynccontextmanager
async def operator_container(settings: Settings) -> AsyncIterator[AsyncContainer]:
    container = make_async_container(
        DatabaseProvider(),
        IdentityServices(),
        CommerceServices(),
        OperatorProvider(),
        context={Settings: settings, AccessTokens: access_tokens(settings)},
    )
    try:
        yield container
    finally:
        await container.close()
