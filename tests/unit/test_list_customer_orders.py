"""ListCustomerOrders on the fake database: one customer's orders of the caller's tenant;
another tenant's customer looks missing."""

from __future__ import annotations

import json
from uuid import uuid4

import pytest

from application.ordering.list_customer_orders import ListCustomerOrders
from domain.ordering.errors import BuyerNotFound, PaymentDeclined
from domain.ordering.ports import OrderFilter
from domain.ordering.status import OrderStatus
from domain.shared.listing import ListQuery, Ordering
from domain.shared.pagination import PageRequest
from tests.unit.fakes_ordering import FakeBuyers, FakeOrderViews
from tests.unit.ordering_world import Shop

FIRST_PAGE = ListQuery(PageRequest(50, 0), Ordering("created_at", True))


def _use_case(shop: Shop) -> ListCustomerOrders:
    world = shop.world()
    return ListCustomerOrders(world.uow, FakeBuyers(world.session), FakeOrderViews(world.session))


async def test_only_the_customers_orders_filtered_by_status() -> None:
    shop = Shop()
    paid = await shop.world().place(shop.admin, shop.request(1))
    with pytest.raises(PaymentDeclined):
        await shop.world().place(shop.admin, shop.request(1, "tok_declined"))
    page = await _use_case(shop)(shop.buyer, OrderFilter(), FIRST_PAGE)
    customers = {order["customer_id"] for order in json.loads(f"[{page.joined}]")}
    assert page.total == 2 and customers == {str(shop.buyer)}
    only_paid = await _use_case(shop)(shop.buyer, OrderFilter(OrderStatus.PAID), FIRST_PAGE)
    assert [o["id"] for o in json.loads(f"[{only_paid.joined}]")] == [str(paid.id)]


@pytest.mark.parametrize("whose", ["other tenant's", "missing"])
async def test_another_tenants_customer_is_not_found_like_a_missing_one(whose: str) -> None:
    shop = Shop()
    customer = shop.other_buyer if whose == "other tenant's" else uuid4()
    with pytest.raises(BuyerNotFound):
        await _use_case(shop)(customer, OrderFilter(), FIRST_PAGE)
    assert shop.database.commits == 0
