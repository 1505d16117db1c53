"""Tenant slugs: ASCII only (no look-alike folded into ASCII), and reserved names refused
for new tenants while lookups of existing ones never consult the list."""

from __future__ import annotations

import pytest

from domain.identity.reserved_slugs import RESERVED_SLUGS
from domain.identity.tenant import Tenant, parse_new_slug, parse_slug, slug_or_none
from domain.shared.errors import ValidationFailed

LOOK_ALIKES = [
    "\u212acme",  # KELVIN SIGN, which str.lower() turns into ASCII "k"
    "\u0430cme",  # CYRILLIC SMALL LETTER A
    "ａｃｍｅ",  # fullwidth letters
    "acme\u0131",  # dotless i
    "ac\u0307me",  # a combining dot
]


@pytest.mark.parametrize("raw", LOOK_ALIKES)
def test_non_ascii_slugs_are_refused_not_folded_into_ascii(raw: str) -> None:
    assert slug_or_none(raw) is None
    with pytest.raises(ValidationFailed) as error:
        parse_slug(raw)
    assert [e.field for e in error.value.errors] == ["tenant_slug"]


def test_the_kelvin_sign_is_refused_although_it_lowercases_to_ascii() -> None:
    assert "\u212a".lower() == "k"
    with pytest.raises(ValidationFailed):
        Tenant.register("Kcme", "\u212acme")


@pytest.mark.parametrize("slug", ["admin", "administrator", "api", "www", "tenantry", "support"])
def test_reserved_slugs_are_refused_for_new_tenants_naming_the_field(slug: str) -> None:
    for raw in (slug, f" {slug.upper()} "):
        with pytest.raises(ValidationFailed) as error:
            Tenant.register("Anyone", raw)
        [field_error] = error.value.errors
        assert field_error.field == "tenant_slug" and "reserved" in field_error.message


def test_a_reserved_slug_still_parses_for_lookups() -> None:
    assert slug_or_none(" Admin ") == "admin" and parse_slug("API") == "api"


@pytest.mark.parametrize("slug", ["acme", "admin-acme", "api2", "my-app", "demo", "bench-a"])
def test_names_that_merely_contain_a_reserved_word_are_fine(slug: str) -> None:
    assert parse_new_slug(slug) == slug


def test_the_reserved_list_is_a_sizeable_list_of_valid_slugs() -> None:
    assert 40 <= len(RESERVED_SLUGS) <= 80
    assert {"admin", "administrator", "api", "www", "app", "auth", "login", "signup"} <= (
        RESERVED_SLUGS
    )
    assert all(slug_or_none(slug) == slug for slug in RESERVED_SLUGS)
