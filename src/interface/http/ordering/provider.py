"""Dishka providers of the ordering context (part of the composition root).

``OrderingProvider`` serves the API and the CLI; ``OrderingOperations`` holds what only
operator commands get (the sweep needs the roster of every tenant).
"""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from application.ordering.cancel_order import CancelOrder
from application.ordering.drafting import OrderDrafting
from application.ordering.fulfil_order import FulfilOrder
from application.ordering.get_order import GetOrder
from application.ordering.list_customer_orders import ListCustomerOrders
from application.ordering.list_orders import ListOrders
from application.ordering.notify_customer import NotifyCustomer
from application.ordering.payments import PaymentSettlement
from application.ordering.place_order import PlaceOrder
from application.ordering.refunds import RefundSettlement
from application.ordering.retry_payment import RetryPayment
from application.ordering.stock import StockReservations
from application.ordering.sweep_stale_orders import SweepStaleOrders
from domain.ordering.ports import (
    Buyers,
    OrderRepository,
    OrderViews,
    PaymentGateway,
    ProductPrices,
    StockLedger,
)
from infrastructure.ordering.buyers import SqlaBuyers
from infrastructure.ordering.catalog_adapters import SqlaProductPrices, SqlaStockLedger
from infrastructure.ordering.order_views import SqlaOrderViews
from infrastructure.ordering.repository import SqlaOrderRepository
from infrastructure.payments.sandbox import SandboxPaymentGateway
from infrastructure.settings import Settings


class OrderingProvider(Provider):
    """The gateway per process (APP); everything on the tenant-bound session per
    request (REQUEST)."""

    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def gateway(
        self, sessions: async_sessionmaker[AsyncSession], settings: Settings
    ) -> PaymentGateway:
        return SandboxPaymentGateway(sessions, settings.sandbox_latency_ms / 1000)

    orders = provide(SqlaOrderRepository, provides=OrderRepository)
    views = provide(SqlaOrderViews, provides=OrderViews)
    prices = provide(SqlaProductPrices, provides=ProductPrices)
    stock_ledger = provide(SqlaStockLedger, provides=StockLedger)
    buyers = provide(SqlaBuyers, provides=Buyers)
    services = provide_all(OrderDrafting, StockReservations, PaymentSettlement, RefundSettlement)
    handlers = provide_all(NotifyCustomer)
    use_cases = provide_all(
        PlaceOrder,
        GetOrder,
        ListOrders,
        ListCustomerOrders,
        CancelOrder,
        FulfilOrder,
        RetryPayment,
    )


class OrderingOperations(Provider):
    scope = Scope.REQUEST

    sweep = provide(SweepStaleOrders)
