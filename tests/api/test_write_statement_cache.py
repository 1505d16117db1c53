"""A paid order compiles no statement once warm: every statement SQLAlchemy sends for it (the
key's claim and answer, the stock, the order and its lines, the outbox, the transition, the
gateway's charge) is found in its statement cache, for one line as for three (issue 13: the
order's multi-row insert and the ORM's statements were built and compiled per call)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import CacheStats

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


@pytest.fixture
def compiled() -> Iterator[list[tuple[str, CacheStats]]]:
    """Each SQLAlchemy statement sent, with where its compiled form came from."""
    seen: list[tuple[str, CacheStats]] = []

    def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        context = args[1]
        seen.append((" ".join(statement.split())[:80], context.cache_hit))

    event.listen(Engine, "after_cursor_execute", on_execute)
    yield seen
    event.remove(Engine, "after_cursor_execute", on_execute)


async def test_a_warm_paid_order_compiles_no_statement_for_one_line_or_three(
    compiled: list[tuple[str, CacheStats]], client: Client
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    shops = []
    for account in (acme, globex):
        products = [await make_product(client, account, sku, stock=50) for sku in "ABC"]
        shops.append((account, await make_customer(client, account), products))
    for account, customer, products in shops:  # warm: each shape compiled once
        for count in (1, 3):
            lines = [(p, 1) for p in products[:count]]
            assert (await place(client, account, order_body(customer, *lines))).status_code == 201
    compiled.clear()
    for account, customer, products in reversed(shops):
        for count in (3, 1):
            lines = [(p, 2) for p in products[:count]]
            response = await place(client, account, order_body(customer, *lines))
            assert response.status_code == 201 and response.json()["status"] == "paid"
    placing = [sql for sql, _ in compiled if sql.startswith("WITH placed AS")]
    assert len(placing) == 4, compiled  # the orders' inserts were seen
    assert [(sql, hit) for sql, hit in compiled if hit is not CacheStats.CACHE_HIT] == []
