"""The statements of a paid order as the API sends them (``bench/floor_writes.py``).

Taken from what ``tests/api/test_write_round_trips.py`` records on the wire, with the
values SQLAlchemy binds for a new paid order written in place and the parameters numbered
by hand. The order's row and its transition to paid carry its document (``view``), as the
API's do.
"""

from __future__ import annotations

import os
from functools import lru_cache

RATE = (
    "SELECT t.hits, t.reset_seconds FROM unnest(CAST($1 AS uuid[]), CAST($2 AS integer[]))"
    " WITH ORDINALITY AS k(key, seconds, n) CROSS JOIN LATERAL rate_counter_take(k.key, k.seconds)"
    " AS t ORDER BY k.n"
)
CLAIM = (  # the API's claim (infrastructure/idempotency/statements.py) for an order's key
    "INSERT INTO idempotency_keys AS k (tenant_id, id, user_id, key, fingerprint,"
    " response_status, response_body, response_headers, recovery_point, expires_at)"
    " VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL, $6, $7)"
    " ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
    " response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,"
    " response_headers = EXCLUDED.response_headers, recovery_point = CASE WHEN"
    " k.recovery_point = $6 THEN k.recovery_point ELSE EXCLUDED.recovery_point END,"
    " interrupted_at = NULL, expires_at = EXCLUDED.expires_at, updated_at = $8"
    " WHERE k.expires_at <= $8 OR (k.recovery_point = $6 AND k.response_status IS NULL)"
    " RETURNING k.id"
)
TAKE = (
    "WITH locked AS (SELECT id FROM products WHERE tenant_id = $1 AND id = ANY(CAST($2 AS uuid[]))"
    " ORDER BY id FOR UPDATE) UPDATE products AS p SET stock_quantity = p.stock_quantity -"
    " (CAST($3 AS integer[]))[array_position(CAST($2 AS uuid[]), p.id)], version = p.version + 1,"
    " updated_at = now() FROM locked WHERE p.tenant_id = $1 AND p.id = locked.id AND"
    " p.stock_quantity >= (CAST($3 AS integer[]))[array_position(CAST($2 AS uuid[]), p.id)]"
    " RETURNING p.id, p.currency, p.unit_price_minor, p.active"
)
EVENT = (
    "WITH appended AS (INSERT INTO outbox (tenant_id, id, event_type, event_version, payload,"
    " occurred_at, status, attempts, available_at) VALUES (CAST($1 AS uuid), CAST($2 AS uuid),"
    " $3, $4, CAST($5 AS jsonb), now(), 'pending', 0, now())), woken AS (INSERT INTO"
    " outbox_wakeups (tenant_id, id, due_at) VALUES (CAST($1 AS uuid), CAST($6 AS uuid), now()))"
    " SELECT pg_notify('tenantry_outbox', CAST($1 AS text))"
)
if os.environ.get("BENCH_FLOOR_NOTIFY", "on") == "off":  # what the wake-up costs, by hand
    EVENT = EVENT.replace(
        "SELECT pg_notify('tenantry_outbox', CAST($1 AS text))", "SELECT CAST($1 AS text)"
    )
CHARGE = (
    "INSERT INTO sandbox_charges (tenant_id, id, idempotency_key, reference, token, amount_minor,"
    " currency, status, failure_code) VALUES ($1, $2, $3, $4, $5, $6, $7, 'succeeded', NULL)"
    " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING status, reference, failure_code"
)
PAID = (
    "UPDATE orders SET status = 'paid', payment_status = 'succeeded', payment_reference = $1,"
    " payment_failure_code = NULL, payment_attempts = 1, version = 2, updated_at = $2,"
    " view = $5 WHERE tenant_id = $3 AND id = $4 AND status = 'pending_payment' AND version = 1"
)
ANSWER = (
    "UPDATE idempotency_keys SET response_status = 201, response_body = $1,"
    " response_headers = CAST($2 AS jsonb), updated_at = now()"
    " WHERE tenant_id = $3 AND user_id = $4 AND key = $5"
)
_ORDER_COLUMNS = (
    "tenant_id, id, customer_id, status, currency, total_minor, payment_status,"
    " payment_attempts, version, created_at, updated_at, view"
)
_LINE_COLUMNS = (
    "tenant_id, id, order_id, line_no, product_id, quantity, unit_price_minor, line_total_minor"
)


@lru_cache(maxsize=8)
def place_sql(lines: int) -> str:
    """The order (its document ``$8``) and its ``lines`` in one statement, as the API
    writes them."""
    rows = ", ".join(
        "(" + ", ".join(f"${9 + 8 * n + i}" for i in range(8)) + ")" for n in range(lines)
    )
    return (
        f"WITH placed AS (INSERT INTO orders ({_ORDER_COLUMNS}) VALUES ($1, $2, $3,"
        " 'pending_payment', $4, $5, 'pending', 0, 1, $6, $7, $8))"
        f" INSERT INTO order_lines ({_LINE_COLUMNS}) VALUES {rows}"
    )
