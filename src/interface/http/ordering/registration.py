"""The ordering context's registration: orders, their providers, events and handlers."""

from __future__ import annotations

from application.ordering.subscriptions import subscribe
from domain.ordering.events import ORDER_EVENTS
from interface.http.ordering.customer_orders_controller import CustomerOrdersController
from interface.http.ordering.orders_controller import OrdersController
from interface.http.ordering.provider import OrderingOperations, OrderingProvider
from interface.http.registration import ContextRegistration

ORDERING = ContextRegistration(
    name="ordering",
    api_handlers=(OrdersController, CustomerOrdersController),
    providers=(OrderingProvider,),
    operator_providers=(OrderingOperations,),
    events=ORDER_EVENTS,
    subscribe=subscribe,
)
