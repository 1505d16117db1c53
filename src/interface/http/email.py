"""The e-mail address on the wire, shared by every context that takes one."""

from __future__ import annotations

from typing import Annotated

import msgspec

Email = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=320,
        examples=["ada@acme.example"],
        description="Stored lower-case, the domain in its IDNA ASCII form (xn--...); one "
        "script per part, no look-alikes of Latin letters.",
    ),
]
