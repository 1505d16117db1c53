"""ETags from resource versions, and the If-Match precondition of PATCH and DELETE."""

from __future__ import annotations

import re
from typing import Annotated

from litestar.params import HeaderParameter

from domain.shared.versioning import ANY_VERSION, PreconditionFailed

_TAG = re.compile(r'^"(\d{1,18})"$')

IF_MATCH = "If-Match"
IfMatch = Annotated[
    str,
    HeaderParameter(
        name=IF_MATCH,
        description=(
            'The ETag you read, like `"3"` (a strong tag: If-Match compares strongly, RFC '
            "9110), or `*` for whatever version is current. Missing is a 428, malformed a 400, "
            "stale a 412."
        ),
        pattern=r'^(\*|"[0-9]{1,18}")$',
    ),
]
"""Required, as the document says; ``problems`` answers its absence with a 428, not a 400."""


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version named by If-Match; ``None`` when absent. The header's pattern refuses a
    malformed tag before this runs; should one get here, it is stale."""
    if if_match is None or not if_match.strip():
        return None
    if if_match.strip() == "*":
        return ANY_VERSION
    match = _TAG.fullmatch(if_match.strip())
    if match is None:
        raise PreconditionFailed('If-Match must be the ETag of the resource, like "3".')
    return int(match.group(1))
