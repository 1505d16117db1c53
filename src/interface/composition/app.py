"""Builds the fully wired application: container, HTTP app, startup checks."""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable, Sequence

from dishka import AsyncContainer, Provider, make_async_container
from dishka.integrations.litestar import LitestarProvider, setup_dishka
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.identity.ports import AccessTokens
from infrastructure.database.role_guard import ensure_safe_runtime_role
from infrastructure.events.dispatcher import HandlerRegistry
from infrastructure.identity.dev_secret import signing_secret
from infrastructure.identity.jwt_tokens import JwtAccessTokens
from infrastructure.settings import Settings
from interface.composition.contexts import CONTEXTS
from interface.composition.providers import (
    DatabaseProvider,
    IdempotencyProvider,
    RequestProvider,
    TransactionProvider,
)
from interface.composition.wiring import verify_wiring
from interface.http.app import create_http_app
from interface.http.registration import ContextRegistration


def access_tokens(settings: Settings) -> JwtAccessTokens:
    """The token issuer and verifier; every process of a deployment shares its secret."""
    return JwtAccessTokens(
        signing_secret(settings.jwt_secret, settings.data_dir),
        settings.jwt_issuer,
        settings.jwt_audience,
        settings.access_token_ttl_seconds,
    )


def event_handlers(contexts: Sequence[ContextRegistration]) -> HandlerRegistry:
    """Every context's event handlers, merged by event type."""
    merged: dict[type, list[type]] = {}
    for context in contexts:
        for event_type, handlers in context.event_handlers.items():
            merged.setdefault(event_type, []).extend(handlers)
    return {event_type: tuple(handlers) for event_type, handlers in merged.items()}


def shared_providers(contexts: Sequence[ContextRegistration]) -> list[Provider]:
    """What the app and the CLI both get: the database, transactions, idempotency, and
    every context's own providers."""
    return [
        DatabaseProvider(),
        TransactionProvider(event_handlers(contexts)),
        IdempotencyProvider(),
        *(provider() for context in contexts for provider in context.providers),
    ]


def create_app(
    settings: Settings | None = None, contexts: Sequence[ContextRegistration] = CONTEXTS
) -> Litestar:
    """The app for ``settings`` (read from the environment when omitted). Raises
    ``MissingProvider`` when a route takes a dependency that no provider gives."""
    settings = settings or Settings.from_env()
    tokens = access_tokens(settings)
    container = make_async_container(
        *shared_providers(contexts),
        RequestProvider(),
        LitestarProvider(),
        context={Settings: settings, AccessTokens: tokens},
    )
    app = create_http_app(
        tokens,
        api_handlers=[handler for context in contexts for handler in context.api_handlers],
        root_handlers=[handler for context in contexts for handler in context.root_handlers],
        on_startup=[_role_check(container), _freeze_startup_objects],
        on_shutdown=[container.close],
    )
    verify_wiring(app, container)
    setup_dishka(container, app)
    return app


def _role_check(container: AsyncContainer) -> Callable[[], Awaitable[None]]:
    async def check_role() -> None:
        await ensure_safe_runtime_role(await container.get(AsyncEngine))

    return check_role


def _freeze_startup_objects() -> None:
    # Long-lived startup objects leave the GC's generations: shorter collection pauses.
    gc.collect()
    gc.freeze()
