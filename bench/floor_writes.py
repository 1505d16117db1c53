"""The floor of a paid order: the statements ``POST /api/v1/orders`` sends, and nothing else.

The same 15 statements as the API's (counted by ``tests/api/test_write_round_trips.py``:
12 on the API's connection, 3 in the sandbox gateway's own transaction), in the same
transactions, each sent once prepared: the write rate check (autocommit); transaction 1
(the key claimed, the stock taken and priced, the order and its lines, the ``order.placed``
event with its wake-up); the gateway's (a charge written unless its key has one);
transaction 2 (the order paid, the key answered, ``order.paid``). What it leaves out is
what the framework, the dependency container, the ORM and the domain model cost. No relay
worker runs beside it: delivering the events is not part of the request. The order's
row and its transition carry its document, encoded as the API encodes it (msgspec over an
``OrderView`` of the values written: ``document_of_view``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from uuid import UUID, uuid5

import asyncpg
import msgspec

from bench.floor_sql import ANSWER, CHARGE, CLAIM, EVENT, PAID, RATE, TAKE, place_sql
from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.shared.ids import new_id
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.ordering.documents import document_of_view

_encoder = msgspec.json.Encoder()
_PENDING = PaymentView("pending", None, None)


class Refused(Exception):
    """The order cannot be placed (its key reused, a product short): a 409."""


class OrderLine(msgspec.Struct):
    product_id: UUID
    quantity: int


class OrderRequest(msgspec.Struct):
    customer_id: UUID
    lines: list[OrderLine]
    payment_token: str


@dataclass(frozen=True, slots=True)
class Caller:
    tenant_id: UUID
    user_id: UUID
    key: str


def _rate_keys(caller: Caller) -> list[UUID]:
    return [uuid5(caller.tenant_id, f"user:{caller.user_id}"), uuid5(caller.tenant_id, "tenant")]


async def check_rate(connection: TenantScopedConnection, caller: Caller) -> None:
    """The write rate check, in autocommit as the API's."""
    await connection.fetch(RATE, _rate_keys(caller), [60, 60])


def _lines(
    order_id: UUID, tenant: UUID, wanted: Sequence[OrderLine], priced: Any
) -> tuple[list[Any], list[OrderLineView]]:
    """The lines' parameters, and their views (for the order's document)."""
    args: list[Any] = []
    views: list[OrderLineView] = []
    for number, line in enumerate(wanted, start=1):
        price = priced[line.product_id]
        subtotal = price * line.quantity
        views.append(OrderLineView(line.product_id, line.quantity, price, subtotal))
        args += [
            tenant,
            new_id(),
            order_id,
            number,
            line.product_id,
            line.quantity,
            price,
            subtotal,
        ]
    return args, views


async def place(
    connection: TenantScopedConnection, caller: Caller, request: OrderRequest, body: bytes
) -> OrderView:
    """Transaction 1: the order as placed; ``Refused`` when it cannot be placed."""
    order_id, tenant, now = new_id(), caller.tenant_id, datetime.now(UTC)
    fingerprint = hashlib.sha256(body).hexdigest()
    connection.arm(tenant)
    async with connection.transaction():
        claim = (tenant, new_id(), caller.user_id, caller.key, fingerprint, order_id)
        if await connection.fetchval(CLAIM, *claim, now + timedelta(days=1), now) is None:
            raise Refused("the key was used")
        ids, quantities = [line.product_id for line in request.lines], [
            line.quantity for line in request.lines
        ]
        taken = await connection.fetch(TAKE, tenant, ids, quantities)
        if len(taken) != len(ids):
            raise Refused("a product is short")
        priced = {row["id"]: row["unit_price_minor"] for row in taken}
        lines, views = _lines(order_id, tenant, request.lines, priced)
        total, currency = sum(lines[7::8]), taken[0]["currency"]
        view = OrderView(
            order_id, "pending_payment", request.customer_id, currency, total, views,
            _PENDING, 1, now, now,
        )  # fmt: skip
        head = (tenant, order_id, request.customer_id, currency, total, now, now)
        await connection.execute(
            place_sql(len(request.lines)), *head, document_of_view(view), *lines
        )
        payload = _encoder.encode({"order_id": order_id, "total_minor": total}).decode()
        await connection.fetchval(EVENT, tenant, new_id(), "order.placed", 1, payload, new_id())
    return view


async def charge(
    connection: TenantScopedConnection, tenant: UUID, order_id: UUID, money: tuple[int, str]
) -> str:
    """The sandbox gateway's own transaction: the charge's reference."""
    key, reference = f"order-{order_id}-1", f"ch_{secrets.token_hex(12)}"
    connection.arm(tenant)
    async with connection.transaction():
        await connection.fetch(CHARGE, tenant, new_id(), key, reference, "tok_visa", *money)
    return reference


async def settle(
    connection: TenantScopedConnection, caller: Caller, placed: OrderView, answer: bytes, ref: str
) -> None:
    """Transaction 2: the order paid (its document too), the key answered, ``order.paid``."""
    tenant, order_id, now = caller.tenant_id, placed.id, datetime.now(UTC)
    payment = PaymentView("succeeded", ref, None)
    paid = replace(placed, status="paid", payment=payment, version=2, updated_at=now)
    connection.arm(tenant)
    async with connection.transaction():
        await connection.execute(PAID, ref, now, tenant, order_id, document_of_view(paid))
        headers = '{"location": "/api/v1/orders/%s"}' % order_id
        await connection.execute(ANSWER, answer, headers, tenant, caller.user_id, caller.key)
        payload = _encoder.encode({"order_id": order_id}).decode()
        await connection.fetchval(EVENT, tenant, new_id(), "order.paid", 1, payload, new_id())


async def place_paid_order(
    pool: asyncpg.Pool, caller: Caller, request: OrderRequest, body: bytes
) -> bytes:
    """The whole paid order on one pooled connection: the 201's body."""
    async with pool.acquire() as proxy:
        connection = cast(TenantScopedConnection, proxy)  # the proxy passes every call on
        await check_rate(connection, caller)
        placed = await place(connection, caller, request, body)
        money = (placed.total_minor, placed.currency)
        reference = await charge(connection, caller.tenant_id, placed.id, money)
        answer = _encoder.encode(
            {"id": placed.id, "status": "paid", "total_minor": money[0], "currency": money[1]}
        )
        await settle(connection, caller, placed, answer, reference)
    return answer
