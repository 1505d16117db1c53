"""Builds the fully wired application: container, HTTP app, startup checks."""

from __future__ import annotations

import gc

from dishka import make_async_container
from dishka.integrations.litestar import LitestarProvider, setup_dishka
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.identity.ports import AccessTokens
from infrastructure.database.role_guard import ensure_safe_runtime_role
from infrastructure.identity.dev_secret import signing_secret
from infrastructure.identity.jwt_tokens import JwtAccessTokens
from infrastructure.settings import Settings
from interface.composition.commerce import CommerceRequests, CommerceServices
from interface.composition.providers import (
    DatabaseProvider,
    IdentityRequests,
    IdentityServices,
    OperationsProvider,
    RequestProvider,
)
from interface.http.app import create_http_app


def access_tokens(settings: Settings) -> JwtAccessTokens:
    """The token issuer and verifier; every process of a deployment shares its secret."""
    return JwtAccessTokens(
        signing_secret(settings.jwt_secret, settings.data_dir),
        settings.jwt_issuer,
        settings.jwt_audience,
        settings.access_token_ttl_seconds,
    )


def create_app(settings: Settings | None = None) -> Litestar:
    """The app for ``settings`` (read from the environment when omitted)."""
    settings = settings or Settings.from_env()
    tokens = access_tokens(settings)
    container = make_async_container(
        DatabaseProvider(),
        IdentityServices(),
        OperationsProvider(),
        RequestProvider(),
        IdentityRequests(),
        CommerceServices(),
        CommerceRequests(),
        LitestarProvider(),
        context={Settings: settings, AccessTokens: tokens},
    )

    async def check_role() -> None:
        await ensure_safe_runtime_role(await container.get(AsyncEngine))

    def freeze_startup_objects() -> None:
        # Long-lived startup objects leave the GC's generations: shorter collection pauses.
        gc.collect()
        gc.freeze()

    app = create_http_app(
        tokens, on_startup=[check_role, freeze_startup_objects], on_shutdown=[container.close]
    )
    setup_dishka(container, app)
    return app
