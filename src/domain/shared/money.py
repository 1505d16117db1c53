"""Money is integer minor units plus an ISO 4217 currency code; never a float."""

from __future__ import annotations

import re

from domain.shared.errors import FieldError, ValidationFailed

_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_MINOR = 10**15
"""Upper bound of any amount (fits a bigint with room for totals)."""


def parse_currency(raw: str, field: str = "currency") -> str:
    code = raw.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise ValidationFailed(
            "The currency is invalid.", (FieldError(field, "use an ISO 4217 code like EUR"),)
        )
    return code


def check_amount(amount: int, field: str) -> int:
    if not 0 <= amount <= MAX_MINOR:
        raise ValidationFailed(
            "The amount is out of range.", (FieldError(field, f"must be 0 to {MAX_MINOR}"),)
        )
    return amount
