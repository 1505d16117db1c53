"""What the app and the operator CLI are both assembled from: the token issuer, the
contexts' event handlers, and the providers every container gets."""

from __future__ import annotations

from collections.abc import Sequence

from dishka import Provider

from infrastructure.events.dispatcher import HandlerRegistry
from infrastructure.identity.dev_secret import signing_secret
from infrastructure.identity.jwt_tokens import JwtAccessTokens
from infrastructure.settings import Settings
from interface.composition.providers import (
    DatabaseProvider,
    IdempotencyProvider,
    TransactionProvider,
)
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
