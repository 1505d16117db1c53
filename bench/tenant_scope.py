"""How a transaction learns its tenant, measured: ``.venv/bin/python bench/tenant_scope.py``
(plain PostgreSQL, a throw-away embedded server) or ``... --superuser-url URL`` (an existing
server, e.g. the coordinator of ``python -m tests.citus up``, whose ``tenantry_test``
database is migrated first). See docs/scale-out.md ("Scoping a transaction to its tenant").

Each transaction is the scope, one read routed by the tenant id, and ``COMMIT``, as the
runtime role; the forms run interleaved, and the report is the median microseconds per
transaction of each form over the rounds:

- ``batched``: ``BEGIN; SET LOCAL app.tenant_id = ...`` in one message (plain PostgreSQL);
- ``batched-do``: ``BEGIN; DO $$BEGIN SET LOCAL ...; END$$`` in one message (Citus; the
  block also sets ``citus.propagate_set_commands`` for the transaction);
- ``separate``: ``BEGIN`` and ``SET LOCAL`` as two messages (one more round trip).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from uuid import UUID

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
TENANT = UUID("0190f3a0-0000-7000-8000-00000000a11e")
FORMS: dict[str, list[str]] = {}
"""Filled by ``main`` from the app's own ``set_local_statement``."""
READ = "SELECT count(*) FROM users WHERE tenant_id = $1"


async def _per_transaction(connection: asyncpg.Connection, messages: list[str], n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        for message in messages:
            await connection.execute(message)
        await connection.fetchval(READ, TENANT)
        await connection.execute("COMMIT")
    return (time.perf_counter() - started) / n * 1e6


async def measure(runtime_url: str, rounds: int, n: int) -> dict[str, float]:
    connection = await asyncpg.connect(runtime_url)
    try:
        samples: dict[str, list[float]] = {form: [] for form in FORMS}
        for round_no in range(rounds + 1):  # round 0 warms up
            order = list(FORMS)[round_no % len(FORMS) :] + list(FORMS)[: round_no % len(FORMS)]
            for form in order:
                took = await _per_transaction(connection, FORMS[form], n)
                if round_no:
                    samples[form].append(took)
        return {form: statistics.median(values) for form, values in samples.items()}
    finally:
        await connection.close()


def _report(where: str, medians: dict[str, float]) -> None:
    base = medians["batched"]
    print(f"{where}: median us per transaction (ratio to batched)")
    for form, value in medians.items():
        print(f"  {form:<11} {value:8.1f}  ({value / base:.3f})")


def main() -> int:
    for path in (ROOT / "src", ROOT):
        sys.path.insert(0, str(path))
    from infrastructure.database import migrations
    from infrastructure.database.embedded import EmbeddedPostgres
    from infrastructure.database.tenant_scope import set_local_statement

    bare, block = set_local_statement(TENANT), set_local_statement(TENANT, on_citus=True)
    FORMS.update(
        {
            "batched": [f"BEGIN; {bare}"],
            "batched-do": [f"BEGIN; {block}"],
            "separate": ["BEGIN;", bare],
        }
    )
    from tests.database import TEST_DATABASE, server_urls

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--superuser-url", help="an existing server (default: embedded)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--transactions", type=int, default=2000)
    args = parser.parse_args()
    if args.superuser_url:
        urls = server_urls(args.superuser_url, TEST_DATABASE)
        migrations.upgrade(urls.owner)
        _report("given server", asyncio.run(measure(urls.runtime, args.rounds, args.transactions)))
        return 0
    server = EmbeddedPostgres(
        Path(tempfile.mkdtemp(prefix="tenantry-scope-")) / "pg", delete_on_stop=True
    )
    try:
        urls = asyncio.run(server.prepare("tenantry_scope"))
        migrations.upgrade(urls.owner)
        _report(
            "plain PostgreSQL", asyncio.run(measure(urls.runtime, args.rounds, args.transactions))
        )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
