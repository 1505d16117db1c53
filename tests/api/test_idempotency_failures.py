"""An ``Idempotency-Key`` through unexpected failures, with two tenants: once the order is
committed the key stays bound to it, so a retry answers that order instead of placing a
second one; a failure before anything was committed frees the key for a fresh run."""

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
from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import sign_up
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


async def test_a_failure_after_the_order_commits_keeps_the_key_bound_to_that_order(
    database: DatabaseUnderTest,
) -> None:
    async with app_with(database, OrderingWithAnswerLost) as client:
        acme = await sign_up(client, "acme")
        globex = await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        body = order_body(await make_customer(client, acme), (pen, 2))
        failed = await place(client, acme, body, key="order-1")
        retry = await place(client, acme, body, key="order-1")
        again = await place(client, acme, body, key="order-1")
        order = retry.json()
        stock = await stock_of(client, acme, pen)
        listed = (await client.get("/api/v1/orders", headers=acme.headers)).json()
        orders = await rows(database, acme.tenant_id, "orders")
        charges = await rows(database, acme.tenant_id, "sandbox_charges")
        their_pen = await make_product(client, globex, "PEN", stock=5)
        their_body = order_body(await make_customer(client, globex), (their_pen, 1))
        theirs = await place(client, globex, their_body, "order-1")
        paid = await client.post(
            f"/api/v1/orders/{order['id']}/payments",
            json={"payment_token": "tok_visa"},
            headers=acme.headers,
        )
        charges_after = await rows(database, acme.tenant_id, "sandbox_charges")

    assert is_problem(failed, 500), failed.text
    assert retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["location"].endswith(f"/orders/{order['id']}")
    assert retry.headers["etag"] == f'"{order["version"]}"'
    assert order["status"] == "pending_payment" and order["lines"][0]["quantity"] == 2
    assert again.status_code == 201 and again.json()["id"] == order["id"]
    assert listed["total"] == 1 and listed["items"][0]["id"] == order["id"]
    assert (orders, charges) == (1, 1)
    assert stock == 3, "the stock was reserved once"
    assert theirs.status_code == 201 and "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != order["id"], "globex's key of the same name is its own"
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert charges_after == 1, "the lost charge is found again under its attempt key"


async def test_a_failure_before_any_commit_frees_the_key_for_one_fresh_run(
    database: DatabaseUnderTest,
) -> None:
    FirstTakeFails.failures_left = 1
    async with app_with(database, OrderingWithFailingTake) as client:
        acme = await sign_up(client, "acme")
        globex = await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        body = order_body(await make_customer(client, acme), (pen, 2))
        failed = await place(client, acme, body, key="order-1")
        after_failure = (await client.get("/api/v1/orders", headers=acme.headers)).json()
        retry = await place(client, acme, body, key="order-1")
        replay = await place(client, acme, body, key="order-1")
        stock = await stock_of(client, acme, pen)
        orders = await rows(database, acme.tenant_id, "orders")
        theirs = (await client.get("/api/v1/orders", headers=globex.headers)).json()

    assert is_problem(failed, 500), failed.text
    assert after_failure["total"] == 0, "nothing was committed"
    assert retry.status_code == 201 and "idempotent-replayed" not in retry.headers, retry.text
    assert retry.json()["status"] == "paid"
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == retry.json()
    assert (orders, stock) == (1, 3)
    assert theirs["total"] == 0


async def test_a_process_that_died_after_the_commit_leaves_the_key_bound_to_its_order(
    database: DatabaseUnderTest,
) -> None:
    """As if the process died between the order's commit and its answer: the row is bound
    and has neither answer nor interruption. In progress at first (409), then, once nothing
    has touched it for longer than a request can take, the retry answers the order."""
    async with app_with(database, OrderingWithAnswerLost) as client:
        acme = await sign_up(client, "acme")
        globex = await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        body = order_body(await make_customer(client, acme), (pen, 2))
        await place(client, acme, body, key="order-1")
        await crash_after_commit(database, acme.tenant_id, "now()")
        running = await place(client, acme, body, key="order-1")
        await crash_after_commit(database, acme.tenant_id, "now() - interval '3 minutes'")
        recovered = await place(client, acme, body, key="order-1")
        orders = await rows(database, acme.tenant_id, "orders")
        theirs = await rows(database, globex.tenant_id, "orders")

    assert running.status_code == 409, running.text
    assert recovered.status_code == 201, recovered.text
    assert recovered.headers["idempotent-replayed"] == "true"
    assert recovered.json()["status"] == "pending_payment"
    assert (orders, theirs) == (1, 0)


async def crash_after_commit(database: DatabaseUnderTest, tenant_id: str, touched: str) -> None:
    """Leave the tenant's keys as a dead process would: bound, unanswered, not interrupted."""
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))
        await connection.execute(
            text(f"UPDATE idempotency_keys SET interrupted_at = NULL, updated_at = {touched}")
        )
