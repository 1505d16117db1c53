"""A page never counts past ``COUNT_LIMIT`` matching items, with two tenants: past it the
total is null and ``has_more`` tells whether to go on; under it both are exact, and the
other tenant's rows change neither."""

from __future__ import annotations

from sqlalchemy import text
from uuid_utils.compat import uuid7

from domain.shared.pagination import COUNT_LIMIT
from tests.api.commerce_helpers import make_customer
from tests.api.conftest import Client
from tests.api.identity_helpers import Account, sign_up
from tests.database import DatabaseUnderTest

MANY = COUNT_LIMIT + 5


async def _many_customers(database: DatabaseUnderTest, account: Account, count: int) -> None:
    """``count`` customers of the account's tenant, written directly as the owner (rows of
    an ``INSERT ... VALUES``: Citus runs an ``INSERT ... SELECT`` as a COPY, which row-level
    security refuses)."""
    rows = [
        {"tenant": account.tenant_id, "id": uuid7(), "email": f"c{n}@bulk.test", "name": f"C{n}"}
        for n in range(count)
    ]
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{account.tenant_id}'"))
        await connection.execute(
            text(
                "INSERT INTO customers (tenant_id, id, email, name, version)"
                " VALUES (CAST(:tenant AS uuid), :id, :email, :name, 1)"
            ),
            rows,
        )


async def _page(client: Client, account: Account, query: str) -> tuple[object, object, int]:
    """(total, has_more, number of items) of a page of the account's customers."""
    response = await client.get(f"/api/v1/customers?{query}", headers=account.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return body["total"], body["has_more"], len(body["items"])


async def test_past_the_count_limit_the_total_is_null_and_has_more_leads_to_the_end(
    client: Client, database: DatabaseUnderTest
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    await _many_customers(database, acme, MANY)
    for n in range(3):
        await make_customer(client, globex, f"c{n}@globex.test")
    assert await _page(client, acme, "limit=50") == (None, True, 50)
    assert await _page(client, acme, f"limit=50&offset={MANY - 5}") == (None, False, 5)
    assert await _page(client, globex, "limit=2") == (3, True, 2)
    assert await _page(client, globex, "limit=2&offset=2") == (3, False, 1)
