"""``DeleteTenant``: the operator names a tenant by slug; the eraser does the deletion."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

import pytest

from application.identity.delete_tenant import DeleteTenant
from domain.identity.tenant import Tenant
from domain.shared.errors import Conflict, NotFound


class _Catalog:
    def __init__(self, *tenants: Tenant) -> None:
        self.tenants = {tenant.slug: tenant for tenant in tenants}

    async def list_all(self) -> list[Tenant]:
        return list(self.tenants.values())

    async def get_by_slug(self, slug: str) -> Tenant | None:
        return self.tenants.get(slug)


class _Eraser:
    def __init__(self, gone_meanwhile: bool = False) -> None:
        self.erased: list[UUID] = []
        self.gone_meanwhile = gone_meanwhile

    async def erase(self, tenant_id: UUID) -> Mapping[str, int] | None:
        if self.gone_meanwhile:
            return None
        self.erased.append(tenant_id)
        return {"users": 2, "orders": 0}


async def test_the_named_tenant_is_erased_and_the_other_is_not() -> None:
    acme, globex = Tenant.register("Acme", "acme"), Tenant.register("Globex", "globex")
    eraser = _Eraser()
    deletion = await DeleteTenant(_Catalog(acme, globex), eraser)(" ACME ")
    assert eraser.erased == [acme.id]
    assert deletion.tenant == acme and deletion.rows == {"users": 2, "orders": 0}


@pytest.mark.parametrize("slug", ["nope", "acme\x00", "ac me"])
async def test_an_unknown_slug_erases_nothing(slug: str) -> None:
    eraser = _Eraser()
    with pytest.raises(NotFound, match="No tenant has the slug"):
        await DeleteTenant(_Catalog(Tenant.register("Acme", "acme")), eraser)(slug)
    assert eraser.erased == []


async def test_a_tenant_deleted_meanwhile_is_not_found() -> None:
    catalog = _Catalog(Tenant.register("Acme", "acme"), Tenant.register("Globex", "globex"))
    with pytest.raises(NotFound, match="No tenant has the slug 'acme'"):
        await DeleteTenant(catalog, _Eraser(gone_meanwhile=True))("acme")


async def test_a_slug_that_names_a_new_tenant_since_the_confirmation_erases_nothing() -> None:
    confirmed = Tenant.register("Acme", "acme")  # deleted by someone else meanwhile
    successor = Tenant.register("Acme Again", "acme")  # signed up with the freed slug
    eraser = _Eraser()
    catalog = _Catalog(successor, Tenant.register("Globex", "globex"))
    with pytest.raises(Conflict, match="another tenant than the one confirmed"):
        await DeleteTenant(catalog, eraser)("acme", confirmed.id)
    assert eraser.erased == []
    deletion = await DeleteTenant(catalog, eraser)("acme", successor.id)
    assert eraser.erased == [successor.id] and deletion.tenant == successor
