"""Every request gets an id: echoed in ``X-Request-ID``, in logs and in problem bodies.

The server makes the id. An incoming ``X-Request-ID`` is taken instead only from a proxy
named in ``TRUSTED_PROXIES`` (it carries the id of the proxy's own log line); from anyone
else it is recorded beside the server's id (``client_request_id`` in the access log), never
instead of it: a client cannot make its requests look like somebody else's."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from litestar.types import Scope

HEADER = "x-request-id"
_HEADER_BYTES = HEADER.encode()
_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_VERSION_4 = 0x4000 << 64  # the version nibble, as uuid4 sets it
_RFC_4122 = 0x8000 << 48  # the variant's two bits
_CLEARED = ~((0xF000 << 64) | (0xC000 << 48))


def new_request_id() -> str:
    """A random version 4 UUID in hex, as ``uuid4().hex`` gives it, without building a
    ``UUID`` (its checks cost more than the id; issue 13)."""
    value = int.from_bytes(os.urandom(16), "big") & _CLEARED | _VERSION_4 | _RFC_4122
    return f"{value:032x}"


def request_id_of(scope: Scope | dict[str, Any]) -> str:
    """The id of the request in ``scope`` (assigned on first use)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    current = state.get("request_id")
    if isinstance(current, str):
        return current
    request_id = state["request_id"] = new_request_id()
    return request_id


def client_request_id_of(scope: Scope | dict[str, Any]) -> str | None:
    """The id an untrusted client sent, kept for the log beside the server's."""
    value = scope.get("state", {}).get("client_request_id")
    return value if isinstance(value, str) else None


def assign_request_id(scope: Scope, trusted: Callable[[Scope], bool]) -> str:
    """Give the request its id (see the module docstring) and return it; ``trusted`` says
    whether the request came from a trusted proxy. Called once per request, by the app's
    edge (``interface/http/edge.py``), so even routing errors carry the id."""
    incoming = _incoming(scope)
    state: dict[str, Any] = scope.setdefault("state", {})
    if incoming and _SAFE.fullmatch(incoming):
        if trusted(scope):
            state["request_id"] = incoming
        else:
            state["client_request_id"] = incoming
    return request_id_of(scope)


def _incoming(scope: Scope | dict[str, Any]) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == _HEADER_BYTES:
            decoded: str = value.decode("latin-1")
            return decoded
    return None
