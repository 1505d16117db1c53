"""Builds the fully wired application: container, HTTP app, startup checks."""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable, Sequence

from dishka import AsyncContainer, make_async_container
from dishka.integrations.litestar import LitestarProvider
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine

from application.identity.access_revocations import AccessRevocations
from infrastructure.database.role_guard import ensure_safe_runtime_role
from infrastructure.database.urls import to_driver_dsn
from infrastructure.identity.revocation_watcher import RevocationWatcher, SqlaRevocationSource
from infrastructure.observability.tracing import Tracing
from infrastructure.process_memory import fix_mmap_threshold
from infrastructure.settings import Settings
from interface.composition.assembly import assemble
from interface.composition.contexts import CONTEXTS
from interface.composition.providers import RequestProvider
from interface.composition.wiring import verify_wiring
from interface.http.app import create_http_app
from interface.http.client_origin import ClientOrigins
from interface.http.registration import ContextRegistration


def create_app(
    settings: Settings | None = None,
    contexts: Sequence[ContextRegistration] = CONTEXTS,
    tracing: Tracing | None = None,
) -> Litestar:
    """The app for ``settings`` (read from the environment when omitted). Raises
    ``MissingProvider`` when a route takes a dependency that no provider gives."""
    settings = settings or Settings.from_env()
    fix_mmap_threshold()
    assembly = assemble(settings, contexts, tracing)
    container = make_async_container(
        *assembly.providers, RequestProvider(), LitestarProvider(), context=assembly.context
    )
    revocations = AccessRevocations(settings.access_token_ttl_seconds)
    watcher = _Watcher(container, revocations, settings)
    app = create_http_app(
        assembly.tokens,
        revocations,
        api_handlers=[handler for context in contexts for handler in context.api_handlers],
        root_handlers=[handler for context in contexts for handler in context.root_handlers],
        on_startup=[_role_check(container), watcher.start, _freeze_startup_objects],
        on_shutdown=[watcher.stop, container.close],
        origins=ClientOrigins(settings.limits.trusted_proxies),
        tracer_provider=assembly.context[Tracing].provider,
        max_body_bytes=settings.server.max_body_bytes,
        container=container,
    )
    verify_wiring(container, assembly.subscriptions, app)
    return app


def _role_check(container: AsyncContainer) -> Callable[[], Awaitable[None]]:
    async def check_role() -> None:
        await ensure_safe_runtime_role(await container.get(AsyncEngine))

    return check_role


class _Watcher:
    """Starts the process's ``RevocationWatcher`` once the engine exists; stops it first."""

    def __init__(
        self, container: AsyncContainer, revocations: AccessRevocations, settings: Settings
    ) -> None:
        self._container = container
        self._revocations = revocations
        self._settings = settings
        self._watcher: RevocationWatcher | None = None

    async def start(self) -> None:
        engine = await self._container.get(AsyncEngine)
        self._watcher = RevocationWatcher(
            self._revocations,
            SqlaRevocationSource(engine),
            to_driver_dsn(str(self._settings.database_url)),
            self._settings.revocation_refresh_seconds,
        )
        await self._watcher.start()

    async def stop(self) -> None:
        if self._watcher is not None:
            await self._watcher.stop()


def _freeze_startup_objects() -> None:
    # Long-lived startup objects leave the GC's generations: shorter collection pauses.
    gc.collect()
    gc.freeze()
