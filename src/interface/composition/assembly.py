"""What the app, the worker and the operator CLI are all assembled from: the token issuer,
the event catalogue and subscriptions of every context, and the providers every container
gets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from dishka import AsyncContainer, Provider, make_async_container

from application.events.handlers import EventSubscriptions
from domain.identity.ports import AccessTokens
from infrastructure.events.event_catalog import EventCatalog
from infrastructure.identity.jwt_tokens import JwtAccessTokens
from infrastructure.observability.tracing import Tracing, tracer_provider_for
from infrastructure.settings import Settings
from interface.composition.limits import LimitsProvider
from interface.composition.providers import (
    DatabaseProvider,
    IdempotencyProvider,
    TransactionProvider,
)
from interface.composition.signing import signing_keys
from interface.composition.wiring import verify_wiring
from interface.http.registration import ContextRegistration


def access_tokens(settings: Settings) -> JwtAccessTokens:
    """The token issuer and verifier; every process of a deployment shares its keys.
    Outside development, no ``JWT_SECRET`` stops the start here (``SettingsError``)."""
    return JwtAccessTokens(
        signing_keys(settings),
        settings.jwt_issuer,
        settings.jwt_audience,
        settings.access_token_ttl_seconds,
    )


@dataclass(frozen=True, slots=True)
class Assembly:
    tokens: JwtAccessTokens
    subscriptions: EventSubscriptions
    providers: Sequence[Provider]
    context: dict[Any, Any]
    """Values handed to the container as they are (``from_context``)."""


def assemble(
    settings: Settings, contexts: Sequence[ContextRegistration], tracing: Tracing | None = None
) -> Assembly:
    """Every context's events in one catalogue (a clashing wire name stops the start),
    every context's subscriptions in one registry, and the providers all processes get."""
    subscriptions = EventSubscriptions()
    for context in contexts:
        context.subscribe(subscriptions)
    catalog = EventCatalog(event for context in contexts for event in context.events)
    tokens = access_tokens(settings)
    providers = [
        DatabaseProvider(),
        TransactionProvider(),
        IdempotencyProvider(),
        LimitsProvider(),
        *(provider() for context in contexts for provider in context.providers),
    ]
    values: dict[Any, Any] = {
        Settings: settings,
        AccessTokens: tokens,
        EventCatalog: catalog,
        EventSubscriptions: subscriptions,
        Tracing: tracing or Tracing(tracer_provider_for(settings.tracing)),
    }
    return Assembly(tokens, subscriptions, providers, values)


@asynccontextmanager
async def headless_container(
    settings: Settings, contexts: Sequence[ContextRegistration], *extra: Provider
) -> AsyncIterator[AsyncContainer]:
    """A container without HTTP (the worker's, the operator CLI's): the shared providers
    plus ``extra``, wiring checked (``MissingProvider``), closed on exit."""
    assembly = assemble(settings, contexts)
    container = make_async_container(*assembly.providers, *extra, context=assembly.context)
    try:
        verify_wiring(container, assembly.subscriptions)
        yield container
    finally:
        await container.close()
