"""E-mail addresses: one canonical form (IDNA domain in ASCII), and no look-alikes made
of mixed scripts or of letters that only resemble Latin ones."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.customers.customer import Customer
from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.email import email_or_none, normalize_email
from domain.shared.errors import ValidationFailed
from domain.shared.scripts import mixes_scripts, passes_for_latin, scripts_of


@pytest.mark.parametrize(
    "raw", ["ada@Bücher.example", "ada@BÜCHER.EXAMPLE", "Ada@xn--bcher-kva.example"]
)
def test_an_international_domain_has_one_ascii_form(raw: str) -> None:
    assert normalize_email(raw) == "ada@xn--bcher-kva.example"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("  Alice@Example.COM ", "alice@example.com"),
        ("Ada.Lovelace+Tag@Acme.Test", "ada.lovelace+tag@acme.test"),
        ("иван@почта.рф", "иван@xn--80a1acny.xn--p1ai"),
        ("山田たろう@example.jp", "山田たろう@example.jp"),
        ("Mu\u0308ller@example.de", "m\u00fcller@example.de"),  # NFC: one ü, however typed
    ],
)
def test_addresses_in_one_script_are_kept_in_canonical_form(raw: str, canonical: str) -> None:
    assert normalize_email(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("\u0430dmin@example.com", "mixes scripts"),  # Cyrillic а + Latin dmin
        ("p\u0430yp\u0430l@example.com", "mixes scripts"),
        ("\u0430\u0441\u0435@example.com", "imitates Latin"),  # асе, all Cyrillic
        ("\u0455\u0441\u043e\u0440\u0435@example.com", "imitates Latin"),  # ѕсоре
        ("ada@\u0430cme.test", "mixes scripts"),  # a Cyrillic а in the domain
        ("ａｄａ@acme.test", "fullwidth"),
        ("ada@exa_mple.com", "not a valid domain"),
        ("ada@acme.test.", "not an e-mail address"),
        ("ada@[192.0.2.1]", "not a valid domain"),
        ("ada\u202e@acme.test", "U+202E"),
        ("ada@acme\x00.test", "U+0000"),
    ],
)
def test_look_alikes_and_malformed_addresses_are_refused_naming_the_field(
    raw: str, says: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        normalize_email(raw, field="owner_email")
    [field_error] = error.value.errors
    assert field_error.field == "owner_email" and says in field_error.message
    assert email_or_none(raw) is None


@pytest.mark.parametrize("raw", ["alice", "alice@", "@example.com", "a b@example.com", "a@b@c.de"])
def test_what_is_no_address_is_refused(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        normalize_email(raw)


def test_users_and_customers_store_the_canonical_form() -> None:
    tenant_id = uuid4()
    user = User.create(tenant_id, "Ada@Bücher.Example", "hash", Role.MEMBER)
    customer = Customer.create(tenant_id, "ada@xn--bcher-kva.example", "Ada")
    assert user.email == customer.email == "ada@xn--bcher-kva.example"
    with pytest.raises(ValidationFailed):
        customer.change(email="\u0430da@example.com")
    assert customer.email == "ada@xn--bcher-kva.example"


@pytest.mark.parametrize(
    ("text", "scripts", "mixed", "latin_like"),
    [
        ("admin", {"LATIN"}, False, False),
        ("\u0430dmin", {"LATIN", "CYRILLIC"}, True, False),
        ("\u0430\u0441\u0435", {"CYRILLIC"}, False, True),
        ("иван", {"CYRILLIC"}, False, False),  # и, в, н look like no ASCII letter
        ("山田たろう", {"HAN", "HIRAGANA"}, False, False),  # Japanese mixes by design
        ("한국어abc", {"HANGUL", "LATIN"}, False, False),
        ("δοκιμή", {"GREEK"}, False, False),
        ("abc\u03b4", {"LATIN", "GREEK"}, True, False),
        ("1-2_3.", set(), False, False),
    ],
)
def test_script_checks(text: str, scripts: set[str], mixed: bool, latin_like: bool) -> None:
    assert scripts_of(text) == scripts
    assert (mixes_scripts(text), passes_for_latin(text)) == (mixed, latin_like)
