"""The benchmark's arithmetic: which raw stack is the reference, both ratios, and CPU counted
over a server's process tree (granian's worker is a child of the process started)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from uuid import UUID

import asyncpg
import pytest
from sqlalchemy import text

from bench.config import parse_args
from bench.lock_waits import LockProbe, LockWaits
from bench.proc_tree import tree_usage
from bench.report import Run, summarize
from bench.report_table import render
from bench.stacks import api_stack
from bench.targets import API, Fixture, Preflight, Target, create_loads, preflight_body
from bench.wrk_runner import LoadRequest, WrkResult
from domain.identity.tenant import Tenant
from tests.database import DatabaseUnderTest

OK = Preflight("ok", "200")
MACHINE = {key: "-" for key in ("nproc", "cpu_model", "python", "postgres", "wrk", "git")}


def _target(name: str, server: str) -> Target:
    return Target(name, server, LoadRequest("GET", "/", Path("ids.txt")))


def _run(target: str, rps: float, errors: int = 0, locks: LockWaits | None = None) -> Run:
    result = WrkResult(int(rps * 10), 10.0, 0, errors, 1.0, 2.0, 3.0, 4.0, 1.0)
    return Run(target, 1, result, server_cpu_s=2.0, rss_mib=100.0, locks=locks)


def _locks(stock_s: float, busy_s: float, other_s: float = 0.0, deadlocks: int = 0) -> LockWaits:
    others = {"transactionid: SELECT t.hits": 7} if other_s else {}
    return LockWaits(10.0, 900, stock_s, other_s, busy_s, 40, deadlocks, 0.2, others)


def test_the_reference_is_the_fastest_valid_raw_stack_and_the_api_gets_both_ratios() -> None:
    own = api_stack().name
    targets = [
        _target("raw-h11", "raw-h11"),
        _target(own, own),
        _target("raw-granian", "raw-granian"),
        _target("api-get", API),
    ]
    runs = [
        _run("raw-h11", 9000, errors=3),  # fastest, but not valid: never the reference
        _run(own, 3000),
        _run("raw-granian", 4000),
        _run("api-get", 1000),
    ]
    rows, reference = summarize(targets, {t.name: OK for t in targets}, runs)
    assert reference.fastest is not None and reference.fastest.target == "raw-granian"
    assert reference.api_stack is not None and reference.api_stack.target == own
    api = next(row for row in rows if row.target == "api-get")
    assert api.ratio == 1000 / 4000
    assert api.ratio_api_stack == 1000 / 3000
    assert next(row for row in rows if row.target == "raw-h11").state == "invalid"


def test_without_raw_on_the_api_stack_only_the_ratio_to_the_fastest_is_given() -> None:
    targets = [_target("raw-granian", "raw-granian"), _target("api-get", API)]
    preflights = {"raw-granian": OK, "api-get": OK}
    rows, reference = summarize(targets, preflights, [_run("raw-granian", 4000)])
    assert reference.api_stack is None
    assert rows[0].ratio == 1.0 and rows[0].ratio_api_stack is None
    assert rows[1].state == "invalid" and rows[1].ratio is None


def test_cpu_of_a_server_counts_its_children() -> None:
    burn = (
        "import sys, time\n"
        "while time.process_time() < 0.3: pass\n"
        "print('done', flush=True)\n"
        "sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", burn], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "done\n"
        usage = tree_usage(os.getpid())
        assert usage is not None
        assert usage.processes >= 2
        assert usage.cpu_s - usage.process_cpu_s >= 0.29
    finally:
        child.communicate("", timeout=10)


def test_every_line_of_the_table_has_as_many_cells_as_its_header() -> None:
    own = api_stack().name
    targets = [_target(own, own), _target("raw-granian", "raw-granian"), _target("api-get", API)]
    preflights = {own: OK, "raw-granian": Preflight("unavailable", "no granian"), "api-get": OK}
    runs = [_run(own, 3000), _run("api-get", 1000, errors=1)]
    rows, reference = summarize(targets, preflights, runs)
    config = parse_args(["--output", "/dev/null"])
    text = render(config, {**MACHINE, "load_average": "-"}, rows, reference)
    blocks = [block.splitlines() for block in text.split("\n\n")]
    [table] = [block for block in blocks if block[0].startswith("| target | stack")]
    assert len(table) == 2 + len(targets)
    assert {line.count("|") for line in table} == {table[0].count("|")}
    assert "not available" in table[3] and "**INVALID**" in table[4]


def test_stock_row_waits_are_medians_per_request_and_shown_with_the_waiter_share() -> None:
    targets = [_target("api-create-hot", API), _target("api-create", API)]
    runs = [
        _run("api-create-hot", 50, locks=_locks(stock_s=2.0, busy_s=9.0)),  # 500 requests
        _run("api-create-hot", 50, locks=_locks(stock_s=4.0, busy_s=8.0, deadlocks=1)),
        _run("api-create", 100, locks=_locks(stock_s=0.0, busy_s=0.0, other_s=1.0)),
        _run("api-create", 100, locks=None),  # one unsampled run: no lock figures
    ]
    rows, reference = summarize(targets, {t.name: OK for t in targets}, runs)
    hot, spread = rows
    assert hot.stock_wait_ms == (4.0 + 8.0) / 2  # 2 s and 4 s over 500 requests each
    assert hot.stock_waiter_share == pytest.approx(0.85) and hot.deadlocks == 1
    assert hot.sampler_cpu_share == 0.2 / 10.0
    assert spread.stock_wait_ms is None and spread.stock_waiter_share is None
    text = render(
        parse_args(["--output", "/dev/null"]), {**MACHINE, "load_average": "-"}, rows, reference
    )
    table = [line for line in text.splitlines() if line.startswith("| api-")]
    assert table[0].endswith("| 6.000 | 85.0% | 2 |")
    assert table[1].endswith("| – | – | 2 |")
    assert "at most 2.0% of one CPU" in text


def test_other_lock_waits_are_named_by_their_statement() -> None:
    targets = [_target("api-create", API)]
    runs = [_run("api-create", 100, locks=_locks(0.0, 0.0, other_s=1.0))] * 2
    rows, reference = summarize(targets, {"api-create": OK}, runs)
    assert rows[0].stock_wait_ms == 0.0 and rows[0].other_lock_wait_ms == 1.0
    assert rows[0].other_lock_waits == {"transactionid: SELECT t.hits": 14}
    text = render(
        parse_args(["--output", "/dev/null"]), {**MACHINE, "load_average": "-"}, rows, reference
    )
    assert "api-create 1.000 (`transactionid: SELECT t.hits`)" in text


def _fixture(tmp_path: Path) -> Fixture:
    products = [UUID(int=n) for n in range(1, 6)]
    products_file = tmp_path / "products.txt"
    products_file.write_text("".join(f"{product}\n" for product in products))
    hot = products[0]
    return Fixture(
        UUID(int=99), "token", UUID(int=98), hot, tmp_path / "ids", UUID(int=97), products_file
    )


def test_the_spread_create_sends_1_to_3_distinct_products_and_the_hot_one_always_the_same(
    tmp_path: Path,
) -> None:
    fixture = _fixture(tmp_path)
    spread, hot = create_loads(fixture)
    assert spread.products_file == fixture.products_file and hot.products_file is None
    assert [body.count("{product}") for body in spread.bodies] == [1, 2, 3]
    known = set(fixture.products_file.read_text().split())
    for _ in range(20):
        sent = json.loads(preflight_body(spread) or "")
        picked = [line["product_id"] for line in sent["lines"]]
        assert len(picked) == len(set(picked)) == 3 and set(picked) <= known
        assert {line["quantity"] for line in sent["lines"]} == {1}
    sent = json.loads(preflight_body(hot) or "")
    assert sent["lines"] == [{"product_id": str(fixture.product_id), "quantity": 1}]


async def _in_tenant(connection: asyncpg.Connection, tenant: Tenant) -> None:
    await connection.execute("BEGIN")
    await connection.execute(f"SET LOCAL app.tenant_id = '{tenant.id}'")


async def _product(url: str, tenant: Tenant) -> UUID:
    connection = await asyncpg.connect(url)
    try:
        await _in_tenant(connection, tenant)
        product_id = UUID(int=tenant.id.int ^ 1)
        await connection.execute(
            "INSERT INTO products (tenant_id, id, sku, name, description, currency,"
            " unit_price_minor, stock_quantity, active, version)"
            " VALUES ($1, $2, 'SKU-1', 'P', '', 'EUR', 100, 10, true, 1)",
            tenant.id,
            product_id,
        )
        await connection.execute("COMMIT")
    finally:
        await connection.close()
    return product_id


_TAKE = "UPDATE products SET stock_quantity = stock_quantity - 1 WHERE id = $1"


async def test_the_sampler_times_waits_on_a_stock_row_apart_from_other_lock_waits(
    database: DatabaseUnderTest, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    """Tenant A's stock row is held for 0.6 s while another transaction waits for it, and an
    advisory lock for 0.3 s; tenant B's row is taken meanwhile without waiting."""
    urls = database.urls
    async with database.owner.connect() as owner:
        citus = "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')"
        if (await owner.execute(text(citus))).scalar():
            pytest.skip("on Citus a row lock is waited for on a worker")
    products = {t.id: await _product(urls.runtime, t) for t in (tenant_a, tenant_b)}
    holder, waiter, other = [await asyncpg.connect(urls.runtime) for _ in range(3)]
    try:
        await _in_tenant(holder, tenant_a)
        await holder.execute(_TAKE, products[tenant_a.id])
        await holder.execute("SELECT pg_advisory_lock(4242)")
        probe = LockProbe.for_runtime(urls.superuser, urls.runtime, interval_ms=10)
        with probe.sampler() as sampler:
            await _in_tenant(waiter, tenant_a)
            waiting = asyncio.ensure_future(waiter.execute(_TAKE, products[tenant_a.id]))
            await _in_tenant(other, tenant_b)
            await other.execute(_TAKE, products[tenant_b.id])  # another row: no wait
            await asyncio.sleep(0.6)
            await holder.execute("COMMIT")
            await waiting
            await waiter.execute("COMMIT")
            advisory = asyncio.ensure_future(waiter.execute("SELECT pg_advisory_lock(4242)"))
            await asyncio.sleep(0.3)
            await holder.execute("SELECT pg_advisory_unlock(4242)")
            await advisory
    finally:
        for opened in (holder, waiter, other):
            await opened.close()
    locks = sampler.result
    assert locks is not None
    assert 0.45 <= locks.stock_wait_s <= 0.8 and 0.45 <= locks.stock_busy_s <= 0.8
    assert 0.2 <= locks.other_wait_s <= 0.5
    assert list(locks.others) == ["advisory: SELECT pg_advisory_lock(4242)"]
    assert locks.window_s >= 0.9 and locks.samples >= 40
