"""The ids, instants and secrets the wire examples share, so that the OpenAPI document tells
one story: Ada signs up Acme Coffee Roasters, adds two products, a customer orders two bags
of espresso beans and a cup set and pays, the customer is mailed, a webhook hears of it.

Each wire struct declares its own example next to its fields (a classmethod ``example()``,
see ``openapi_structs``); an example that refers to another object (an order's customer
and products) takes the other object's id from here. Ids are UUIDv7 like the ones the API
makes: their first 48 bits are the instant the object was made.
"""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

TENANT_ID = UUID("0194640a-8a80-7813-a011-d0e5ec313536")
OWNER_ID = UUID("0194640a-8af8-7055-aadb-a9e29b9a271e")
PRODUCT_ID = UUID("0194641c-da00-7921-8506-98c7db3cbeb5")
"""Espresso beans 1 kg (SKU-1042), 18.50 EUR."""
CUP_SET_ID = UUID("0194641e-aec0-7606-b086-c220e93b3132")
"""Ceramic cup set (SKU-2210), 24.00 EUR: the order's second line."""
CUSTOMER_ID = UUID("0194cb45-3ce0-78df-bc3f-93a218ee4cb3")
WEBHOOK_ID = UUID("0194f028-e700-747e-b6fc-6aa8982f2525")
SESSION_ID = UUID("01955b12-c680-7cb6-ac75-1f958acf43b6")
ORDER_ID = UUID("01955b2a-ced8-705d-b99e-8d57826848da")
ORDER_PAID_EVENT_ID = UUID("01955b2a-d2c0-7f38-912b-1e652bc96cd9")
NOTIFICATION_ID = UUID("01955b2a-d6a8-771c-a6e1-765ae045121a")
DELIVERY_ID = UUID("01955b2a-da90-79f4-a9f1-2dbccd50d429")
DEAD_LETTER_ID = UUID("019557d7-f288-7bb2-90ec-060bc4d59dff")


def at(text: str) -> datetime:
    """An instant in UTC from ``2025-03-03T08:41:27``."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


SIGNED_UP_AT = at("2025-01-14T09:00:00")
PRODUCT_ADDED_AT = at("2025-01-14T09:20:00")
CUSTOMER_ADDED_AT = at("2025-02-03T10:05:00")
WEBHOOK_ADDED_AT = at("2025-02-10T14:00:00")
SIGNED_IN_AT = at("2025-03-03T08:15:12")
ORDERED_AT = at("2025-03-03T08:41:27")
PAID_AT = at("2025-03-03T08:41:28")

TENANT_SLUG = "acme"
OWNER_EMAIL = "ada@acme.example"
OWNER_PASSWORD = "plum orbit canal verse 42"
"""A passphrase the password rules accept (zxcvbn rates it 4 of 4)."""
CUSTOMER_EMAIL = "linus.berg@mail.example"
WEBHOOK_URL = "https://93.184.216.34/hooks/tenantry"
"""A public address: the API resolves a webhook's host and refuses any address that is not
public, and an address literal needs no DNS where the examples are tried."""
REFRESH_TOKEN = TENANT_ID.hex + ".Jq3b0yVfW8m2kQ7tXc1NaLr5ZpHd9sGe4uBoEi6vTxY"
ACCESS_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjIwMjUtMDEiLCJ0eXAiOiJKV1QifQ"
    ".eyJzdWIiOiIwMTk0NjQwYS04YWY4LTcwNTUtYWFkYi1hOWUyOWI5YTI3MWUiLCJ0aWQiOiIwMTk0NjQwYS04YTgwLTc4"
    "MTMtYTAxMS1kMGU1ZWMzMTM1MzYiLCJyb2xlIjoib3duZXIiLCJzaWQiOiIwMTk1NWIxMi1jNjgwLTdjYjYtYWM3NS0x"
    "Zjk1OGFjZjQzYjYiLCJqdGkiOiI1YjEyODhiZGI4NmNjZjMzY2MwMTU4ZGExYTFmNDA1YyIsImlhdCI6MTc0MDk4OTcx"
    "MiwiZXhwIjoxNzQwOTkwNjEyLCJpc3MiOiJ0ZW5hbnRyeSIsImF1ZCI6InRlbmFudHJ5LWFwaSJ9"
    ".9C0WKGApIo6TnBqwDDpkMPIq5v4Jwfh714sgYIXOkTY"
)
"""Ada's access token as the API signs one (HS256, ``kid``; the session, 15 minutes), signed
with a key that is not the server's."""
