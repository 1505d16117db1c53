"""Money is integer minor units plus an ISO 4217 currency code; never a float."""

from __future__ import annotations

from domain.shared.currencies import CURRENCIES
from domain.shared.errors import FieldError, ValidationFailed

MAX_MINOR = 10**15
"""Upper bound of any amount (fits a bigint with room for totals)."""


def parse_currency(raw: str, field: str = "currency") -> str:
    code = raw.strip().upper()
    if code not in CURRENCIES:
        raise ValidationFailed(
            "The currency is invalid.",
            (FieldError(field, "use an ISO 4217 currency code in capitals, like EUR"),),
        )
    return code


def check_amount(amount: int, field: str) -> int:
    if not 0 <= amount <= MAX_MINOR:
        raise ValidationFailed(
            "The amount is out of range.", (FieldError(field, f"must be 0 to {MAX_MINOR}"),)
        )
    return amount


_MINOR_DIGITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG"), 0),
    **dict.fromkeys(("RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}
"""ISO 4217 currencies whose minor unit is not a hundredth."""


def format_money(amount_minor: int, currency: str) -> str:
    """``2500, "EUR"`` -> ``"25.00 EUR"``; ``2500, "JPY"`` -> ``"2500 JPY"``."""
    digits = _MINOR_DIGITS.get(currency, 2)
    sign = "-" if amount_minor < 0 else ""
    whole, fraction = divmod(abs(amount_minor), 10**digits)
    shown = f"{whole}.{fraction:0{digits}d}" if digits else str(whole)
    return f"{sign}{shown} {currency}"
