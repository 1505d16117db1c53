"""In-memory fakes of the commerce ports, for orchestrator unit tests (no database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from uuid import UUID

from domain.catalog.ports import ProductFilter
from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.ordering.events import DomainEvent
from domain.ordering.order import Order, OrderStatus
from domain.ordering.ports import OrderFilter
from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.payments.ports import ChargeRequest, ChargeResult, GatewayUnavailable
from domain.shared.idempotency import IdempotencyClaim, StoredResponse
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


@dataclass
class CommerceStore:
    products: dict[UUID, Product] = field(default_factory=dict)
    customers: dict[UUID, Customer] = field(default_factory=dict)
    orders: dict[UUID, Order] = field(default_factory=dict)


class FakeProducts:
    def __init__(self, store: CommerceStore) -> None:
        self._store = store

    async def add(self, product: Product) -> None:
        self._store.products[product.id] = replace(product)

    async def get(self, product_id: UUID) -> Product | None:
        found = self._store.products.get(product_id)
        return None if found is None else replace(found)

    async def get_many(self, product_ids: Sequence[UUID]) -> dict[UUID, Product]:
        return {
            i: replace(self._store.products[i]) for i in product_ids if i in self._store.products
        }

    async def list(self, where: ProductFilter, query: ListQuery) -> Page[Product]:
        items = list(self._store.products.values())
        return Page(items, len(items), query.page.limit, query.page.offset)

    async def save(self, product: Product, expected_version: int) -> bool:
        self._store.products[product.id] = replace(product)
        return True

    async def delete(self, product_id: UUID, expected_version: int) -> bool:
        return self._store.products.pop(product_id, None) is not None

    async def reserve(self, product_id: UUID, quantity: int) -> bool:
        product = self._store.products[product_id]
        if product.stock_quantity < quantity:
            return False
        product.stock_quantity -= quantity
        return True

    async def release(self, product_id: UUID, quantity: int) -> None:
        self._store.products[product_id].stock_quantity += quantity


class FakeCustomers:
    def __init__(self, store: CommerceStore) -> None:
        self._store = store

    async def add(self, customer: Customer) -> None:
        self._store.customers[customer.id] = customer

    async def get(self, customer_id: UUID) -> Customer | None:
        return self._store.customers.get(customer_id)

    async def list(self, query: ListQuery) -> Page[Customer]:
        items = list(self._store.customers.values())
        return Page(items, len(items), query.page.limit, query.page.offset)

    async def save(self, customer: Customer, expected_version: int) -> bool:
        return True

    async def delete(self, customer_id: UUID, expected_version: int) -> bool:
        return True


class FakeOrders:
    """Compare-and-set like the real repository: status and version must match."""

    def __init__(self, store: CommerceStore) -> None:
        self._store = store

    async def add(self, order: Order) -> None:
        self._store.orders[order.id] = replace(order, events=[])

    async def get(self, order_id: UUID) -> Order | None:
        found = self._store.orders.get(order_id)
        return None if found is None else replace(found, events=[])

    async def save(self, order: Order, expected_status: OrderStatus, expected_version: int) -> bool:
        stored = self._store.orders.get(order.id)
        if stored is None or (stored.status, stored.version) != (expected_status, expected_version):
            return False
        self._store.orders[order.id] = replace(order, events=[])
        return True

    async def stale_pending(self, older_than: datetime, limit: int) -> Sequence[Order]:
        return [o for o in self._store.orders.values() if o.status is OrderStatus.PENDING_PAYMENT]


class FakeOrderViews:
    def __init__(self, store: CommerceStore) -> None:
        self._store = store

    async def get(self, order_id: UUID) -> OrderView | None:
        o = self._store.orders.get(order_id)
        if o is None:
            return None
        lines = [
            OrderLineView(x.product_id, x.quantity, x.unit_price_minor, x.line_total_minor)
            for x in o.lines
        ]
        payment = PaymentView(o.payment.status, o.payment.reference, o.payment.failure_code)
        return OrderView(
            o.id,
            o.status.value,
            o.customer_id,
            o.currency,
            o.total_minor,
            lines,
            payment,
            o.version,
            o.created_at,
            o.updated_at,
        )

    async def list(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]:
        views = [v for i in self._store.orders if (v := await self.get(i)) is not None]
        return Page(views, len(views), query.page.limit, query.page.offset)


class FakeIdempotencyKeys:
    async def claim(self, claim: IdempotencyClaim) -> StoredResponse | None:
        return None

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None:
        return None

    async def release(self, user_id: UUID, key: str) -> None:
        return None

    async def purge_expired(self, now: datetime) -> int:
        return 0


class FakeGateway:
    """Scripted like the sandbox: tok_visa pays, tok_down is a network fault."""

    def __init__(self) -> None:
        self.charges: list[ChargeRequest] = []
        self.refunds: list[str] = []

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        self.charges.append(request)
        if request.token == "tok_down":
            raise GatewayUnavailable()
        if request.token == "tok_visa":
            return ChargeResult(True, f"ch_{len(self.charges)}")
        return ChargeResult(False, f"ch_{len(self.charges)}", "card_declined")

    async def refund(self, tenant_id: UUID, reference: str, idempotency_key: str) -> None:
        self.refunds.append(reference)


class RecordingDispatcher:
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    async def dispatch(self, events: list[DomainEvent]) -> None:
        self.events.extend(events)
