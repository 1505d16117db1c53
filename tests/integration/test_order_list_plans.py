"""Every ordering of the order list is served by an index that leads with ``tenant_id``
(migration 0022 for ``total_minor`` and ``updated_at``): the plan never sorts the tenant's
orders to cut a page. ``enable_sort`` and ``enable_seqscan`` are off, so that on tables
this small the planner still shows whether an index can deliver the order at all; it sorts
anyway when none can. ``bench/scale.py`` measures what that sort costs at scale."""

from __future__ import annotations

import json
from typing import Any
from uuid import uuid4

from bench.scale_explain import app_statements
from domain.identity.tenant import Tenant
from infrastructure.database.tenant_scope import set_local_statement
from tests.database import DatabaseUnderTest


def _full_sorts(plan: dict[str, Any]) -> list[str]:
    here = [plan.get("Sort Key", "?")] if plan["Node Type"] == "Sort" else []
    return here + [key for child in plan.get("Plans", []) for key in _full_sorts(child)]


async def test_no_ordering_of_the_order_list_sorts_the_tenants_orders(
    database: DatabaseUnderTest, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    sorted_by: dict[str, list[str]] = {}
    async with database.runtime.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        for tenant in (tenant_a, tenant_b):
            for statement in app_statements(tenant.id, uuid4(), uuid4())[1:]:
                async with driver.transaction(readonly=True):
                    await driver.execute(set_local_statement(tenant.id))
                    await driver.execute("SET LOCAL enable_sort = off")
                    await driver.execute("SET LOCAL enable_seqscan = off")
                    raw = await driver.fetchval(
                        f"EXPLAIN (FORMAT JSON) {statement.sql}", *statement.args
                    )
                plans = json.loads(raw) if isinstance(raw, str) else raw  # a json codec or not
                sorts = _full_sorts(plans[0]["Plan"])
                if sorts:
                    sorted_by[f"{tenant.slug}: {statement.name}"] = sorts
    assert sorted_by == {}
