"""The columns ``bench/seed.py`` fills, with the type each ``VALUES`` parameter is cast to
(``tenant_id`` comes first in every row and is not listed)."""

from __future__ import annotations

from collections.abc import Sequence

Columns = Sequence[tuple[str, str]]

CUSTOMER_COLUMNS = (("id", "uuid"), ("email", "text"), ("name", "text"), ("version", "int"))
PRODUCT_COLUMNS = (
    ("id", "uuid"),
    ("sku", "text"),
    ("name", "text"),
    ("description", "text"),
    ("currency", "text"),
    ("unit_price_minor", "bigint"),
    ("stock_quantity", "int"),
    ("active", "bool"),
    ("version", "int"),
)
ORDER_COLUMNS = (
    ("id", "uuid"),
    ("customer_id", "uuid"),
    ("status", "text"),
    ("currency", "text"),
    ("total_minor", "bigint"),
    ("payment_status", "text"),
    ("payment_reference", "text"),
    ("payment_failure_code", "text"),
    ("payment_attempts", "int"),
    ("version", "int"),
    ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("view", "json"),
)
"""The last, ``view``, is the order's document as the app writes it (``bench/seed.py``)."""
LINE_COLUMNS = (
    ("id", "uuid"),
    ("order_id", "uuid"),
    ("line_no", "int"),
    ("product_id", "uuid"),
    ("quantity", "int"),
    ("unit_price_minor", "bigint"),
    ("line_total_minor", "bigint"),
    ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
)
