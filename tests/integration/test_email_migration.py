"""Revision 0013 rewrites stored e-mail addresses into the canonical form login looks up,
tenant by tenant, and leaves what it cannot settle for the operator."""

from __future__ import annotations

import asyncio

import asyncpg

from infrastructure.database import migrations
from infrastructure.database.bootstrap import bootstrap, drop_database
from tests.database import DatabaseUnderTest, in_database

SCRATCH = "tenantry_email_migration"


async def test_stored_idn_addresses_become_canonical_and_conflicts_stay(
    database: DatabaseUnderTest,
) -> None:
    await bootstrap(database.urls.superuser, SCRATCH)
    owner = in_database(database.urls.owner, SCRATCH)
    try:
        await asyncio.to_thread(migrations.upgrade, owner, "0012")
        acme, globex = await _seed(owner)
        await asyncio.to_thread(migrations.upgrade, owner)
        assert await _emails(owner, acme) == {
            "ada@xn--bcher-kva.example",  # rewritten
            "bob@xn--bcher-kva.example",  # already canonical: untouched
            "bob@bücher.example",  # its canonical form is taken: left for the operator
            "\u0430dmin@acme.test",  # refused by the new rules: left for the operator
        }
        assert await _emails(owner, globex) == {"ada@xn--bcher-kva.example"}
    finally:
        await drop_database(database.urls.superuser, SCRATCH)


async def _seed(owner: str) -> tuple[str, str]:
    connection = await asyncpg.connect(owner)
    try:
        tenants = []
        for slug, emails in (
            (
                "acme",
                [
                    "ada@Bücher.example",
                    "bob@xn--bcher-kva.example",
                    "bob@bücher.example",
                    "\u0430dmin@acme.test",
                ],
            ),
            ("globex", ["ada@bücher.example"]),
        ):
            tenant = str(await connection.fetchval("SELECT uuidv7()"))
            async with connection.transaction():
                await connection.execute(f"SET LOCAL app.tenant_id = '{tenant}'")
                await connection.execute(
                    "INSERT INTO tenants (id, name, slug, status) VALUES ($1, $2, $2, 'active')",
                    tenant,
                    slug,
                )
                for email in emails:
                    await connection.execute(
                        "INSERT INTO users (tenant_id, id, email, password_hash, role) "
                        "VALUES ($1, uuidv7(), lower($2), 'x', 'member')",
                        tenant,
                        email,
                    )
            tenants.append(tenant)
        return tenants[0], tenants[1]
    finally:
        await connection.close()


async def _emails(owner: str, tenant: str) -> set[str]:
    connection = await asyncpg.connect(owner)
    try:
        async with connection.transaction():
            await connection.execute(f"SET LOCAL app.tenant_id = '{tenant}'")
            rows = await connection.fetch("SELECT email FROM users")
    finally:
        await connection.close()
    return {row["email"] for row in rows}
