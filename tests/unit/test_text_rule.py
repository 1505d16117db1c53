"""The text rule: printable Unicode passes; controls, bidi overrides and other invisible
formatting characters are refused, in the domain and in every request body."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import msgspec
import pytest

from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.shared.errors import ValidationFailed
from domain.shared.text import check_text, forbidden_character
from infrastructure.settings import Settings
from interface.composition.app import create_app
from interface.http.input_schema import InputStruct

REFUSED = [
    "\x00", "\x1b", "\r", "\x7f", "\x85",  # controls (C0, DEL, C1)
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # bidi isolates
    "\u200e", "\u200f", "\u061c",  # bidi marks
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # invisibles
    "\udc00",  # a lone surrogate
    "\u2028", "\u2029",  # line and paragraph separators
]  # fmt: skip
ORDINARY = [
    "Acme Inc.",
    "Café Müller",
    "Łódź & Søn",
    "東京商事",
    "שלום עולם",
    "مرحبا",
    "Ünïcødé ☕ 🍕",
]


@pytest.mark.parametrize("char", REFUSED)
def test_refused_characters_name_the_field_and_the_code_point(char: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        check_text(f"Ac{char}me", "tenant_name")
    [field_error] = error.value.errors
    assert field_error.field == "tenant_name"
    assert f"U+{ord(char):04X}" in field_error.message


@pytest.mark.parametrize("text", ORDINARY + ["with\u00a0no-break space", "ideographic\u3000space"])
def test_ordinary_text_of_any_script_passes_unchanged(text: str) -> None:
    assert check_text(text, "name") == text


def test_line_feeds_and_tabs_pass_only_in_multiline_fields() -> None:
    text = "Line one\n\tindented"
    assert check_text(text, "description", multiline=True) == text
    assert forbidden_character(text) == "\n"
    assert forbidden_character("a\r\nb", multiline=True) == "\r"
    assert forbidden_character("a\u202eb", multiline=True) == "\u202e"


def test_the_domain_refuses_hidden_characters_without_http() -> None:
    tenant_id = uuid4()
    with pytest.raises(ValidationFailed) as tenant:
        Tenant.register("Acme \u202egnp.exe", "acme")
    with pytest.raises(ValidationFailed) as product:
        Product.create(tenant_id, "SKU-1", "Tea\u200b", "", "EUR", 100, 1)
    with pytest.raises(ValidationFailed) as customer:
        Customer.create(tenant_id, "ada@acme.test", "Ada\x00")
    fields = [e.value.errors[0].field for e in (tenant, product, customer)]
    assert fields == ["tenant_name", "name", "name"]


def test_a_product_description_may_span_lines_and_a_change_is_checked_too() -> None:
    product = Product.create(uuid4(), "SKU-1", "Tea", "Green tea.\nLoose leaf.", "EUR", 100, 1)
    assert product.description == "Green tea.\nLoose leaf."
    with pytest.raises(ValidationFailed) as error:
        product.change(name="Tea\u2066")
    assert error.value.errors[0].field == "name"
    assert product.name == "Tea"


class Sample(InputStruct, forbid_unknown_fields=True):
    name: str
    tags: list[str] = []
    note: str = ""
    count: int = 0
    multiline = frozenset({"note"})


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "a\u202eb"}, "name"),
        ({"name": "ok", "tags": ["fine", "hid\u200bden"]}, "tags"),
        ({"name": "ok", "note": "two\nlines\x07"}, "note"),
    ],
)
def test_an_input_struct_refuses_hidden_characters_in_any_text_field(
    body: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        msgspec.json.decode(msgspec.json.encode(body), type=Sample)
    assert [e.field for e in error.value.errors] == [field]


def test_an_input_struct_keeps_ordinary_text() -> None:
    body = {"name": "Café ☕", "tags": ["東京"], "note": "two\nlines", "count": 2}
    decoded = msgspec.json.decode(msgspec.json.encode(body), type=Sample)
    assert msgspec.structs.asdict(decoded) == body


def _struct_types(annotation: Any) -> set[type[msgspec.Struct]]:
    found: set[type[msgspec.Struct]] = set()

    def walk(info: msgspec.inspect.Type) -> None:
        if isinstance(info, msgspec.inspect.StructType) and info.cls not in found:
            found.add(info.cls)
            for field in info.fields:
                walk(field.type)
        for child in ("type", "item_type", "key_type", "value_type"):
            nested = getattr(info, child, None)
            if isinstance(nested, msgspec.inspect.Type):
                walk(nested)
        for nested in getattr(info, "types", ()) or getattr(info, "item_types", ()):
            walk(nested)

    walk(msgspec.inspect.type_info(annotation))
    return found


def test_every_request_body_of_the_app_is_an_input_struct() -> None:
    settings = Settings(
        database_url="postgresql://tenantry_app@/never-connected",
        jwt_secret="unit-test-secret-not-for-production-0123456789",
    )
    bodies: dict[str, set[type[msgspec.Struct]]] = {}
    for route in create_app(settings).routes:
        for handler in getattr(route, "route_handlers", ()):
            data = handler.parsed_fn_signature.parameters.get("data")
            if data is not None:
                bodies[f"{sorted(handler.http_methods)} {route.path}"] = _struct_types(
                    data.annotation
                )
    assert len(bodies) >= 13, bodies  # signup, login, products, customers, orders, webhooks...
    outside = {k: t for k, types in bodies.items() for t in types if not issubclass(t, InputStruct)}
    assert not outside, outside
