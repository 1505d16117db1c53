"""Keeps an API process's ``AccessRevocations`` current.

It listens on ``tenantry_access`` (sent in the same transaction as each session
revocation, tenant status change and tenant deletion, so only committed changes are
heard) and re-reads everything every ``refresh_seconds`` and after each (re)connect, since
a notification sent while nobody listened is lost. A suspension or deletion therefore reaches every
process at once, and within ``refresh_seconds`` even if the notification was missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from uuid import UUID

from sqlalchemy import TextClause, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from application.identity.access_revocations import AccessRevocations, RevocationSource
from infrastructure.database.listener import PgListener

ACCESS_CHANNEL = "tenantry_access"
logger = logging.getLogger("tenantry.identity")


class SqlaRevocationSource:
    """The periodic re-read, through the narrow functions of migrations 0011 and 0018."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def suspended_tenants(self) -> set[UUID]:
        async with self._engine.connect() as connection:
            return set((await connection.scalars(text("SELECT suspended_tenant_ids()"))).all())

    async def revoked_sessions(self, within_seconds: int) -> set[UUID]:
        return await self._ids(text("SELECT revoked_session_ids(:seconds)"), within_seconds)

    async def deleted_tenants(self, within_seconds: int) -> set[UUID]:
        """Through ``deleted_tenant_ids`` of migration 0018."""
        return await self._ids(text("SELECT deleted_tenant_ids(:seconds)"), within_seconds)

    async def _ids(self, query: TextClause, within_seconds: int) -> set[UUID]:
        async with self._engine.connect() as connection:
            rows = await connection.scalars(query, {"seconds": within_seconds})
            return set(rows.all())


def apply_notification(revocations: AccessRevocations, payload: str) -> None:
    """``session:<id>``, ``tenant:<id>:suspended``, ``tenant:<id>:active`` or
    ``tenant:<id>:deleted``."""
    kind, _, rest = payload.partition(":")
    try:
        if kind == "session":
            revocations.session_ended(UUID(rest))
        elif kind == "tenant":
            tenant, _, status = rest.partition(":")
            if status == "suspended":
                revocations.tenant_suspended(UUID(tenant))
            elif status == "deleted":
                revocations.tenant_deleted(UUID(tenant))
            else:
                revocations.tenant_resumed(UUID(tenant))
    except ValueError:
        logger.warning("ignored a malformed %s notification", ACCESS_CHANNEL)


class RevocationWatcher:
    def __init__(
        self,
        revocations: AccessRevocations,
        source: RevocationSource,
        dsn: str,
        refresh_seconds: int,
    ) -> None:
        self._revocations = revocations
        self._source = source
        self._listener = PgListener(dsn, ACCESS_CHANNEL, self._notified)
        self._refresh = refresh_seconds
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._heard_meanwhile: list[str] | None = None

    async def start(self) -> None:
        """Listen and read once before the first request; then keep watching."""
        await self._listener.connect()
        await self._reload()
        self._task = asyncio.create_task(self._watch(), name="revocation-watcher")

    async def stop(self) -> None:
        self._stop.set()
        try:
            if self._task is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
        finally:
            await self._listener.close()

    async def _watch(self) -> None:
        last = time.monotonic()
        while not self._stop.is_set():
            await self._listener.wait(max(self._refresh - (time.monotonic() - last), 0), self._stop)
            if self._stop.is_set():
                return
            try:
                was_listening = self._listener.listening
                await self._listener.connect()
                if time.monotonic() - last >= self._refresh or not was_listening:
                    await self._reload()
                    last = time.monotonic()
            except Exception:  # the watcher must outlive any one failure; it retries
                logger.exception("the revocation watcher failed; retrying")
                last = time.monotonic()

    async def _reload(self) -> None:
        """Re-read, then replay what was notified meanwhile: the read may predate it."""
        self._heard_meanwhile = []
        try:
            suspended = await self._source.suspended_tenants()
            ended = await self._source.revoked_sessions(self._revocations.remember_seconds)
            deleted = await self._source.deleted_tenants(self._revocations.remember_seconds)
        except (OSError, SQLAlchemyError) as error:
            logger.warning("cannot re-read revocations (%s); retrying", type(error).__name__)
            return
        finally:
            heard, self._heard_meanwhile = self._heard_meanwhile, None
        self._revocations.reload(suspended, ended, deleted)
        for payload in heard:
            apply_notification(self._revocations, payload)

    def _notified(self, payload: str) -> None:
        apply_notification(self._revocations, payload)
        if self._heard_meanwhile is not None:
            self._heard_meanwhile.append(payload)
