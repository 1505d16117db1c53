"""In-memory fakes of ordering's ports, on the fake database (see ``fake_db``).

Products are stored as ordering sees them (``PricedProduct``) with their stock in a table
of their own; customers as ``Buyer`` rows. Orders are saved by compare-and-set like the
real repository: a stale status or version loses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from domain.ordering.errors import GatewayUnavailable, RefundRejected
from domain.ordering.order import Order
from domain.ordering.ports import Buyer, ChargeRequest, ChargeResult, OrderFilter, PricedProduct
from domain.ordering.status import OrderStatus
from domain.ordering.views import OrderDocument, OrderView, view_of
from domain.shared.errors import FieldError, Unprocessable
from domain.shared.listing import ListQuery
from domain.shared.pagination import JoinedPage
from infrastructure.ordering.documents import document_of
from tests.unit.fake_db import FakeSession


@dataclass
class StockRow:
    tenant_id: UUID
    quantity: int


@dataclass(frozen=True)
class BuyerRow:
    tenant_id: UUID
    buyer: Buyer


@dataclass(frozen=True)
class PriceRow:
    tenant_id: UUID
    product: PricedProduct


class FakeOrders:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def add(self, order: Order) -> None:
        """Like the table's key to ``customers``: an unknown customer (another tenant's
        too) fails the write with the 422 the constraint's violation is translated to."""
        if not any(r.buyer.id == order.customer_id for r in self._db.mine("buyers")):
            raise Unprocessable("The customer does not exist.", (FieldError("customer_id", ""),))
        self._db.table("orders")[order.id] = replace(order, events=[])
        self._db.track(order)

    async def get(self, order_id: UUID) -> Order | None:
        found = next((o for o in self._db.mine("orders") if o.id == order_id), None)
        return None if found is None else replace(found, events=[])

    async def save(self, order: Order, expected_status: OrderStatus, expected_version: int) -> bool:
        stored = self._db.current("orders", order.id)
        if stored is None or (stored.status, stored.version) != (expected_status, expected_version):
            return False
        self._db.table("orders")[order.id] = replace(order, events=[])
        self._db.track(order)
        return True

    async def stale_pending(self, older_than: datetime, limit: int) -> Sequence[Order]:
        return await self._where(OrderStatus.PENDING_PAYMENT, older_than, limit, "created_at")

    async def unchanged_since(
        self, status: OrderStatus, before: datetime, limit: int
    ) -> Sequence[Order]:
        return await self._where(status, before, limit, "updated_at")

    async def _where(
        self, status: OrderStatus, before: datetime, limit: int, field: str
    ) -> list[Order]:
        found = [
            replace(o, events=[])
            for o in self._db.mine("orders")
            if o.status is status and getattr(o, field) < before
        ]
        return sorted(found, key=lambda o: getattr(o, field))[:limit]


def _document(order: Order) -> OrderDocument:
    """The document the real write side stores for ``order``."""
    return OrderDocument(order.id, order.version, document_of(order))


class FakeOrderViews:
    """The read side over the same rows; lists filter by status and customer, newest first."""

    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def get(self, order_id: UUID) -> OrderView | None:
        found = [o for o in self._db.mine("orders") if o.id == order_id]
        return view_of(found[0]) if found else None

    async def document(self, order_id: UUID) -> OrderDocument | None:
        found = [o for o in self._db.mine("orders") if o.id == order_id]
        return _document(found[0]) if found else None

    async def documents(self, where: OrderFilter, query: ListQuery) -> JoinedPage:
        found = [
            o
            for o in self._db.mine("orders")
            if where.status in (None, o.status) and where.customer_id in (None, o.customer_id)
        ]
        found.sort(key=lambda o: o.created_at, reverse=True)
        page = query.page
        fetched = found[page.offset : page.offset + page.limit + 1]
        joined = ",".join(document_of(o) for o in fetched[: page.limit])
        return JoinedPage.window(joined, len(fetched), len(found), page)


class FakeProductPrices:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def for_products(self, product_ids: Sequence[UUID]) -> dict[UUID, PricedProduct]:
        rows = [r.product for r in self._db.mine("prices")]
        return {p.id: p for p in rows if p.id in product_ids}


class FakeStockLedger:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    def _row(self, product_id: UUID) -> StockRow | None:
        row = self._db.table("stock").get(product_id)
        return row if row is not None and row.tenant_id == self._db.tenant_id else None

    async def take(self, wanted: Mapping[UUID, int]) -> dict[UUID, PricedProduct]:
        prices = {r.product.id: r.product for r in self._db.mine("prices")}
        taken: dict[UUID, PricedProduct] = {}
        for product_id, quantity in wanted.items():
            row = self._row(product_id)
            if row is not None and row.quantity >= quantity and product_id in prices:
                row.quantity -= quantity
                taken[product_id] = prices[product_id]
        return taken

    async def release(self, given: Mapping[UUID, int]) -> None:
        for product_id, quantity in given.items():
            row = self._row(product_id)
            if row is not None:
                row.quantity += quantity


class FakeBuyers:
    def __init__(self, session: FakeSession) -> None:
        self._db = session

    async def get(self, customer_id: UUID) -> Buyer | None:
        rows = self._db.mine("buyers")
        return next((r.buyer for r in rows if r.buyer.id == customer_id), None)


class FakeGateway:
    """Scripted like the sandbox: tok_visa pays, tok_down is a network fault. Refunds are
    idempotent per key like a real provider's; ``fail_refunds`` makes them fall silent and
    ``reject_refunds`` makes the provider refuse them."""

    def __init__(self) -> None:
        self.charges: list[ChargeRequest] = []
        self.refunds: dict[str, str] = {}
        self.refund_calls = 0
        self.fail_refunds = False
        self.reject_refunds = False

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        self.charges.append(request)
        if request.token == "tok_down":
            raise GatewayUnavailable()
        if request.token == "tok_visa":
            return ChargeResult(True, f"ch_{len(self.charges)}")
        return ChargeResult(False, f"ch_{len(self.charges)}", "card_declined")

    async def refund(self, tenant_id: UUID, reference: str, idempotency_key: str) -> None:
        self.refund_calls += 1
        if self.fail_refunds:
            raise GatewayUnavailable()
        if self.reject_refunds:
            raise RefundRejected()
        self.refunds.setdefault(idempotency_key, reference)
