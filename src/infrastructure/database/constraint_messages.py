"""What a broken constraint means, in words a client can act on, never the constraint's name.

A problem detail that said ``fk_idempotency_keys_tenant_id_user_id_users`` would show the
schema to every client. Each constraint a request can plausibly break is listed here with a
plain sentence (and, for rule violations, the request field it concerns); any other gets
the plain sentence of its kind. The names are those the migrations create; a unit test
checks that every name listed here exists in the models, so the list cannot rot unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Meaning:
    detail: str
    field: str | None = None
    """The request field the constraint guards, when there is one."""


DUPLICATE = Meaning("A resource with these values already exists.")
MISSING_REFERENCE = Meaning("A referenced record does not exist.")
STILL_REFERENCED = Meaning("The resource is still referenced by other records.")
BROKEN_RULE = Meaning("A value breaks a rule of the data.")
MISSING_VALUE = Meaning("A required value is missing.")
_GONE_USER = Meaning("Your user no longer exists.")
_GONE_TENANT = Meaning("Your tenant no longer exists.")

_DUPLICATES = {
    "uq_tenants_slug": Meaning("A tenant with this slug already exists.", "tenant_slug"),
    "uq_users_tenant_id_email": Meaning("A user with this email already exists.", "email"),
    "uq_customers_tenant_id_email": Meaning("A customer with this email already exists.", "email"),
    "uq_products_tenant_id_sku": Meaning("A product with this SKU already exists.", "sku"),
    "uq_idempotency_keys_tenant_id_user_id_key": Meaning("This Idempotency-Key is already in use."),
}
_REFERENCES = {
    "fk_idempotency_keys_tenant_id_user_id_users": _GONE_USER,
    "fk_refresh_tokens_tenant_id_user_id_users": _GONE_USER,
    "fk_orders_tenant_id_customer_id_customers": Meaning(
        "The customer does not exist.", "customer_id"
    ),
    "fk_order_lines_tenant_id_product_id_products": Meaning(
        "A product of the order does not exist.", "product_id"
    ),
    "fk_order_lines_tenant_id_order_id_orders": Meaning("The order does not exist."),
    "fk_webhook_deliveries_tenant_id_webhook_id_webhooks": Meaning("The webhook does not exist."),
}
_RULES = {
    "ck_products_price_not_negative": Meaning("must not be negative", "unit_price_minor"),
    "ck_products_stock_not_negative": Meaning("must not be negative", "stock_quantity"),
    "ck_products_currency_iso": Meaning("must be an ISO 4217 code", "currency"),
    "ck_order_lines_quantity_positive": Meaning("must be positive", "quantity"),
    "ck_orders_total_not_negative": Meaning("The order total must not be negative."),
}
KNOWN_CONSTRAINTS = frozenset(_DUPLICATES) | frozenset(_REFERENCES) | frozenset(_RULES)
_SHARD_SUFFIX = re.compile(r"_[0-9]+$")


def table_constraint(name: str) -> str:
    """The table's constraint behind ``name``. On Citus a violation raised on a worker names
    the shard's copy, the table's name plus ``_<shard id>``; no constraint of the schema
    ends in digits (a unit test checks the models), so a digit suffix is always a shard's."""
    return _SHARD_SUFFIX.sub("", name)


def duplicate(constraint: str | None) -> Meaning:
    """A unique or primary key violation (23505)."""
    return _DUPLICATES.get(constraint or "", DUPLICATE)


def missing_reference(constraint: str | None) -> Meaning:
    """An insert or update naming a row that does not exist (23503 on the referencing side)."""
    if constraint is not None and constraint.endswith("_tenant_id_tenants"):
        return _GONE_TENANT
    return _REFERENCES.get(constraint or "", MISSING_REFERENCE)


def broken_rule(constraint: str | None) -> Meaning:
    """A check constraint violation (23514)."""
    return _RULES.get(constraint or "", BROKEN_RULE)
