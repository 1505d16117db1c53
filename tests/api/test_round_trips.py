"""The performance budget, counted on the wire: a single-order read is three database round
trips (BEGIN with the tenant, the SELECT, COMMIT) and authentication adds none; a list is
one page query plus one count."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


@pytest.fixture
def queries() -> Iterator[list[str]]:
    """Every statement sent to PostgreSQL by any engine, in order: SQLAlchemy's statements
    (prepared, one round trip each) and the driver's own (BEGIN, COMMIT, direct reads)."""
    sent: list[str] = []

    def on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.driver_connection.add_query_logger(lambda q: sent.append(q.query))

    def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(Engine, "connect", on_connect)
    event.listen(Engine, "before_cursor_execute", on_execute)
    yield sent
    event.remove(Engine, "connect", on_connect)
    event.remove(Engine, "before_cursor_execute", on_execute)


async def settle(sent: list[str]) -> list[str]:
    """The statements of the request. asyncpg calls query loggers with ``loop.call_soon``,
    so let them run first; a pooled connection opened for this request also runs the
    driver's one-time type introspection, which is not part of the request's budget."""
    for _ in range(5):
        await asyncio.sleep(0.02)
    return [q for q in sent if "pg_catalog" not in q and "pg_type" not in q]


async def test_single_order_read_is_three_round_trips_with_no_auth_query(
    queries: list[str], client: Client
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    order = (
        await place(client, acme, order_body(await make_customer(client, acme), (pen, 1)))
    ).json()
    url = f"/api/v1/orders/{order['id']}"
    assert (await client.get(url, headers=acme.headers)).status_code == 200  # warm connections
    await settle(queries)  # the warm-up's own log calls land before the count starts
    queries.clear()
    response = await client.get(url, headers=acme.headers)
    assert response.status_code == 200
    sent = await settle(queries)
    assert len(sent) == 3, sent
    begin, select, commit = sent
    assert begin.startswith("BEGIN") and f"SET LOCAL app.tenant_id = '{acme.tenant_id}'" in begin
    assert "FROM orders" in select and commit.startswith("COMMIT")


async def test_a_list_is_one_page_query_and_one_count(queries: list[str], client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    assert (await client.get("/api/v1/orders", headers=acme.headers)).status_code == 200
    await settle(queries)  # the warm-up's own log calls land before the count starts
    queries.clear()
    assert (await client.get("/api/v1/orders?limit=50", headers=acme.headers)).status_code == 200
    sent = await settle(queries)
    selects = [q for q in sent if q.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2 and "count(" in selects[1].lower(), sent
    assert len(sent) == 4, sent  # BEGIN + tenant, page, count, ROLLBACK
