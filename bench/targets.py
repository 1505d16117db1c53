"""What is measured: the raw baseline on each HTTP stack and the API endpoints, each with a
preflight request."""

from __future__ import annotations

import json
import random
import re
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from uuid import UUID

from bench.http_client import HttpClient, HttpFailure, Reply
from bench.stacks import API_STACK_LABEL, Stack, api_stack, stack_named
from bench.wrk_runner import LoadRequest

API = "api"
FLOOR = "floor"
"""The server of ``floor-get`` (``bench/floor_app.py``), on the API's own stack."""


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    server: str
    """``api``, or a raw stack's name (``bench/stacks.py``): which server the load goes to."""
    load: LoadRequest
    route: tuple[str, str] | None = None
    """(OpenAPI path regex, method) the route has once implemented; None: always present."""
    label: str = ""
    """How the request is shown in the report (default: method and path)."""

    @property
    def request(self) -> str:
        return self.label or f"{self.load.method} {self.load.path}"

    @property
    def raw(self) -> bool:
        """A raw baseline target (one per HTTP stack), not the API nor the floor."""
        return self.server not in (API, FLOOR)

    @property
    def stack(self) -> str:
        """The HTTP stack that serves it."""
        if self.server == FLOOR:
            return api_stack().label  # the API's stack, not ``tenantry serve``
        found = stack_named(self.server)
        return found.label if found else API_STACK_LABEL


@dataclass(frozen=True, slots=True)
class Fixture:
    """Tenant A's data the requests use."""

    tenant_id: UUID
    token: str
    customer_id: UUID
    product_id: UUID
    """The hot product: every ``api-create-hot`` request orders it."""
    ids_file: Path
    first_id: UUID
    products_file: Path
    """All of A's product ids, one a line: ``api-create`` picks from them."""


@dataclass(frozen=True, slots=True)
class Preflight:
    state: str
    """``ok``, ``unavailable`` (no such route yet, or a stack this venv cannot run) or
    ``failed`` (the route is broken, or the stack's server did not start)."""
    detail: str


LINES_PER_ORDER = (1, 2, 3)
"""``api-create`` sends one of these numbers of lines, at random, each a random product."""


def _order_body(customer_id: UUID, products: list[str]) -> str:
    lines = [{"product_id": product, "quantity": 1} for product in products]
    body = {"customer_id": str(customer_id), "lines": lines, "payment_token": "tok_visa"}
    return json.dumps(body, separators=(",", ":"))


def create_loads(fixture: Fixture) -> tuple[LoadRequest, LoadRequest]:
    """``api-create`` (orders of 1-3 random products of A's) and ``api-create-hot`` (every
    order 1 of the same product)."""
    spread = "\n".join(_order_body(fixture.customer_id, ["{product}"] * n) for n in LINES_PER_ORDER)
    hot = _order_body(fixture.customer_id, [str(fixture.product_id)])
    path, token = "/api/v1/orders", fixture.token
    return (
        LoadRequest("POST", path, None, token, spread, True, fixture.products_file),
        LoadRequest("POST", path, None, token, hot, True),
    )


def build_targets(fixture: Fixture, stacks: list[Stack]) -> list[Target]:
    """The raw baseline once per stack, then the API's targets."""
    ids, token = fixture.ids_file, fixture.token
    one, many = r"^/api/v1/orders/\{[^}/]+\}$", r"^/api/v1/orders/?$"
    raw_load = LoadRequest("GET", f"/orders/{{id}}?tenant={fixture.tenant_id}", ids)
    raw = [Target(s.name, s.name, raw_load, label="GET /orders/{id}?tenant={A}") for s in stacks]
    spread, hot = create_loads(fixture)
    return raw + [
        Target("api-health", API, LoadRequest("GET", "/health/live")),
        Target("api-get", API, LoadRequest("GET", "/api/v1/orders/{id}", ids, token), (one, "get")),
        Target(
            "floor-get",
            FLOOR,
            LoadRequest("GET", "/orders/{id}", ids, token),
            label="GET /orders/{id}: the read's floor (token, RLS, 1 round trip; no framework)",
        ),
        Target(
            "api-list",
            API,
            LoadRequest("GET", "/api/v1/orders?limit=50", None, token),
            (many, "get"),
        ),
        Target(
            "floor-list",
            FLOOR,
            LoadRequest("GET", "/orders?limit=50", None, token),
            label="GET /orders?limit=50: the page's floor (token, RLS, the API's statement)",
        ),
        Target(
            "api-create", API, spread, (many, "post"), "POST /api/v1/orders (1-3 of A's products)"
        ),
        Target(
            "floor-create",
            FLOOR,
            replace(spread, path="/orders"),
            label="POST /orders (1-3 of A's products): the paid order's floor (its 15 statements)",
        ),
        Target("api-create-hot", API, hot, (many, "post"), "POST /api/v1/orders (1 hot product)"),
    ]


def openapi_routes(client: HttpClient) -> set[tuple[str, str]] | None:
    """(path, method) pairs the API documents, or None when the schema is unreachable."""
    try:
        response = client.get("/schema/openapi.json")
        paths = response.json()["paths"] if response.status == 200 else None
    except (HttpFailure, ValueError, KeyError, TypeError):
        return None
    if not isinstance(paths, dict):
        return None
    return {(path, method.lower()) for path, item in paths.items() for method in item}


def _documented(target: Target, routes: set[tuple[str, str]] | None) -> bool | None:
    if target.route is None or routes is None:
        return None
    pattern, method = target.route
    return any(m == method and re.match(pattern, path) for path, m in routes)


def preflight_body(load: LoadRequest) -> str | None:
    """The load's last (largest) body, each ``{product}`` a distinct random product of its
    file, as ``bench/request.lua`` fills it."""
    if load.body is None:
        return None
    body = load.bodies[-1]
    if load.products_file is None:
        return body
    products = load.products_file.read_text().split()
    for product in random.sample(products, min(body.count("{product}"), len(products))):
        body = body.replace("{product}", product, 1)
    return body


def _send(client: HttpClient, load: LoadRequest, first_id: UUID) -> Reply:
    headers = {"Authorization": f"Bearer {load.token}"} if load.token else {}
    if load.idempotency_key:
        headers["Idempotency-Key"] = f"preflight-{uuid.uuid4().hex}"
    if load.body is not None:
        headers["Content-Type"] = "application/json"
    path = load.path.replace("{id}", str(first_id))
    return client.request(load.method, path, headers, preflight_body(load))


def preflight(
    client: HttpClient, target: Target, first_id: UUID, routes: set[tuple[str, str]] | None
) -> Preflight:
    """One request shaped like the load; decide whether the target can be measured."""
    try:
        response = _send(client, target.load, first_id)
    except HttpFailure as error:
        return Preflight("failed", f"request failed: {error}")
    status, snippet = response.status, response.text[:300].replace("\n", " ")
    if 200 <= status < 300:
        if "{id}" in target.load.path and str(first_id) not in response.text:
            return Preflight("failed", f"{status} but the body lacks order {first_id}: {snippet}")
        return Preflight("ok", f"{status}")
    if status in (404, 405) and target.route is not None:
        documented = _documented(target, routes)
        if documented:
            return Preflight("failed", f"{status} on a route the OpenAPI schema lists: {snippet}")
        why = "not in the OpenAPI schema" if documented is False else "OpenAPI schema unreadable"
        return Preflight("unavailable", f"{status} at preflight, {why}: not implemented yet")
    return Preflight("failed", f"{status} at preflight: {snippet}")
