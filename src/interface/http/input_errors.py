"""The ``errors`` of a problem about bad input: which field, parameter or header, and why.

Litestar reports bad input in several shapes: a list of ``{key, message}`` from validation,
a ``KeyError`` for a missing parameter, a decoding error with only a byte offset, a bare
413. ``field_errors`` turns each into the one shape clients read:
``[{"field": ..., "message": ...}]``.
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Request
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.params import ParameterKwarg
from litestar.status_codes import HTTP_413_REQUEST_ENTITY_TOO_LARGE
from litestar.utils.scope.state import ScopeState

from interface.http.body_errors import locate

FieldErrors = list[dict[str, str]]


def is_decoding_error(exc: HTTPException) -> bool:
    """The body was refused by the JSON decoder (malformed, or a value it cannot hold)."""
    return isinstance(exc.__cause__, SerializationException)


def is_input_error(exc: HTTPException) -> bool:
    return isinstance(exc, ValidationException) or is_decoding_error(exc)


def field_errors(request: Request[Any, Any, Any], exc: HTTPException) -> FieldErrors:
    if is_decoding_error(exc):
        return [_decoding_error(request, exc)]
    if exc.status_code == HTTP_413_REQUEST_ENTITY_TOO_LARGE:
        limit = request.route_handler.resolve_request_max_body_size()
        return [{"field": "body", "message": f"larger than the limit of {limit} bytes"}]
    missing = missing_parameter(request, exc)
    if missing is not None:
        return [{"field": missing, "message": "required"}]
    return _listed(request, exc.extra)


def missing_parameter(request: Request[Any, Any, Any], exc: HTTPException) -> str | None:
    """The required parameter the request lacks, as the route declares it, or ``None``."""
    if isinstance(exc, ValidationException) and isinstance(exc.__cause__, KeyError):
        return _declared_name(request, str(exc.__cause__.args[0]))
    return None


def decoding_detail(errors: FieldErrors) -> str:
    if errors and errors[0]["field"] != "body":
        return "A value in the request body cannot be taken (see errors)."
    return "The request body is not valid JSON."


def _declared_name(request: Request[Any, Any, Any], alias: str) -> str:
    """A missing header as the route declares it (``Idempotency-Key``): the parser only
    knows it in lower case."""
    for parameter in request.route_handler.parsed_fn_signature.parameters.values():
        declared = parameter.kwarg_definition
        if isinstance(declared, ParameterKwarg) and (declared.name or "").lower() == alias:
            return declared.name or alias
    return alias


def body_error() -> FieldErrors:
    return [{"field": "body", "message": "not UTF-8 JSON, or nested too deeply"}]


def _decoding_error(request: Request[Any, Any, Any], exc: HTTPException) -> dict[str, str]:
    body = ScopeState.from_scope(request.scope).body
    found = locate(body) if isinstance(body, bytes) else None
    if found is not None:
        return {"field": found.field, "message": found.message}
    return {"field": "body", "message": f"not valid JSON: {exc.detail}"}


def _listed(request: Request[Any, Any, Any], raw: Any) -> FieldErrors:
    if not isinstance(raw, list):
        return []
    errors = []
    for item in raw:
        if isinstance(item, dict):
            message = str(item.get("message", "invalid"))
            key = _as_declared(request, str(item.get("key") or ""))
            errors.append({"field": _field(key, message), "message": message})
    return errors


def _as_declared(request: Request[Any, Any, Any], key: str) -> str:
    """A parameter as the route declares it (``Idempotency-Key``), not by the handler's
    argument name (``idempotency_key``) that the parser reports."""
    parameter = request.route_handler.parsed_fn_signature.parameters.get(key)
    declared = None if parameter is None else parameter.kwarg_definition
    if isinstance(declared, ParameterKwarg) and declared.name:
        return declared.name
    return key


def _field(key: str, message: str) -> str:
    """The field a message is about; msgspec names an unknown field only in its message, and
    the body itself as ``data``."""
    parent = "" if key in ("", "data") else f"{key}."
    unknown = _UNKNOWN.search(message)
    if unknown is not None:
        return parent + unknown.group(1)
    return key if parent else "body"


_UNKNOWN = re.compile(r"unknown field `([^`]*)`")
