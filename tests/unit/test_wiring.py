"""Registration fails at startup, not at request time: a route that takes a
``FromDishka[T]`` no provider gives stops the app, naming the route and the type."""

from __future__ import annotations

from dataclasses import replace

import pytest

from application.ordering.list_orders import ListOrders
from application.ordering.notify_customer import NotifyCustomer
from infrastructure.settings import Settings
from interface.composition.app import create_app
from interface.composition.contexts import CONTEXTS
from interface.composition.operator import operator_container
from interface.composition.wiring import MissingProvider
from interface.composition.worker import worker_container
from interface.http.ordering.provider import OrderingProvider
from interface.http.ordering.registration import ORDERING

SETTINGS = Settings(
    database_url="postgresql://tenantry_app@/never-connected",
    jwt_secret="unit-test-secret-not-for-production-0123456789",
)


class OrderingWithoutListOrders(OrderingProvider):
    """The ordering provider with its ``ListOrders`` line deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.factories = [f for f in self.factories if f.provides.type_hint is not ListOrders]


async def test_a_deleted_provider_line_refuses_to_start_naming_route_and_type() -> None:
    contexts = tuple(
        replace(c, providers=(OrderingWithoutListOrders,)) if c is ORDERING else c for c in CONTEXTS
    )
    with pytest.raises(MissingProvider) as refused:
        create_app(SETTINGS, contexts)
    message = str(refused.value)
    assert "GET /api/v1/orders (list_orders) takes FromDishka[ListOrders]" in message
    assert message.count("takes FromDishka") == 1, message


class OrderingWithoutNotifyCustomer(OrderingProvider):
    """The ordering provider with its ``NotifyCustomer`` (an event handler) deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.factories = [f for f in self.factories if f.provides.type_hint is not NotifyCustomer]


async def test_an_event_handler_without_a_provider_refuses_to_start() -> None:
    contexts = tuple(
        replace(c, providers=(OrderingWithoutNotifyCustomer,)) if c is ORDERING else c
        for c in CONTEXTS
    )
    with pytest.raises(MissingProvider) as refused:
        create_app(SETTINGS, contexts)
    assert "event handler NotifyCustomer" in str(refused.value)
    for container in (operator_container, worker_container):
        with pytest.raises(MissingProvider):
            async with container(SETTINGS, contexts):
                pass


async def test_the_registered_contexts_wire_every_route() -> None:
    app = create_app(SETTINGS)
    paths = {route.path for route in app.routes}
    assert {"/api/v1/orders", "/api/v1/products", "/api/v1/users", "/health/ready"} <= paths
    assert {"/api/v1/notifications", "/api/v1/events/dead-letters"} <= paths
