"""Operator command ``tenantry tenants delete --slug S [--yes]``: delete a tenant and all
its data, through ``DeleteTenant``; it asks the operator to type the slug unless ``--yes``
is given, and prints the rows it deleted, table by table."""

from __future__ import annotations

import argparse
import sys

from dishka import AsyncContainer

from application.identity.delete_tenant import DeleteTenant, TenantDeletion
from application.identity.tenant_lookup import tenant_by_slug
from domain.identity.ports import TenantCatalog
from domain.identity.tenant import Tenant
from domain.shared.errors import AppError


class NotConfirmed(AppError):
    default_detail = "Nothing was deleted: the slug typed did not match."


async def delete_tenant(args: argparse.Namespace, container: AsyncContainer) -> None:
    confirmed = None
    if not args.yes:
        tenant = await tenant_by_slug(await container.get(TenantCatalog), args.slug)
        _confirm(tenant)
        confirmed = tenant.id
    deletion = await (await container.get(DeleteTenant))(args.slug, confirmed)
    _report(deletion)


def _confirm(tenant: Tenant) -> None:
    """Ask for the slug on standard input (a closed one, as in a script, confirms nothing)."""
    print(
        f"Delete tenant {tenant.slug} ({tenant.name}, {tenant.id}, {tenant.status.value}) "
        "and all its data: users, sessions, products, customers, orders, payments, events, "
        "notifications, webhooks? This cannot be undone."
    )
    print(f"Type the slug ({tenant.slug}) to confirm, or pass --yes: ", end="", flush=True)
    if sys.stdin.readline().strip() != tenant.slug:
        raise NotConfirmed()


def _report(deletion: TenantDeletion) -> None:
    tenant = deletion.tenant
    print(f"Deleted tenant {tenant.slug} ({tenant.id}) and all its data:")
    for table, count in sorted(deletion.rows.items()):
        print(f"  {table}: {count} row(s)")
    print(
        f"  {sum(deletion.rows.values())} row(s) in all. Its access tokens are refused from "
        f"now on; the slug {tenant.slug} is free for a new tenant."
    )


def add_delete_command(
    tenant_commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    command = tenant_commands.add_parser(
        "delete",
        help="delete a tenant and all its data for good; its tokens stop working at once",
    )
    command.add_argument("--slug", required=True)
    command.add_argument(
        "--yes", action="store_true", help="do not ask for confirmation (for scripts)"
    )
    command.set_defaults(run=delete_tenant)
