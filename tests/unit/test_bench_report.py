"""The benchmark's arithmetic: which raw stack is the reference, both ratios, CPU counted
over a server's process tree (granian's worker is a child of the process started), the lock
waits' figures and the create loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from uuid import UUID

import pytest

from bench.config import parse_args
from bench.lock_waits import LockWaits
from bench.proc_tree import tree_usage
from bench.report import Run, summarize
from bench.report_table import render
from bench.stacks import api_stack
from bench.targets import API, Fixture, Preflight, Target, create_loads, preflight_body
from bench.wrk_runner import LoadRequest, WrkResult

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
        # /proc counts CPU time in clock ticks, sampled: under load it can lag the child's own
        # clock by a tick or more (0.29 failed once); without the child it would be about 0
        assert usage.cpu_s - usage.process_cpu_s >= 0.2
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


def test_a_run_of_the_api_from_another_venv_says_so_and_the_default_run_does_not() -> None:
    own = api_stack().name
    rows, reference = summarize([_target(own, own)], {own: OK}, [_run(own, 3000)])
    machine: dict[str, object] = {**MACHINE, "load_average": "-"}
    other = parse_args(["--output", "/dev/null", "--api-venv", "/opt/runtime-only"])
    assert other.api_venv == Path("/opt/runtime-only")
    assert "The API ran from /opt/runtime-only" in render(other, machine, rows, reference)
    default = parse_args(["--output", "/dev/null"])
    assert default.api_venv is None
    assert "The API ran from" not in render(default, machine, rows, reference)


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
