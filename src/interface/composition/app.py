"""Builds the fully wired application: container, HTTP app, startup checks."""

from __future__ import annotations

import gc

from dishka import make_async_container
from dishka.integrations.litestar import LitestarProvider, setup_dishka
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.database.role_guard import ensure_safe_runtime_role
from infrastructure.settings import Settings
from interface.composition.providers import ApplicationProvider, DatabaseProvider, RequestProvider
from interface.http.app import create_http_app


def create_app(settings: Settings | None = None) -> Litestar:
    """The app for ``settings`` (read from the environment when omitted)."""
    settings = settings or Settings.from_env()
    container = make_async_container(
        DatabaseProvider(),
        RequestProvider(),
        ApplicationProvider(),
        LitestarProvider(),
        context={Settings: settings},
    )

    async def check_role() -> None:
        await ensure_safe_runtime_role(await container.get(AsyncEngine))

    def freeze_startup_objects() -> None:
        # Long-lived startup objects leave the GC's generations: shorter collection pauses.
        gc.collect()
        gc.freeze()

    app = create_http_app(
        on_startup=[check_role, freeze_startup_objects], on_shutdown=[container.close]
    )
    setup_dishka(container, app)
    return app
