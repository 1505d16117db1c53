"""Operator commands for dead-lettered events: list them (every tenant, or one) and
deliver one again, through the same use cases as the API."""

from __future__ import annotations

import argparse
from uuid import UUID

from dishka import AsyncContainer

from application.events.list_dead_letters import ListDeadLetters
from application.events.retry_dead_letter import RetryDeadLetter
from domain.identity.ports import TenantCatalog
from domain.identity.tenant import Tenant
from domain.shared.errors import NotFound
from domain.shared.pagination import PageRequest

PAGE = PageRequest(limit=200, offset=0)


async def _tenants(container: AsyncContainer, slug: str | None) -> list[Tenant]:
    catalog: TenantCatalog = await container.get(TenantCatalog)
    tenants = await catalog.list_all()
    if slug is None:
        return tenants
    chosen = [tenant for tenant in tenants if tenant.slug == slug]
    if not chosen:
        raise NotFound(f"No tenant has the slug {slug!r}.")
    return chosen


async def list_dead_letters(args: argparse.Namespace, container: AsyncContainer) -> None:
    list_letters = await container.get(ListDeadLetters)
    shown = 0
    for tenant in await _tenants(container, args.tenant):
        page = await list_letters.for_tenant(tenant.id, PAGE)
        for letter in page.items:
            print(
                f"{tenant.slug}\t{letter.id}\t{letter.event_type}\t{letter.attempts} attempt(s)"
                f"\t{letter.failed_at:%Y-%m-%d %H:%M:%S}\t{letter.last_error}"
            )
        shown += len(page.items)
        if page.has_more:
            print(f"{tenant.slug}\t... more than {PAGE.limit}; retry these, then list again")
    print(f"{shown} dead-lettered event(s) listed")


async def retry_dead_letter(args: argparse.Namespace, container: AsyncContainer) -> None:
    [tenant] = await _tenants(container, args.tenant)
    await (await container.get(RetryDeadLetter)).for_tenant(tenant.id, args.event_id)
    print(f"Event {args.event_id} of {tenant.slug} is due again; a worker will deliver it")


def add_dead_letter_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    letters = commands.add_parser("dead-letters", help="list and retry dead-lettered events")
    actions = letters.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="dead-lettered events, per tenant")
    listing.add_argument("--tenant", help="only this tenant (slug)")
    listing.set_defaults(run=list_dead_letters)
    retry = actions.add_parser("retry", help="deliver a dead-lettered event again")
    retry.add_argument("event_id", type=UUID)
    retry.add_argument("--tenant", required=True, help="tenant slug")
    retry.set_defaults(run=retry_dead_letter)
