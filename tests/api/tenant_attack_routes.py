"""The tenant attack suite's view of the app: every operation read from the router, a valid
body for each body type, and the values to try in each declared query parameter (read
from the served OpenAPI document). A new route is walked without editing the suite; a
new body type or query parameter without a value here fails it, so the suite grows."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast
from uuid import uuid4

import httpx
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient

from tests.api.identity_helpers import PASSWORD

API = "/api/v1"
Ids = Mapping[str, str]
"""Ids by path parameter name (``order_id`` -> one order's id)."""


@dataclass(frozen=True)
class Operation:
    template: str
    """The path with ``{name}`` placeholders, as in the OpenAPI document."""
    method: str
    path_params: tuple[str, ...]
    query_params: frozenset[str]
    body_type: str | None
    public: bool

    def url(self, ids: Ids) -> str:
        return self.template.format(**ids)

    def __str__(self) -> str:
        return f"{self.method} {self.template}"


def app_of(client: httpx.AsyncClient) -> Litestar:
    """The app behind Litestar's test client."""
    app = cast(AsyncTestClient[Litestar], client).app
    assert isinstance(app, Litestar)
    return app


def operations(app: Litestar) -> list[Operation]:
    """Every operation under ``/api/v1`` (OPTIONS and HEAD aside), from the router."""
    found = []
    for route in app.routes:
        if not (isinstance(route, HTTPRoute) and route.path.startswith(API)):
            continue
        for method, (handler, model) in route.route_handler_map.items():
            if method in ("OPTIONS", "HEAD"):
                continue
            data = handler.parsed_fn_signature.parameters.get("data")
            found.append(
                Operation(
                    route.path_format,
                    method,
                    tuple(route.path_parameters),
                    frozenset(p.field_alias for p in model.expected_query_params),
                    None if data is None else data.annotation.__name__,
                    bool(handler.opt.get("exclude_from_auth")),
                )
            )
    return sorted(found, key=str)


def _order(ids: Ids) -> dict[str, Any]:
    lines = [{"product_id": ids["product_id"], "quantity": 1}]
    return {"customer_id": ids["customer_id"], "lines": lines, "payment_token": "tok_visa"}


def _fresh(prefix: str) -> str:
    return f"{prefix}-{uuid4().hex[:8]}"


BODIES: dict[str, Callable[[Ids], dict[str, Any]]] = {
    "ProductIn": lambda ids: {
        "sku": _fresh("NEW"), "name": "New", "currency": "EUR", "unit_price_minor": 100,
        "stock_quantity": 1,
    },  # fmt: skip
    "ProductPatch": lambda ids: {"name": "Hijacked", "stock_quantity": 0},
    "CustomerIn": lambda ids: {"email": f"{_fresh('new')}@example.org", "name": "New"},
    "CustomerPatch": lambda ids: {"name": "Hijacked"},
    "UserIn": lambda ids: {"email": f"{_fresh('new')}@example.org", "password": PASSWORD},
    "UserPatch": lambda ids: {"role": "admin"},
    "PasswordChangeIn": lambda ids: {"current_password": PASSWORD, "new_password": PASSWORD},
    "OrderIn": _order,
    "PaymentIn": lambda ids: {"payment_token": "tok_visa"},
    "WebhookIn": lambda ids: {
        "url": "https://93.184.216.34/hooks/new",
        "event_types": ["order.refunded"],
    },
    "WebhookPatch": lambda ids: {"url": "https://93.184.216.34/hooks/attacker", "active": True},
    "SignupIn": lambda ids: {
        "tenant_name": "New", "tenant_slug": _fresh("new"), "email": "o@example.org",
        "password": PASSWORD,
    },  # fmt: skip
    "TokenIn": lambda ids: {"tenant_slug": "nobody", "email": "o@example.org", "password": "x"},
    "RefreshIn": lambda ids: {"refresh_token": "not-a-token"},
}


def body_for(operation: Operation, ids: Ids) -> dict[str, Any] | None:
    """A valid body of the operation's type, built with ``ids`` where it refers to others."""
    if operation.body_type is None:
        return None
    assert operation.body_type in BODIES, f"{operation}: add a valid {operation.body_type}"
    return BODIES[operation.body_type](ids)


async def send(
    client: httpx.AsyncClient,
    operation: Operation,
    path_ids: Ids,
    headers: Mapping[str, str],
    body_ids: Ids | None = None,
    **extra: Any,
) -> httpx.Response:
    """The operation with a valid body (built with ``body_ids``, else ``path_ids``; or
    ``json=`` given), a fresh Idempotency-Key and ``headers``."""
    sent = {"Idempotency-Key": str(uuid4()), **headers}
    if "json" not in extra:
        extra["json"] = body_for(operation, body_ids or path_ids)
    return await client.request(operation.method, operation.url(path_ids), headers=sent, **extra)


def random_ids(operation: Operation) -> dict[str, str]:
    return {name: str(uuid4()) for name in operation.path_params}


def problem_of(response: httpx.Response) -> tuple[int, str | None]:
    """What a client tells apart: the status and the problem type."""
    is_problem = response.headers.get("content-type", "").startswith("application/problem")
    return response.status_code, response.json().get("type") if is_problem else None


_SORT = re.compile(r"^\^-\?\((?P<fields>[\w|]+)\)\$$")


def query_values(
    schema: Mapping[str, Any], operation: Operation, theirs: Ids, markers: list[str]
) -> dict[str, list[str]]:
    """For each declared query parameter of ``operation``, the values worth trying: every
    sort field both ways, every enum member, both booleans, the other tenant's ids and
    marker strings, timestamps around everything."""
    spec = schema["paths"][operation.template][operation.method.lower()]
    declared = {p["name"]: p["schema"] for p in spec.get("parameters", []) if p["in"] == "query"}
    assert set(declared) == operation.query_params, f"{operation}: schema and router disagree"
    return {name: _values(schema, s, theirs, markers) for name, s in declared.items()}


def _values(
    schema: Mapping[str, Any], param: Mapping[str, Any], theirs: Ids, markers: list[str]
) -> list[str]:
    kinds = [param, *param.get("oneOf", ())]
    types = {k.get("type") for k in kinds} | {k.get("format") for k in kinds}
    refs = [k["$ref"].rsplit("/", 1)[-1] for k in kinds if "$ref" in k]
    if refs:
        return [str(v) for v in schema["components"]["schemas"][refs[0]]["enum"]]
    if (sort := _SORT.match(param.get("pattern", ""))) is not None:
        fields = sort["fields"].split("|")
        return fields + [f"-{f}" for f in fields]
    if "integer" in types:
        return [str(int(param.get("minimum", 0)))]
    if "boolean" in types:
        return ["true", "false"]
    if "uuid" in types:
        return list(theirs.values())
    if "date-time" in types:
        return ["2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"]
    assert "string" in types, f"no values to try for {param}"
    return markers
