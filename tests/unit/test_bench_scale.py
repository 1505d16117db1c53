"""The scale curve (bench/scale.py): its points, the plan reading, the statements it explains
and the verdict of its table."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from bench.scale_data import Point, curve, orders_of
from bench.scale_explain import Explained, Scan, app_statements, scans, sorted_rows
from bench.scale_report import Latency, Measured, curve_table, flat
from interface.http.ordering.filters import SORTABLE

TENANT = UUID("0190f3a0-0000-7000-8000-00000000000a")
ORDER = UUID("0190f3a0-0000-7000-8000-0000000000b1")
CUSTOMER = UUID("0190f3a0-0000-7000-8000-0000000000c1")


def test_the_curve_grows_the_data_then_spreads_the_last_total_over_more_tenants() -> None:
    full = [(p.axis, p.tenants, p.total) for p in curve(quick=False)]
    assert full == [
        ("data", 2, 10_000),
        ("data", 2, 100_000),
        ("data", 2, 1_000_000),
        ("tenants", 100, 1_000_000),
        ("tenants", 1_000, 1_000_000),
    ]
    quick = [(p.axis, p.tenants, p.total) for p in curve(quick=True)]
    assert quick == [("data", 2, 10_000), ("data", 2, 100_000), ("tenants", 100, 100_000)]


def test_tenant_a_keeps_half_and_the_others_share_the_rest() -> None:
    assert orders_of(Point("data", 2, 10_000)) == [5_000, 5_000]
    spread = orders_of(Point("tenants", 1_000, 1_000_000))
    assert len(spread) == 1_000
    assert spread[0] == 500_000
    assert set(spread[1:]) == {500}
    assert sum(orders_of(Point("tenants", 100, 1_000_000))) == 500_000 + 99 * 5_050


def _node(kind: str, table: str | None = None, **extra: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"Node Type": kind, **extra}
    if table is not None:
        node["Relation Name"] = table
    return node


def test_scans_name_each_big_table_node_with_its_index_and_rows_over_all_loops() -> None:
    lines = _node(
        "Index Scan",
        "order_lines",
        **{"Index Name": "uq_lines", "Actual Rows": 2, "Actual Loops": 51},
    )
    bitmap = _node(
        "Bitmap Heap Scan",
        "orders",
        Plans=[_node("Bitmap Index Scan", **{"Index Name": "ix_status"})],
        **{"Actual Rows": 10, "Actual Loops": 1},
    )
    plan = _node(
        "Limit",
        Plans=[
            _node("Index Scan", "orders", Plans=[lines], **{"Index Name": "ix_created"}),
            bitmap,
            _node("Seq Scan", "customers"),
            _node("Seq Scan", "order_lines"),
        ],
    )
    assert scans(plan) == [
        Scan("orders", "Index Scan", "ix_created", None),
        Scan("order_lines", "Index Scan", "uq_lines", 102),
        Scan("orders", "Bitmap Heap Scan", "ix_status", 10),
        Scan("order_lines", "Seq Scan", None, None),
    ]
    explained = Explained("s", scans(plan), [], 0, 1.0, 0)
    assert [scan.table for scan in explained.seq_scans] == ["order_lines"]


def test_rows_sorted_count_what_a_full_sort_is_fed_not_an_incremental_one() -> None:
    scan = _node("Index Scan", "orders", **{"Actual Rows": 500_000, "Actual Loops": 1})
    full = _node("Limit", Plans=[_node("Sort", Plans=[scan])])
    incremental = _node("Limit", Plans=[_node("Incremental Sort", Plans=[scan])])
    assert sorted_rows(full) == 500_000
    assert sorted_rows(incremental) == 0


def test_every_statement_explained_is_the_apps_with_each_parameter_bound() -> None:
    statements = app_statements(TENANT, ORDER, CUSTOMER)
    names = [statement.name for statement in statements]
    assert names[0] == "read one order"
    for field in SORTABLE:
        assert f"list order_by={field}" in names
        assert f"list order_by=-{field}" in names
    assert {"list status=paid", "list customer_id=A's", "list created_from/to (1 day)"} <= set(
        names
    )
    for statement in statements:
        numbers = {int(n) for n in re.findall(r"\$(\d+)", statement.sql)}
        assert numbers == set(range(1, len(statement.args) + 1)), statement.name
        assert TENANT in statement.args
        assert "orders.tenant_id = $" in statement.sql


def _measured(total: int, read_ms: float, page_ms: float, errors: int = 0) -> Measured:
    point = Point("data", 2, total)
    read = Latency(read_ms, read_ms * 2, 1000.0, errors, None)
    page = Latency(page_ms, page_ms * 2, 100.0, 0, 1.0)
    return Measured(point, total, total // 2, 1.0, read, page, [])


def test_the_table_gives_each_p50_as_a_ratio_to_the_first_point_and_bolds_what_is_not_flat() -> (
    None
):
    rows = [_measured(10_000, 10.0, 50.0), _measured(100_000, 11.0, 61.0)]
    last = curve_table(rows)[-1]
    assert last.endswith("| 1.10 | **1.22** |")
    assert not flat(rows)
    assert flat([_measured(10_000, 10.0, 50.0), _measured(100_000, 12.0, 60.0)])


def test_a_point_with_errors_is_invalid_and_not_flat() -> None:
    rows = [_measured(10_000, 10.0, 50.0), _measured(100_000, 10.0, 50.0, errors=3)]
    assert curve_table(rows)[-1].endswith("| INVALID | INVALID |")
    assert not flat(rows)
