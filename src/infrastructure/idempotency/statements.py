"""The statements of ``SqlaIdempotencyKeys``, built once: each is compiled once per process
and found in SQLAlchemy's statement cache afterwards (an ORM ``insert``/``update`` built per
call was compiled, or at least keyed, on every call: issue 13).

Every statement filters by, or writes, the tenant explicitly (row-level security checks it
too). A claim is one ``INSERT ... ON CONFLICT DO UPDATE ... WHERE`` whatever it carries: it
takes over an expired row, or its own request's unanswered one (same recovery point), and
otherwise changes nothing and returns no row. Its ``SET`` and ``WHERE`` use no
non-IMMUTABLE function (Citus refuses one there): the time is a parameter.
"""

from __future__ import annotations

from sqlalchemy import text

CLAIM = text("""
INSERT INTO idempotency_keys AS k (tenant_id, id, user_id, key, fingerprint, response_status,
                                   response_body, response_headers, recovery_point, expires_at)
VALUES (:tenant_id, :id, :user_id, :key, :fingerprint, :status, :body,
        CAST(:headers AS jsonb), :recovery_point, :expires_at)
ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET
  fingerprint = EXCLUDED.fingerprint,
  response_status = EXCLUDED.response_status,
  response_body = EXCLUDED.response_body,
  response_headers = EXCLUDED.response_headers,
  recovery_point = CASE WHEN k.recovery_point = :resource_id THEN k.recovery_point
                        ELSE EXCLUDED.recovery_point END,
  interrupted_at = NULL,
  expires_at = EXCLUDED.expires_at,
  updated_at = :now
WHERE k.expires_at <= :now
   OR (k.recovery_point = :resource_id AND k.response_status IS NULL)
RETURNING k.id
""")
"""Claim a key. ``recovery_point`` is what the row gets when it is new or taken over
(``resource_id``, or none when the claim carries its answer); a takeover of the request's
own claim (``resource_id`` equal to the row's) keeps the row's recovery point."""

REPLAY = text("""
SELECT fingerprint, response_status, response_body, response_headers, recovery_point,
       interrupted_at, updated_at
FROM idempotency_keys
WHERE tenant_id = :tenant_id AND user_id = :user_id AND key = :key
""")

COMPLETE = text("""
UPDATE idempotency_keys
SET response_status = :status, response_body = :body,
    response_headers = CAST(:headers AS jsonb), updated_at = :now
WHERE tenant_id = :tenant_id AND user_id = :user_id AND key = :key
""")

ABANDON = text("""
UPDATE idempotency_keys SET interrupted_at = :now, updated_at = :now
WHERE tenant_id = :tenant_id AND user_id = :user_id AND key = :key
  AND recovery_point = :resource_id AND response_status IS NULL
""")

PURGE = text("DELETE FROM idempotency_keys WHERE tenant_id = :tenant_id AND expires_at <= :now")
