"""Fixtures of the integration tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.serve_process import scratch_data_dir


@pytest.fixture
async def data_dir() -> AsyncIterator[Path]:
    """A data directory for a ``tenantry serve`` of the test's own."""
    async with scratch_data_dir() as scratch:
        yield scratch
