"""The fakes, providers and helpers of the ``Idempotency-Key`` failure tests: a payment
gateway whose first answer is lost, a stock ledger whose first take fails, the app wired
with either, and the database as a dead process would leave it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any
from uuid import UUID

from dishka import Scope, provide
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ordering.ports import (
    ChargeRequest,
    ChargeResult,
    PaymentGateway,
    PricedProduct,
    StockLedger,
)
from infrastructure.database.tenant_session import TenantSession
from infrastructure.ordering.catalog_adapters import SqlaStockLedger
from infrastructure.payments.sandbox import SandboxPaymentGateway
from infrastructure.settings import Settings
from interface.composition.app import create_app
from interface.composition.contexts import CONTEXTS
from interface.http.ordering.provider import OrderingProvider
from interface.http.ordering.registration import ORDERING
from tests.api.conftest import Client, app_settings
from tests.database import DatabaseUnderTest, truncate_all


class Boom(RuntimeError):
    """The unexpected failure: no ``AppError``, so the edge answers a 500."""


class AnswerLostGateway:
    """The sandbox, whose first charge goes through and then fails on the way back (as a
    crash of the charge's own transaction would): the order was committed before it."""

    def __init__(self, sandbox: SandboxPaymentGateway) -> None:
        self._sandbox = sandbox
        self.failures_left = 1

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        result = await self._sandbox.charge(request)
        if self.failures_left:
            self.failures_left -= 1
            raise Boom("the charge's answer was lost")
        return result

    async def refund(self, tenant_id: UUID, reference: str, idempotency_key: str) -> None:
        await self._sandbox.refund(tenant_id, reference, idempotency_key)


class OrderingWithAnswerLost(OrderingProvider):
    @provide(scope=Scope.APP)
    def gateway(
        self, sessions: async_sessionmaker[AsyncSession], settings: Settings
    ) -> PaymentGateway:
        return AnswerLostGateway(SandboxPaymentGateway(sessions))


class FirstTakeFails:
    """Ordering's stock ledger, whose first take of stock in the process fails: inside the
    order's first transaction, after the key's claim and before the commit."""

    failures_left = 1

    def __init__(self, ledger: SqlaStockLedger) -> None:
        self._ledger = ledger

    async def take(self, wanted: Mapping[UUID, int]) -> dict[UUID, PricedProduct]:
        if FirstTakeFails.failures_left:
            FirstTakeFails.failures_left -= 1
            raise Boom("the stock ledger broke")
        return await self._ledger.take(wanted)

    async def release(self, given: Mapping[UUID, int]) -> None:
        await self._ledger.release(given)


class OrderingWithFailingTake(OrderingProvider):
    @provide
    def stock_ledger(self, db: TenantSession) -> StockLedger:
        return FirstTakeFails(SqlaStockLedger(db))


@asynccontextmanager
async def app_with(
    database: DatabaseUnderTest, ordering: type[OrderingProvider]
) -> AsyncIterator[Client]:
    contexts = tuple(replace(c, providers=(ordering,)) if c is ORDERING else c for c in CONTEXTS)
    app = create_app(app_settings(database), contexts)
    try:
        async with AsyncTestClient(app=app) as client:
            yield client
    finally:
        await truncate_all(database.owner)


async def rows(database: DatabaseUnderTest, tenant_id: str, table: str) -> int:
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


def is_problem(response: Any, status: int) -> bool:
    content_type = response.headers["content-type"]
    return bool(response.status_code == status and content_type == "application/problem+json")


async def crash_after_commit(database: DatabaseUnderTest, tenant_id: str, touched: str) -> None:
    """Leave the tenant's keys as a dead process would: bound, unanswered, not interrupted."""
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))
        await connection.execute(
            text(f"UPDATE idempotency_keys SET interrupted_at = NULL, updated_at = {touched}")
        )
