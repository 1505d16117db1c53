"""Dishka providers of the commerce contexts: catalog, customers, ordering, payments."""

from __future__ import annotations

from datetime import timedelta

from dishka import Provider, Scope, provide, provide_all
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from application.catalog.products import (
    CreateProduct,
    DeleteProduct,
    GetProduct,
    ListProducts,
    UpdateProduct,
)
from application.customers.customers import (
    CreateCustomer,
    DeleteCustomer,
    GetCustomer,
    ListCustomers,
    UpdateCustomer,
)
from application.ordering.confirmation import SendOrderConfirmation
from application.ordering.drafting import OrderDrafting
from application.ordering.lifecycle import CancelOrder, FulfilOrder, RetryPayment
from application.ordering.payments import PaymentSettlement
from application.ordering.place_order import PlaceOrder
from application.ordering.queries import GetOrder, ListOrders
from application.ordering.stock import StockReservations
from application.shared.idempotency import IdempotentRequests
from application.shared.tenant_context import TenantContext
from domain.ordering.events import OrderPaid
from domain.ordering.ports import EventDispatcher, NotificationSender, OrderReader
from domain.payments.ports import PaymentGateway
from domain.shared.unit_of_work import UnitOfWork, UnitOfWorkFactory
from infrastructure.events.dispatcher import InProcessEventDispatcher
from infrastructure.notifications.logging_sender import LoggingNotificationSender
from infrastructure.ordering.order_reader import AsyncpgOrderReader
from infrastructure.payments.sandbox import SandboxPaymentGateway
from infrastructure.settings import Settings


class CommerceServices(Provider):
    """Adapters and stateless services, one per process."""

    @provide(scope=Scope.APP)
    def gateway(
        self, sessions: async_sessionmaker[AsyncSession], settings: Settings
    ) -> PaymentGateway:
        return SandboxPaymentGateway(sessions, settings.sandbox_latency_ms / 1000)

    @provide(scope=Scope.APP)
    def sender(self) -> NotificationSender:
        return LoggingNotificationSender()

    @provide(scope=Scope.APP)
    def dispatcher(self, uows: UnitOfWorkFactory, sender: NotificationSender) -> EventDispatcher:
        return InProcessEventDispatcher({OrderPaid: [SendOrderConfirmation(uows, sender)]})

    services = provide_all(OrderDrafting, StockReservations, PaymentSettlement, scope=Scope.APP)


class CommerceRequests(Provider):
    """Use cases acting in the request's unit of work (the principal's tenant)."""

    @provide(scope=Scope.REQUEST)
    def order_reader(self, engine: AsyncEngine, tenant: TenantContext) -> OrderReader:
        return AsyncpgOrderReader(engine, tenant.tenant_id)

    @provide(scope=Scope.REQUEST)
    def idempotent_requests(self, uow: UnitOfWork, settings: Settings) -> IdempotentRequests:
        return IdempotentRequests(uow, timedelta(hours=settings.idempotency_ttl_hours))

    use_cases = provide_all(
        CreateProduct,
        ListProducts,
        GetProduct,
        UpdateProduct,
        DeleteProduct,
        CreateCustomer,
        ListCustomers,
        GetCustomer,
        UpdateCustomer,
        DeleteCustomer,
        PlaceOrder,
        GetOrder,
        ListOrders,
        CancelOrder,
        FulfilOrder,
        RetryPayment,
        scope=Scope.REQUEST,
    )
