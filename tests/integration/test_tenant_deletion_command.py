"""``tenantry tenants delete``: the operator deletes a tenant and every row of it, in every
table the database holds (read from its catalog, not from the models), and nothing of the
other tenant; the slug is free again. Confirmation is the slug, typed, or ``--yes``."""

from __future__ import annotations

import io
import re
from uuid import UUID

import asyncpg
import pytest
from sqlalchemy import text

from domain.shared.ids import new_id
from tests.database import DatabaseUnderTest, truncate_all
from tests.operator_cli import UNKNOWN_EVENT, cli_env, run_cli

_TENANT_TABLES = text(
    "SELECT table_name FROM information_schema.columns "
    "WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name"
)


async def _create(slug: str) -> None:
    owner = f"owner@{slug}.test"
    assert (
        await run_cli("tenants", "create", "--name", slug, "--slug", slug, "--owner-email", owner)
        == 0
    )
    assert await run_cli("users", "create", "--tenant", slug, "--email", f"b@{slug}.test") == 0


async def _tenant_id(database: DatabaseUnderTest, slug: str) -> UUID | None:
    async with database.owner.connect() as connection:
        found = await connection.scalar(text("SELECT id FROM tenants WHERE slug = :s"), {"s": slug})
    return found if isinstance(found, UUID) else None


async def _with_event(database: DatabaseUnderTest, tenant_id: UUID) -> None:
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))
        await connection.execute(UNKNOWN_EVENT, {"t": tenant_id, "id": new_id(), "w": new_id()})


async def _rows(database: DatabaseUnderTest, tenant_id: UUID) -> dict[str, int]:
    """The tenant's rows in every table of the database that has a ``tenant_id``."""
    counts = {}
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))
        for table in (await connection.scalars(_TENANT_TABLES)).all():
            query = text(f"SELECT count(*) FROM {table} WHERE tenant_id = :t")  # noqa: S608
            counts[table] = await connection.scalar(query, {"t": tenant_id})
    return counts


async def _deleted_ids(database: DatabaseUnderTest) -> set[UUID]:
    """What every API process re-reads, as the runtime role does."""
    connection = await asyncpg.connect(database.urls.runtime)
    try:
        return {row[0] for row in await connection.fetch("SELECT deleted_tenant_ids(900)")}
    finally:
        await connection.close()


def _printed_rows(out: str) -> dict[str, int]:
    return {t: int(n) for t, n in re.findall(r"^  (\w+): (\d+) row\(s\)$", out, re.MULTILINE)}


async def test_operators_delete_a_tenant_with_all_its_data_and_nothing_of_the_other(
    database: DatabaseUnderTest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_env(monkeypatch, database)
    try:
        await _create("acme")
        await _create("globex")
        acme, globex = await _tenant_id(database, "acme"), await _tenant_id(database, "globex")
        assert acme is not None and globex is not None
        for tenant in (acme, globex):
            await _with_event(database, tenant)
        acme_before, globex_before = await _rows(database, acme), await _rows(database, globex)
        capsys.readouterr()

        assert await run_cli("tenants", "delete", "--slug", "acme", "--yes") == 0
        out = capsys.readouterr().out
        acme_after, globex_after = await _rows(database, acme), await _rows(database, globex)
        listed = await run_cli("tenants", "list")
        listing = capsys.readouterr().out
        deleted = await _deleted_ids(database)
        assert await run_cli("tenants", "create", "--name", "New", "--slug", "acme",
                             "--owner-email", "new@acme.test") == 0  # fmt: skip
        new_acme = await _tenant_id(database, "acme")
        deleted_later = await _deleted_ids(database)
    finally:
        await truncate_all(database.owner)
    assert f"Deleted tenant acme ({acme}) and all its data:" in out
    assert _printed_rows(out) == acme_before  # every tenant table of the database, counted
    assert acme_before["users"] == 2 and acme_before["outbox_wakeups"] >= 1
    assert set(acme_after.values()) == {0}
    assert globex_after == globex_before and globex_before["users"] == 2
    assert listed == 0 and "1 tenant(s)" in listing and "acme" not in listing
    assert deleted == {acme}
    assert new_acme not in (None, acme) and deleted_later == {acme}


async def test_deleting_asks_for_the_slug_unless_told_yes(
    database: DatabaseUnderTest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_env(monkeypatch, database)
    codes = []
    try:
        await _create("acme")
        await _create("globex")
        for typed in ("globex\n", "", "yes\n", "acme\n"):
            monkeypatch.setattr("sys.stdin", io.StringIO(typed))
            codes.append(await run_cli("tenants", "delete", "--slug", "acme"))
            if not codes[-1]:
                break
        remaining = [await _tenant_id(database, slug) for slug in ("acme", "globex")]
        asked, refused = capsys.readouterr()
        again = await run_cli("tenants", "delete", "--slug", "acme", "--yes")
        unknown = await run_cli("tenants", "delete", "--slug", "nope", "--yes")
    finally:
        await truncate_all(database.owner)
    out, err = capsys.readouterr()
    assert codes == [2, 2, 2, 0]
    assert asked.count("Type the slug (acme) to confirm, or pass --yes: ") == 4
    assert refused.count("Nothing was deleted: the slug typed did not match.") == 3
    assert asked.count("Deleted tenant acme") == 1
    assert remaining[0] is None and remaining[1] is not None
    assert (again, unknown) == (2, 2)
    assert "No tenant has the slug 'acme'" in err and "No tenant has the slug 'nope'" in err
