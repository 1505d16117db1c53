"""The real app, wired by the composition root, over the test database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from infrastructure.settings import Settings
from interface.composition.app import create_app
from tests.database import DatabaseUnderTest

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def client(database: DatabaseUnderTest) -> AsyncIterator[Client]:
    app = create_app(Settings(database_url=database.urls.runtime, db_pool_size=2))
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
