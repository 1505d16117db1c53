"""What is measured: the raw baseline on each HTTP stack and the API endpoints, each with a
preflight request."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from bench.http_client import HttpClient, HttpFailure, Reply
from bench.stacks import API_STACK_LABEL, Stack, stack_named
from bench.wrk_runner import LoadRequest

API = "api"


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
        """A raw baseline target (one per HTTP stack), not the API."""
        return self.server != API

    @property
    def stack(self) -> str:
        """The HTTP stack that serves it."""
        found = stack_named(self.server)
        return found.label if found else API_STACK_LABEL


@dataclass(frozen=True, slots=True)
class Fixture:
    """Tenant A's data the requests use."""

    tenant_id: UUID
    token: str
    customer_id: UUID
    product_id: UUID
    ids_file: Path
    first_id: UUID


@dataclass(frozen=True, slots=True)
class Preflight:
    state: str
    """``ok``, ``unavailable`` (no such route yet, or a stack this venv cannot run) or
    ``failed`` (the route is broken, or the stack's server did not start)."""
    detail: str


def build_targets(fixture: Fixture, stacks: list[Stack]) -> list[Target]:
    """The raw baseline once per stack, then the API's targets."""
    ids, token = fixture.ids_file, fixture.token
    body = {
        "customer_id": str(fixture.customer_id),
        "lines": [{"product_id": str(fixture.product_id), "quantity": 1}],
        "payment_token": "tok_visa",
    }
    one, many = r"^/api/v1/orders/\{[^}/]+\}$", r"^/api/v1/orders/?$"
    raw_load = LoadRequest("GET", f"/orders/{{id}}?tenant={fixture.tenant_id}", ids)
    raw = [Target(s.name, s.name, raw_load, label="GET /orders/{id}?tenant={A}") for s in stacks]
    return raw + [
        Target("api-health", API, LoadRequest("GET", "/health/live")),
        Target("api-get", API, LoadRequest("GET", "/api/v1/orders/{id}", ids, token), (one, "get")),
        Target(
            "api-list",
            API,
            LoadRequest("GET", "/api/v1/orders?limit=50", None, token),
            (many, "get"),
        ),
        Target(
            "api-create",
            API,
            LoadRequest("POST", "/api/v1/orders", None, token, json.dumps(body), True),
            (many, "post"),
        ),
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


def _send(client: HttpClient, load: LoadRequest, first_id: UUID) -> Reply:
    headers = {"Authorization": f"Bearer {load.token}"} if load.token else {}
    if load.idempotency_key:
        headers["Idempotency-Key"] = f"preflight-{uuid.uuid4().hex}"
    if load.body is not None:
        headers["Content-Type"] = "application/json"
    path = load.path.replace("{id}", str(first_id))
    return client.request(load.method, path, headers, load.body)


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
