"""The unit-test fakes fail where the real adapters fail: an uncommitted transaction is
rolled back, repositories need an open transaction and see only its tenant, an order for
an unknown customer is refused as the table's key refuses it, and a stale compare-and-set
loses."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from domain.ordering.order import Order, OrderLine
from domain.ordering.ports import Buyer
from domain.ordering.status import OrderStatus
from domain.shared.errors import Unprocessable
from tests.unit.fake_db import FakeDatabase, FakeSession, FakeUnitOfWork, RecordingOutbox
from tests.unit.fakes_ordering import BuyerRow, FakeOrders


def _scope(database: FakeDatabase, tenant: object) -> tuple[FakeUnitOfWork, FakeOrders]:
    session = FakeSession(database, tenant)  # type: ignore[arg-type]
    return FakeUnitOfWork(session, RecordingOutbox()), FakeOrders(session)


def _placed(database: FakeDatabase, tenant: UUID) -> Order:
    """A new order of ``tenant`` for a customer it has."""
    buyer = Buyer(uuid4(), "c@x.test", "Carla")
    database.rows("buyers")[buyer.id] = BuyerRow(tenant, buyer)
    return Order.place(tenant, buyer.id, "EUR", [OrderLine(uuid4(), 1, 100)])


async def test_an_order_for_a_customer_the_tenant_lacks_is_refused_naming_it() -> None:
    database, tenant, other = FakeDatabase(), uuid4(), uuid4()
    uow, orders = _scope(database, tenant)
    for order in (_placed(database, other), Order.place(tenant, uuid4(), "EUR", [])):
        with pytest.raises(Unprocessable) as refused:
            async with uow:
                await orders.add(order)
        assert refused.value.errors[0].field == "customer_id"
    assert database.rows("orders") == {}


async def test_writes_without_commit_are_rolled_back_and_deliver_nothing() -> None:
    database, tenant = FakeDatabase(), uuid4()
    uow, orders = _scope(database, tenant)
    order = _placed(database, tenant)
    async with uow:
        await orders.add(order)
    assert database.rows("orders") == {} and database.rollbacks == 1
    assert uow.events.events == []
    async with uow:
        await orders.add(order)
        await uow.commit()
    assert list(database.rows("orders")) == [order.id] and len(uow.events.events) == 1


async def test_repositories_need_a_transaction_and_see_only_its_tenant() -> None:
    database, tenant = FakeDatabase(), uuid4()
    uow, orders = _scope(database, tenant)
    order = _placed(database, tenant)
    with pytest.raises(RuntimeError):
        await orders.get(order.id)
    async with uow:
        await orders.add(order)
        await uow.commit()
    other_uow, other_orders = _scope(database, uuid4())
    async with other_uow:
        assert await other_orders.get(order.id) is None
    async with uow.for_tenant(None):
        assert await orders.get(order.id) is None


async def test_a_compare_and_set_loses_to_a_transaction_that_committed_in_between() -> None:
    database, tenant = FakeDatabase(), uuid4()
    first, first_orders = _scope(database, tenant)
    second, second_orders = _scope(database, tenant)
    order = _placed(database, tenant)
    async with first:
        await first_orders.add(order)
        await first.commit()
    async with first:
        mine = await first_orders.get(order.id)
        async with second:
            theirs = await second_orders.get(order.id)
            assert theirs is not None
            theirs.cancel()
            assert await second_orders.save(theirs, OrderStatus.PENDING_PAYMENT, 1)
            await second.commit()
        assert mine is not None
        mine.mark_paid("ch_1")
        assert not await first_orders.save(mine, OrderStatus.PENDING_PAYMENT, 1)
        await first.commit()
    assert database.rows("orders")[order.id].status is OrderStatus.CANCELLED


async def test_a_stale_compare_and_set_loses() -> None:
    database, tenant = FakeDatabase(), uuid4()
    uow, orders = _scope(database, tenant)
    order = _placed(database, tenant)
    async with uow:
        await orders.add(order)
        await uow.commit()
    order.cancel()
    async with uow:
        assert not await orders.save(order, OrderStatus.PAID, 1)
        assert not await orders.save(order, OrderStatus.PENDING_PAYMENT, 2)
        assert await orders.save(order, OrderStatus.PENDING_PAYMENT, 1)
        await uow.commit()
    assert database.rows("orders")[order.id].status is OrderStatus.CANCELLED
