"""Operator commands: tenants and users, through the same services as the API."""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta

from dishka import AsyncContainer

from application.idempotency.purge_expired_keys import PurgeExpiredKeys
from application.identity.add_user_to_tenant import AddUserToTenant
from application.identity.change_password import ChangePassword
from application.identity.register_tenant import NewTenant, RegisterTenant
from application.identity.suspend_tenant import SetTenantStatus
from application.identity.user_accounts import NewUser
from application.ordering.sweep_stale_orders import SweepStaleOrders
from application.shared.purge_rate_counters import PurgeRateCounters
from domain.identity.ports import TenantCatalog
from domain.shared.actor import Role
from infrastructure.settings import Settings
from interface.cli.tenant_deletion import add_delete_command

Command = Callable[[argparse.Namespace, AsyncContainer], Awaitable[None]]
"""A command, run in one request scope of the operator container."""


def generated_password() -> str:
    """A random password for operators to hand over (shown once, never stored in clear)."""
    return secrets.token_urlsafe(15)


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """The password from stdin when asked for, else a generated one (and whether it was)."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    return generated_password(), True


def _announce(password: str, generated: bool) -> None:
    if generated:
        print(f"  password: {password}   (generated; shown only now)")


async def create_tenant(args: argparse.Namespace, container: AsyncContainer) -> None:
    password, generated = _password(args)
    register = await container.get(RegisterTenant)
    tenant, owner = await register(NewTenant(args.name, args.slug, args.owner_email, password))
    print(f"Created tenant {tenant.slug} ({tenant.id}) with owner {owner.email}")
    _announce(password, generated)


async def list_tenants(args: argparse.Namespace, container: AsyncContainer) -> None:
    catalog = await container.get(TenantCatalog)
    tenants = await catalog.list_all()
    for tenant in tenants:
        print(f"{tenant.slug}\t{tenant.id}\t{tenant.status.value}\t{tenant.name}")
    print(f"{len(tenants)} tenant(s)")


async def suspend_tenant(args: argparse.Namespace, container: AsyncContainer) -> None:
    tenant = await (await container.get(SetTenantStatus)).suspend(args.slug)
    print(f"Suspended tenant {tenant.slug}: its users are locked out until it is resumed")


async def resume_tenant(args: argparse.Namespace, container: AsyncContainer) -> None:
    tenant = await (await container.get(SetTenantStatus)).resume(args.slug)
    print(f"Resumed tenant {tenant.slug}")


async def create_user(args: argparse.Namespace, container: AsyncContainer) -> None:
    password, generated = _password(args)
    add = await container.get(AddUserToTenant)
    user = await add(args.tenant, NewUser(args.email, password, Role(args.role)))
    print(f"Created {user.role.value} {user.email} ({user.id}) in {args.tenant}")
    _announce(password, generated)


async def set_password(args: argparse.Namespace, container: AsyncContainer) -> None:
    password, generated = _password(args)
    change = await container.get(ChangePassword)
    await change(args.tenant, args.email, password)
    print(f"Password of {args.email} in {args.tenant} changed")
    _announce(password, generated)


async def sweep(args: argparse.Namespace, container: AsyncContainer) -> None:
    settings = await container.get(Settings)
    report = await (await container.get(SweepStaleOrders))(
        timedelta(minutes=settings.pending_order_ttl_minutes)
    )
    purged = await (await container.get(PurgeExpiredKeys))()
    counters = await (await container.get(PurgeRateCounters))()
    print(
        f"Swept {report.tenants} tenant(s): {report.orders_expired} unpaid order(s) cancelled, "
        f"{report.refunds_completed} pending refund(s) completed "
        f"({report.refunds_still_pending} still pending), "
        f"{purged} expired idempotency key(s) and {counters} ended rate counter(s) removed"
    )


def add_operator_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tenants = commands.add_parser(
        "tenants", help="create, list, suspend, resume and delete tenants"
    )
    tenant_commands = tenants.add_subparsers(dest="action", required=True)
    create = tenant_commands.add_parser("create", help="create a tenant and its owner")
    create.add_argument("--name", required=True)
    create.add_argument("--slug", required=True)
    create.add_argument("--owner-email", required=True)
    _password_option(create)
    create.set_defaults(run=create_tenant)
    tenant_commands.add_parser("list", help="list every tenant").set_defaults(run=list_tenants)
    for action, run, text in (
        ("suspend", suspend_tenant, "lock a tenant's users out (login, refresh, tokens)"),
        ("resume", resume_tenant, "let a suspended tenant's users back in"),
    ):
        command = tenant_commands.add_parser(action, help=text)
        command.add_argument("--slug", required=True)
        command.set_defaults(run=run)
    add_delete_command(tenant_commands)

    users = commands.add_parser("users", help="create users and set passwords")
    user_commands = users.add_subparsers(dest="action", required=True)
    new_user = user_commands.add_parser("create", help="add a user to a tenant")
    new_user.add_argument("--tenant", required=True, help="tenant slug")
    new_user.add_argument("--email", required=True)
    new_user.add_argument("--role", choices=[r.value for r in Role], default=Role.MEMBER.value)
    _password_option(new_user)
    new_user.set_defaults(run=create_user)
    rotate = user_commands.add_parser("set-password", help="rotate a user's password")
    rotate.add_argument("--tenant", required=True, help="tenant slug")
    rotate.add_argument("--email", required=True)
    _password_option(rotate)
    rotate.set_defaults(run=set_password)
    commands.add_parser(
        "sweep",
        help="cancel unpaid orders older than PENDING_ORDER_TTL_MINUTES (releasing their "
        "stock), complete interrupted refunds, purge expired idempotency keys and ended "
        "rate counters (login throttles); run it from cron",
    ).set_defaults(run=sweep)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (default: generate and print one)",
    )
