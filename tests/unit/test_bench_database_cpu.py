"""The benchmark's database CPU: every PostgreSQL process of the server under test, per
request in the report."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text

from bench.config import parse_args
from bench.database_cpu import DatabaseCpu
from bench.report import Run, summarize
from bench.report_table import render
from bench.stacks import api_stack
from bench.targets import API, Preflight, Target
from bench.wrk_runner import LoadRequest, WrkResult
from tests.database import DatabaseUnderTest

_BUSY = text("SELECT count(*) FROM generate_series(1, 4000000)")


async def test_the_work_of_a_backend_counts_as_the_database_s_cpu(
    database: DatabaseUnderTest,
) -> None:
    postgres = await asyncio.to_thread(DatabaseCpu.of, database.urls.superuser)
    assert postgres.postmasters
    before = postgres.cpu_s()
    async with database.runtime.connect() as connection:  # a backend of the app's role
        assert (await connection.execute(_BUSY)).scalar_one() == 4_000_000
    after = postgres.cpu_s()
    assert before is not None and after is not None
    assert after - before >= 0.1  # four million rows counted: well over a tenth of a second


def test_the_database_s_cpu_is_shown_per_request() -> None:
    own = api_stack().name
    targets = [
        Target(own, own, LoadRequest("GET", "/", Path("ids.txt"))),
        Target("api-get", API, LoadRequest("GET", "/", Path("ids.txt"))),
    ]
    result = WrkResult(1000, 10.0, 0, 0, 1.0, 2.0, 3.0, 4.0, 1.0)
    runs = [
        Run(own, 1, result, server_cpu_s=1.0),
        Run("api-get", 1, result, server_cpu_s=2.0, database_cpu_s=1.5),
    ]
    ok = Preflight("ok", "200")
    rows, reference = summarize(targets, {own: ok, "api-get": ok}, runs)
    api = next(row for row in rows if row.target == "api-get")
    assert api.database_cpu_ms == 1.5  # 1.5 s over 1,000 requests
    machine = {key: "-" for key in ("nproc", "cpu_model", "python", "postgres", "wrk", "git")}
    table = render(parse_args([]), {**machine, "load_average": "-"}, rows, reference)
    header = next(line for line in table.splitlines() if line.startswith("| target"))
    line = next(line for line in table.splitlines() if line.startswith("| api-get"))
    cells = dict(zip(header.split("|"), line.split("|"), strict=True))
    assert cells[" database CPU ms/req "].strip() == "1.500"
    assert cells[" server CPU ms/req "].strip() == "2.000"
