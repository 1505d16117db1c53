"""The hard-input corpus: requests a careless or hostile client sends, each with the answer
it must get (``test_hard_input.py`` runs them; a case is a ``hard_input_case.Case``).

Input the OpenAPI document does not allow is a 400 ``validation-failed`` naming each bad
field, parameter or header; a body that is not JSON a 415, one too large a 413; input the
schema allows but a rule refuses a 422 naming the field.
"""

from __future__ import annotations

from tests.api.hard_input_case import (
    INVALID,
    MAX_BODY_BYTES,
    PRODUCT,
    UNPROCESSABLE,
    Case,
    bad_get,
    bad_product,
    encoded,
    post,
    raw,
    raw_product,
)
from tests.api.identity_helpers import PASSWORD

CUSTOMER = {"email": "new@example.test", "name": "New"}
LINE = {"product_id": "{product_id}", "quantity": 1}
ORDER = {"customer_id": "{customer_id}", "lines": [LINE], "payment_token": "tok_visa"}
USER = {"email": "new@acme.test", "password": PASSWORD}
SIGNUP = {
    "tenant_name": "New Inc.",
    "tenant_slug": "new-inc",
    "email": "owner@new.test",
    "password": PASSWORD,
}


MEDIA_TYPE = [
    post("json-as-text-plain", "/products", encoded(PRODUCT), 415, "unsupported-media-type",
         "Content-Type", content_type="text/plain"),
    post("form-encoded", "/customers", b"email=new%40example.test&name=New", 415,
         "unsupported-media-type", "Content-Type",
         content_type="application/x-www-form-urlencoded"),
    post("no-content-type", "/products", encoded(PRODUCT), 415, "unsupported-media-type",
         "Content-Type", content_type=None),
    post("json-lookalike-type", "/customers", encoded(CUSTOMER), 415, "unsupported-media-type",
         "Content-Type", content_type="application/jsonx"),
    post("json-in-latin-1", "/customers", encoded(CUSTOMER), 415, "unsupported-media-type",
         "Content-Type", content_type="application/json; charset=latin-1"),
]  # fmt: skip

BODY = [
    post("empty-body", "/products", b"", 400, INVALID, "body"),
    post("blank-body", "/customers", b" \r\n\t ", 400, INVALID, "body"),
    post("too-large", "/customers", raw(CUSTOMER, "name", '"' + "a" * MAX_BODY_BYTES + '"'),
         413, "payload-too-large", "body"),
    post("not-json", "/products", b'{"sku": "NEW-1",', 400, INVALID, "body"),
    post("array-not-object", "/customers", b"[]", 400, INVALID, "body"),
    post("null-not-object", "/customers", b"null", 400, INVALID, "body"),
    post("nested-100k-arrays", "/products", b"[" * 100_000, 400, INVALID, "body"),
    post("nested-100k-objects", "/products", b'{"sku": ' + b'{"a":' * 100_000, 400, INVALID,
         "sku"),
    post("nested-in-a-field", "/products", raw(PRODUCT, "sku", "[" * 5000 + "]" * 5000), 400,
         INVALID, "sku"),
    post("invalid-utf8", "/customers", b'{"email": "new@example.test", "name": "\xc3("}', 400,
         INVALID, "body"),
    post("unknown-field-tenant-id", "/products",
         encoded({**PRODUCT, "tenant_id": "{user_id}"}), 400, INVALID, "tenant_id"),
    post("missing-required-field", "/products",
         encoded({k: v for k, v in PRODUCT.items() if k != "sku"}), 400, INVALID, "sku"),
]  # fmt: skip

TEXT = [
    post("unpaired-high-surrogate", "/customers", raw(CUSTOMER, "name", r'"\ud800"'), 400,
         INVALID, "name"),
    post("unpaired-low-surrogate", "/products", raw(PRODUCT, "sku", r'"a\udfffb"'), 400,
         INVALID, "sku"),
    post("surrogate-in-a-member-name", "/customers", raw(CUSTOMER, "name", r'"New", "\ud800": 1'),
         400, INVALID, "body"),
    bad_product("nul-in-name", "name", "Ne\x00w"),
    bad_product("escape-in-sku", "sku", "NEW\x1b[31m"),
    bad_product("newline-in-single-line-name", "name", "New\nline"),
    bad_product("carriage-return-in-description", "description", "multi\r\nline"),
    bad_product("line-separator-in-name", "name", "New\u2028"),
    bad_product("bidi-override-in-name", "name", "Invoice\u202efdp.exe"),
    post("nul-in-customer-email", "/customers", encoded({**CUSTOMER, "email": "a\x00@b.test"}),
         400, INVALID, "email"),
    post("delete-in-payment-token", "/orders", encoded({**ORDER, "payment_token": "tok\x7f"}),
         400, INVALID, "payment_token"),
    bad_product("name-too-long", "name", "a" * 201),
    Case("nul-in-a-patch", "PATCH", "/products/{product_id}", 400, INVALID, ("name",),
         encoded({"name": "Ne\x00w"}), headers={"If-Match": '"1"'}),
    Case("weak-etag-in-if-match", "PATCH", "/products/{product_id}", 400, INVALID,
         ("If-Match",), encoded({"name": "New"}), headers={"If-Match": 'W/"1"'}),
    post("integral-float-then-deep-nesting", "/orders",
         raw({**ORDER, "lines": [{**LINE, "quantity": 1.0}]}, "payment_token",
             "[" * 5000 + "]" * 5000),
         400, INVALID, "body"),
    bad_product("empty-sku", "sku", ""),
    bad_product("name-not-a-string", "name", 5),
    bad_product("name-null", "name", None),
]  # fmt: skip

NUMBERS = [
    raw_product("price-beyond-64-bits", "unit_price_minor", str(2**64)),
    raw_product("price-below-64-bits", "unit_price_minor", str(-(2**64))),
    raw_product("stock-1e400", "stock_quantity", "1e400"),
    raw_product("price-negative-1e400", "unit_price_minor", "-1e400"),
    bad_product("price-above-range", "unit_price_minor", 10**15 + 1),
    bad_product("price-negative", "unit_price_minor", -1),
    bad_product("stock-beyond-32-bits", "stock_quantity", 2**31),
    bad_product("price-fraction", "unit_price_minor", 1.5),
    bad_product("price-as-string", "unit_price_minor", "100"),
    bad_product("stock-as-boolean", "stock_quantity", True),
    bad_product("boolean-as-string", "active", "true"),
    post("quantity-beyond-64-bits", "/orders",
         raw(ORDER, "lines", '[{"product_id": "{product_id}", "quantity": ' + str(2**70) + "}]"),
         400, INVALID, "lines[0].quantity"),
    post("quantity-zero", "/orders", encoded({**ORDER, "lines": [{**LINE, "quantity": 0}]}),
         400, INVALID, "lines[0].quantity"),
    post("no-lines", "/orders", encoded({**ORDER, "lines": []}), 400, INVALID, "lines"),
]  # fmt: skip

CURRENCY_AND_IDS = [
    bad_product("currency-not-iso-4217", "currency", "ZZZ"),
    bad_product("currency-lower-case", "currency", "eur"),
    bad_product("currency-empty", "currency", ""),
    post("customer-id-a-number", "/orders", encoded({**ORDER, "customer_id": 42}), 400, INVALID,
         "customer_id"),
    post("customer-id-not-a-uuid", "/orders", encoded({**ORDER, "customer_id": "not-a-uuid"}),
         400, INVALID, "customer_id"),
    post("product-id-not-a-uuid", "/orders",
         encoded({**ORDER, "lines": [{**LINE, "product_id": "{product_id}x"}]}), 400, INVALID,
         "lines[0].product_id"),
    bad_get("path-not-a-uuid", "/products/not-a-uuid", "product_id"),
    bad_get("path-uuid-with-nul", "/orders/{order_id}%00", "order_id"),
    bad_get("path-uuid-non-hex", "/customers/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "customer_id"),
]  # fmt: skip

QUERY = [
    bad_get("unknown-query-parameters", "/customers?email=x&foo=1", "email", "foo"),
    bad_get("tenant-id-in-query", "/products?tenant_id={user_id}", "tenant_id"),
    bad_get("nul-in-query-value", "/products?sku=a%00b", "sku"),
    bad_get("surrogate-in-query-value", "/products?sku=%ED%A0%80", "sku"),
    bad_get("invalid-utf8-in-query-value", "/products?sku=%FF", "sku"),
    bad_get("bidi-override-in-query-value", "/products?sku=%E2%80%AE", "sku"),
    bad_get("limit-zero", "/customers?limit=0", "limit"),
    bad_get("limit-too-large", "/customers?limit=100000", "limit"),
    bad_get("limit-beyond-64-bits", "/customers?limit=" + str(2**70), "limit"),
    bad_get("offset-negative", "/orders?offset=-1", "offset"),
    bad_get("sort-by-unknown-field", "/users?order_by=password_hash", "order_by"),
    bad_get("status-not-a-status", "/orders?status=stolen", "status"),
    bad_get("customer-id-filter-not-a-uuid", "/orders?customer_id=not-a-uuid", "customer_id"),
    bad_get("boolean-not-a-boolean", "/products?active=maybe", "active"),
]  # fmt: skip

HEADERS = [
    post("missing-idempotency-key", "/orders", encoded(ORDER), 400, INVALID, "Idempotency-Key",
         without=("Idempotency-Key",)),
    post("empty-idempotency-key", "/orders", encoded(ORDER), 400, INVALID, "Idempotency-Key",
         headers={"Idempotency-Key": ""}),
    post("idempotency-key-too-long", "/orders", encoded(ORDER), 400, INVALID, "Idempotency-Key",
         headers={"Idempotency-Key": "k" * 256}),
]  # fmt: skip

RULES = [
    post("weak-password", "/users", encoded({**USER, "password": "password123"}), 422,
         UNPROCESSABLE, "password"),
    post("reserved-slug", "/signup", encoded({**SIGNUP, "tenant_slug": "admin"}), 422,
         UNPROCESSABLE, "tenant_slug"),
]  # fmt: skip

CASES = MEDIA_TYPE + BODY + TEXT + NUMBERS + CURRENCY_AND_IDS + QUERY + HEADERS + RULES
