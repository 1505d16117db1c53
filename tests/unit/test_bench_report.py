"""The benchmark's arithmetic: which raw stack is the reference, both ratios, and CPU counted
over a server's process tree (granian's worker is a child of the process started)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.config import parse_args
from bench.proc_tree import tree_usage
from bench.report import Run, summarize
from bench.report_table import render
from bench.stacks import api_stack
from bench.targets import API, Preflight, Target
from bench.wrk_runner import LoadRequest, WrkResult

OK = Preflight("ok", "200")


def _target(name: str, server: str) -> Target:
    return Target(name, server, LoadRequest("GET", "/", Path("ids.txt")))


def _run(target: str, rps: float, errors: int = 0) -> Run:
    result = WrkResult(int(rps * 10), 10.0, 0, errors, 1.0, 2.0, 3.0, 4.0, 1.0)
    return Run(target, 1, result, server_cpu_s=2.0, rss_mib=100.0)


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
    machine = {key: "-" for key in ("nproc", "cpu_model", "python", "postgres", "wrk", "git")}
    text = render(config, {**machine, "load_average": "-"}, rows, reference)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(targets)
    assert {line.count("|") for line in table} == {table[0].count("|")}
    assert "not available" in table[3] and "**INVALID**" in table[4]
