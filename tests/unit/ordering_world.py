"""A tenant's ordering world on the fake database, wired the way the provider wires it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from application.ordering.cancel_order import CancelOrder
from application.ordering.drafting import LineRequest, OrderDrafting
from application.ordering.fulfil_order import FulfilOrder
from application.ordering.payments import PaymentSettlement
from application.ordering.place_order import OrderRequest, PlaceOrder
from application.ordering.refunds import RefundSettlement
from application.ordering.retry_payment import RetryPayment
from application.ordering.stock import StockReservations
from application.ordering.sweep_stale_orders import SweepStaleOrders
from domain.ordering.order import Order
from domain.ordering.ports import Buyer, PricedProduct
from domain.shared.actor import Actor, Role
from domain.shared.events import DomainEvent
from tests.unit.fake_db import FakeDatabase, FakeSession, FakeUnitOfWork, RecordingOutbox
from tests.unit.fakes_ordering import (
    BuyerRow,
    FakeGateway,
    FakeOrders,
    FakeProductPrices,
    FakeStockLedger,
    PriceRow,
    StockRow,
)


@dataclass(frozen=True, slots=True)
class RecoveryRow:
    tenant_id: UUID | None
    resource_id: UUID
    answer: str | None = None
    """What the request answered: the outcome's type (an order, or the error raised)."""


class FakeRequestKey:
    """The request's ``RequestKey``: a row in the open transaction, so the claim commits or
    rolls back with the effect, and the answer with the last state, as in
    ``idempotency_keys``."""

    def __init__(self, session: FakeSession) -> None:
        self._session = session
        self._claimed: UUID | None = None

    async def claim(self, resource_id: UUID) -> None:
        self._claimed = resource_id
        row = RecoveryRow(self._session.tenant_id, resource_id)
        self._session.table("recovery_points")[resource_id] = row

    async def answer(self, outcome: object) -> None:
        if self._claimed is not None:
            row = RecoveryRow(self._session.tenant_id, self._claimed, type(outcome).__name__)
            self._session.table("recovery_points")[self._claimed] = row


class FixedRoster:
    def __init__(self, *tenant_ids: UUID) -> None:
        self._ids = list(tenant_ids)

    async def tenant_ids(self) -> list[UUID]:
        return self._ids


class OrderingWorld:
    """One request scope of a tenant's admin (``caller``), or of an operator (None)."""

    def __init__(
        self,
        database: FakeDatabase,
        caller: UUID | None,
        gateway: FakeGateway,
        orders: type[FakeOrders] = FakeOrders,
    ) -> None:
        self.database, self.gateway = database, gateway
        self.session = FakeSession(database, caller)
        self.published = RecordingOutbox()
        self.uow = FakeUnitOfWork(self.session, self.published)
        self.orders = orders(self.session)
        ledger = FakeStockLedger(self.session)
        self.stock = StockReservations(ledger)
        drafting = OrderDrafting(ledger, FakeProductPrices(self.session))
        self.key = FakeRequestKey(self.session)
        payments = PaymentSettlement(self.uow, self.orders, gateway, self.stock, self.key)
        self.refunds = RefundSettlement(self.uow, self.orders, gateway, self.stock)
        self.place = PlaceOrder(self.uow, self.orders, drafting, payments, self.key)
        self.retry = RetryPayment(self.uow, self.orders, self.stock, payments)
        self.cancel = CancelOrder(self.uow, self.orders, self.stock, self.refunds)
        self.fulfil = FulfilOrder(self.uow, self.orders)

    def sweep(self, *tenant_ids: UUID) -> SweepStaleOrders:
        roster = FixedRoster(*tenant_ids)
        return SweepStaleOrders(roster, self.uow, self.orders, self.stock, self.refunds)

    @property
    def events(self) -> list[type[DomainEvent]]:
        return [type(event) for event in self.published.events]


class Shop:
    """Two tenants' catalogs and customers, committed; each tenant has one pen in stock 5."""

    def __init__(self) -> None:
        self.database = FakeDatabase()
        self.gateway = FakeGateway()
        self.tenant, self.other_tenant = uuid4(), uuid4()
        self.pen, self.buyer = self._seed(self.tenant)
        self.other_pen, self.other_buyer = self._seed(self.other_tenant)
        self.admin = Actor(uuid4(), self.tenant, Role.ADMIN)
        self.other_admin = Actor(uuid4(), self.other_tenant, Role.ADMIN)

    def _seed(self, tenant_id: UUID) -> tuple[UUID, UUID]:
        pen, buyer = uuid4(), uuid4()
        self.database.rows("prices")[pen] = PriceRow(
            tenant_id, PricedProduct(pen, "EUR", 250, True)
        )
        self.database.rows("stock")[pen] = StockRow(tenant_id, 5)
        self.database.rows("buyers")[buyer] = BuyerRow(tenant_id, Buyer(buyer, "c@x.test", "Carla"))
        return pen, buyer

    def world(self, orders: type[FakeOrders] = FakeOrders) -> OrderingWorld:
        """A fresh request scope of the tenant's admin."""
        return OrderingWorld(self.database, self.tenant, self.gateway, orders)

    def other_world(self) -> OrderingWorld:
        """A fresh request scope of the other tenant's admin."""
        return OrderingWorld(self.database, self.other_tenant, self.gateway)

    def operator(self) -> OrderingWorld:
        """A fresh scope of an operator command: no caller tenant."""
        return OrderingWorld(self.database, None, self.gateway)

    def request(self, quantity: int, token: str = "tok_visa") -> OrderRequest:
        return OrderRequest(self.buyer, (LineRequest(self.pen, quantity),), token)

    def other_request(self, quantity: int, token: str = "tok_visa") -> OrderRequest:
        return OrderRequest(self.other_buyer, (LineRequest(self.other_pen, quantity),), token)

    def stock(self, product_id: UUID | None = None) -> int:
        row: StockRow = self.database.rows("stock")[product_id or self.pen]
        return row.quantity

    def order(self, order_id: UUID) -> Order:
        stored: Order = self.database.rows("orders")[order_id]
        return stored

    def age(self, order_id: UUID, when: datetime) -> None:
        order = self.order(order_id)
        order.created_at = order.updated_at = when.astimezone(UTC)
