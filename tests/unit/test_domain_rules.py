"""Domain rules of tenants and users."""

from __future__ import annotations

import pytest

from domain.identity.tenant import Tenant, TenantStatus, parse_slug
from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.email import normalize_email
from domain.shared.errors import ValidationFailed


@pytest.mark.parametrize("raw", ["acme", "ACME-corp", " a1 ", "x" * 63])
def test_valid_slugs_are_normalised(raw: str) -> None:
    assert parse_slug(raw) == raw.strip().lower()


@pytest.mark.parametrize("raw", ["", "-acme", "acme-", "ac me", "acmé", "x" * 64, "a_b"])
def test_invalid_slugs_name_the_field(raw: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        parse_slug(raw)
    assert error.value.errors[0].field == "tenant_slug"


def test_register_creates_an_active_tenant_with_a_uuid7_id() -> None:
    tenant = Tenant.register("  Acme Inc. ", "Acme")
    assert (tenant.name, tenant.slug, tenant.status) == ("Acme Inc.", "acme", TenantStatus.ACTIVE)
    assert tenant.id.version == 7
    assert tenant.created_at.tzinfo is not None


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_register_rejects_bad_names(name: str) -> None:
    with pytest.raises(ValidationFailed):
        Tenant.register(name, "acme")


def test_emails_are_compared_case_insensitively() -> None:
    assert normalize_email("  Alice@Example.COM ") == "alice@example.com"


@pytest.mark.parametrize("raw", ["alice", "alice@", "@example.com", "a b@example.com"])
def test_invalid_emails_are_rejected(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        normalize_email(raw)


def test_a_new_user_belongs_to_its_tenant_and_changing_role_touches_updated_at() -> None:
    tenant = Tenant.register("Acme", "acme")
    user = User.create(tenant.id, "Bob@Acme.test", "hash", Role.MEMBER)
    before = user.updated_at
    user.change_role(Role.ADMIN)
    assert (user.tenant_id, user.email, user.role) == (tenant.id, "bob@acme.test", Role.ADMIN)
    assert user.updated_at >= before
