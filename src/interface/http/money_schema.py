"""Money on the wire: the currency is one of the ISO 4217 codes the domain accepts, so the
OpenAPI document lists them as an enum and a client's generator can type them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from domain.shared.currencies import CURRENCIES

CurrencyCode = StrEnum(  # type: ignore[misc]  # members come from the domain's list
    "CurrencyCode", {code: code for code in sorted(CURRENCIES)}
)
CurrencyCode.__doc__ = "An ISO 4217 currency code in circulation."

Currency = Annotated[CurrencyCode, msgspec.Meta(examples=["EUR"])]
Minor = Annotated[
    int, msgspec.Meta(ge=0, le=10**15, description="Integer minor units.", examples=[1850])
]
CurrencyOut = Annotated[
    str,
    msgspec.Meta(
        pattern="^[A-Z]{3}$",
        examples=["EUR"],
        description="ISO 4217; data written before a code was withdrawn keeps it.",
    ),
]
