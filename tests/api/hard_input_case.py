"""One case of the hard-input corpus (``hard_input_cases.py``) and the helpers that write
cases: a request sent as tenant A, whose path and body may name A's seeded resources by
placeholder (``{product_id}``, ``{customer_id}``, ``{order_id}``, ``{user_id}``), and the
answer it must get."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

API = "/api/v1"
MAX_BODY_BYTES = 1_048_576
"""The default ``server.max_body_bytes`` the ``client`` fixture's app runs with."""
JSON = "application/json"
INVALID = "validation-failed"
UNPROCESSABLE = "unprocessable"


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    path: str
    """The path under ``/api/v1``, query string included, with ``{x_id}`` placeholders."""
    status: int
    slug: str
    """The problem type, ``urn:tenantry:problem:<slug>``."""
    fields: tuple[str, ...]
    """The ``field`` of each of the problem's ``errors``, in order."""
    body: bytes | None = None
    """The raw body (placeholders filled in), sent as ``content_type``; ``None``: no body."""
    content_type: str | None = JSON
    headers: Mapping[str, str] = field(default_factory=dict)
    """Sent beside A's bearer token and a fresh Idempotency-Key."""
    without: tuple[str, ...] = ()
    """Headers not sent at all (``Idempotency-Key``)."""


def encoded(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def raw(base: Mapping[str, Any], name: str, text: str) -> bytes:
    """``base`` as JSON with member ``name`` set to the JSON text ``text``, as written: a
    value ``json.dumps`` would never write (``"\\ud800"``, ``1e400``, ``2**64``)."""
    return encoded({**base, name: "@RAW@"}).replace(b'"@RAW@"', text.encode())


PRODUCT = {
    "sku": "NEW-1",
    "name": "New",
    "currency": "EUR",
    "unit_price_minor": 100,
    "stock_quantity": 1,
}


def post(
    case_id: str, path: str, body: bytes, status: int, slug: str, *fields: str, **extra: Any
) -> Case:
    return Case(case_id, "POST", path, status, slug, fields, body, **extra)


def bad_product(case_id: str, name: str, value: Any) -> Case:
    """``POST /products`` with one member of a valid product replaced: a 400 naming it."""
    return post(case_id, "/products", encoded({**PRODUCT, name: value}), 400, INVALID, name)


def raw_product(case_id: str, name: str, text: str) -> Case:
    """``bad_product`` with the member written as the JSON text ``text``."""
    return post(case_id, "/products", raw(PRODUCT, name, text), 400, INVALID, name)


def bad_get(case_id: str, path: str, *fields: str) -> Case:
    return Case(case_id, "GET", path, 400, INVALID, fields)
