"""What a request must be before its parameters are parsed (``RequestChecks``, run by the
app before every route handler).

Every query parameter is one the operation declares (``query_params``).

Query values are text: valid UTF-8 once percent-decoded, and free of what the text rule
(``domain.shared.text``) refuses; a bad one is a 400 naming the parameter.

``check_body`` runs only for routes that take a body. A body that is not
``application/json`` is a 415; one over ``MAX_BODY_BYTES`` a 413 (refused before it is read
when its ``Content-Length`` says so; Litestar counts the rest as it streams); an empty one a
400 naming ``body``. Reading it here caches it for the parser, so nothing is read twice.

The body is then decoded here, strictly, as the handler's body type: Litestar's own parser
coerces (the string ``"100"`` for an integer), so a body the OpenAPI document refuses
would be taken. A mismatch is a 400 naming the field; the decoded body is cached for the
handler, so it is decoded once. JSON that is malformed or not UTF-8 is left to Litestar's
parser, whose errors ``input_errors`` names.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any
from urllib.parse import unquote_to_bytes

import msgspec
from litestar import Request
from litestar.exceptions import HTTPException
from litestar.serialization import default_deserializer
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE
from litestar.utils.scope.state import ScopeState

from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.text import check_text
from interface.http.body_errors import schema_error
from interface.http.query_params import UnknownQueryParameters

JSON = "application/json"


class UnsupportedMediaType(HTTPException):
    status_code = HTTP_415_UNSUPPORTED_MEDIA_TYPE


def takes_body(request: Request[Any, Any, Any]) -> bool:
    return "data" in request.route_handler.parsed_fn_signature.parameters


def is_json(content_type: str | None) -> bool:
    """``application/json``, with no charset or ``charset=utf-8`` (JSON is UTF-8, RFC 8259)."""
    if content_type is None:
        return False
    media, _, parameters = content_type.partition(";")
    charset = _CHARSET.search(parameters)
    utf8 = charset is None or charset.group(1).strip('"').lower() in ("utf-8", "utf8")
    return media.strip().lower() == JSON and utf8


_CHARSET = re.compile(r"charset\s*=\s*([^;\s]+)", re.IGNORECASE)


class RequestChecks:
    """The app's ``before_request`` hook (one per app): unknown query parameters, then query
    values, then the body."""

    def __init__(self) -> None:
        self._unknown_parameters = UnknownQueryParameters()

    async def __call__(self, request: Request[Any, Any, Any]) -> None:
        await self._unknown_parameters(request)
        check_query(request)
        await check_body(request)


def check_query(request: Request[Any, Any, Any]) -> None:
    """Refuse a query value that is not UTF-8 text or breaks the text rule."""
    raw: bytes = request.scope["query_string"]
    if not raw:
        return
    for pair in raw.split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            text = unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationFailed(
                "A query parameter is not UTF-8 text.",
                (FieldError(_name(name), "not UTF-8 text once percent-decoded"),),
            ) from None
        check_text(text, _name(name))


def _name(raw: bytes) -> str:
    return unquote_to_bytes(raw).decode("utf-8", "replace")


async def check_body(request: Request[Any, Any, Any]) -> None:
    """Refuse a body of the wrong type, too large or empty, before it is parsed."""
    if not takes_body(request):
        return
    content_type = request.headers.get("content-type")
    if not is_json(content_type):
        sent = f"`{content_type}`" if content_type else "no Content-Type"
        raise UnsupportedMediaType(
            f"The body must be JSON, sent as `Content-Type: {JSON}`; this request has {sent}.",
            extra=[{"key": "Content-Type", "message": f"must be {JSON}"}],
        )
    body = await request.body()
    if not body.strip():
        raise ValidationFailed(
            "The request body is empty; this operation takes a JSON object.",
            (FieldError("body", "required: send a JSON object"),),
        )
    decode_strictly(request, body)


def decode_strictly(request: Request[Any, Any, Any], body: bytes) -> None:
    """Decode ``body`` as the handler's body type with no coercion, for the handler. JSON
    Schema counts ``100.0`` as an integer, so an integral number is one; ``"100"`` is not."""
    handler = request.route_handler
    body_type = handler.parsed_fn_signature.parameters["data"].annotation
    dec_hook = partial(default_deserializer, type_decoders=handler.resolve_type_decoders())
    try:
        try:
            data = msgspec.json.decode(body, type=body_type, strict=True, dec_hook=dec_hook)
        except msgspec.ValidationError as error:
            if "got `float`" not in str(error):
                raise
            data = _with_integral_floats(body, body_type, dec_hook)
    except msgspec.ValidationError as error:
        raise ValidationFailed(
            "The request body does not match the schema (see errors).", (schema_error(error),)
        ) from None
    except (msgspec.DecodeError, UnicodeDecodeError):
        return  # not JSON: Litestar's parser refuses it and its error is named there
    ScopeState.from_scope(request.scope).json = data


def _with_integral_floats(body: bytes, body_type: Any, dec_hook: Any) -> Any:
    """The body decoded again with each integral float (``100.0``) as an int; never falls
    back to a lax parser: too deep a body is a 400 here."""
    try:
        document = _integral_floats_as_ints(msgspec.json.decode(body))
    except RecursionError:
        raise ValidationFailed(
            "The request body is nested too deeply.", (FieldError("body", "nested too deeply"),)
        ) from None
    return msgspec.convert(document, body_type, strict=True, dec_hook=dec_hook)


def _integral_floats_as_ints(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    if isinstance(value, list):
        return [_integral_floats_as_ints(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral_floats_as_ints(item) for key, item in value.items()}
    return value
