"""The operator CLI as tests run it: its environment, a command in a thread, and an outbox
event no handler knows (it is dead-lettered at once, as operators find them)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from interface.cli.main import main
from tests.database import DatabaseUnderTest

UNKNOWN_EVENT = text("""
WITH e AS (
  INSERT INTO outbox (tenant_id, id, event_type, event_version, payload, occurred_at, status,
                      attempts, available_at)
  VALUES (:t, :id, 'legacy.thing', 1, '{}', now(), 'pending', 0, now())
)
INSERT INTO outbox_wakeups (tenant_id, id, due_at) VALUES (:t, :w, now())
""")
"""Parameters: ``t`` the tenant id, ``id`` the event's, ``w`` its wake-up's."""


def cli_env(monkeypatch: pytest.MonkeyPatch, database: DatabaseUnderTest) -> None:
    monkeypatch.setenv("DATABASE_URL", database.urls.runtime)
    monkeypatch.setenv("DATABASE_OWNER_URL", database.urls.owner)
    monkeypatch.setenv("JWT_SECRET", "cli-test-secret-" + "x" * 40)
    monkeypatch.setenv("ARGON2_TIME_COST", "1")
    monkeypatch.setenv("ARGON2_MEMORY_KIB", "1024")


async def run_cli(*argv: str) -> int:
    """``tenantry <argv>`` in a thread (it runs its own event loop); its exit status."""
    return await asyncio.to_thread(main, list(argv))
