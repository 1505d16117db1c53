"""How errors look in the OpenAPI document: one problem schema, the statuses each route
can answer, so clients and the docs UI see the real contract."""

from __future__ import annotations

import msgspec
from litestar.openapi.datastructures import ResponseSpec

from interface.http.problems import MEDIA_TYPE


class FieldProblem(msgspec.Struct, frozen=True):
    field: str
    message: str

    @classmethod
    def example(cls) -> FieldProblem:
        return cls("unit_price_minor", "Expected `int` >= 0")


class Problem(msgspec.Struct, frozen=True):
    """RFC 9457 problem details, with the request id and, for invalid input, the fields."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    request_id: str
    errors: list[FieldProblem] | msgspec.UnsetType = msgspec.UNSET
    order_id: str | msgspec.UnsetType = msgspec.UNSET
    failure_code: str | msgspec.UnsetType = msgspec.UNSET

    @classmethod
    def example(cls) -> Problem:
        """A product refused for a negative price (every status answers this shape)."""
        return cls(
            type="urn:tenantry:problem:validation-failed",
            title="Invalid request",
            status=400,
            detail="The request body does not match the schema (see errors).",
            instance="/api/v1/products",
            request_id="1e7eaa4e815e47488b724b409b92889e",
            errors=[FieldProblem.example()],
        )


_DESCRIPTIONS = {
    400: "Invalid input; `errors` names each bad field",
    401: "Missing, invalid or expired bearer token (`WWW-Authenticate: Bearer`)",
    402: "Payment declined; the order exists as `payment_failed` (`order_id`, `failure_code`)",
    403: "The caller's role does not allow this, or the tenant is suspended",
    404: "Not found (another tenant's resource looks exactly the same)",
    409: "Conflict with the current state (duplicate, invalid transition, stock)",
    412: "If-Match does not match the current ETag",
    413: "The body is larger than the server's limit (`MAX_BODY_BYTES`, 1 MiB by default)",
    415: "The body is not `application/json`",
    422: (
        "Matches the schema but a rule refuses it (refers to something missing or unfit, a "
        "weak password, ...), or an Idempotency-Key reused with another body"
    ),
    428: "If-Match is required",
    429: "Too many requests; wait `Retry-After` seconds (`RateLimit` shows the limits)",
    500: "Unexpected error; quote the `request_id`",
    503: (
        "The database or another dependency is unavailable (`Retry-After`); for orders the "
        "order is kept (`order_id`)"
    ),
}


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    """Response specs for the given error statuses, all as ``application/problem+json``."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=_DESCRIPTIONS[status],
            media_type=MEDIA_TYPE,
            generate_examples=False,
        )
        for status in statuses
    }


API_ERRORS = problems(400, 401, 403, 404, 500, 503)
"""What any authenticated API route can answer."""
BODY_ERRORS = problems(413, 415, 422)
"""What any route that takes a body can answer besides."""
