"""ETags from resource versions, and the If-Match precondition of PATCH and DELETE."""

from __future__ import annotations

import re
from typing import Annotated

from litestar.params import HeaderParameter

from domain.shared.versioning import PreconditionFailed

_TAG = re.compile(r'^(?:W/)?"(\d{1,18})"$')

IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        required=False,
        description="The ETag you read. Required: missing is a 428, stale a 412.",
    ),
]


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version named by If-Match; ``None`` when absent. A malformed tag is stale."""
    if if_match is None or not if_match.strip():
        return None
    match = _TAG.fullmatch(if_match.strip())
    if match is None:
        raise PreconditionFailed('If-Match must be the ETag of the resource, like "3".')
    return int(match.group(1))
