"""The docs UI in a real browser: headless Chromium opens ``/docs`` on a live server, sees
the operations, authorizes with a real access token and calls ``GET /api/v1/me`` from the
page, and every request the page makes goes to that server alone (the docs work offline)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Locator, Page, Request, Response, expect

from tests.api.conftest import app_settings
from tests.api.identity_helpers import Account, sign_up
from tests.api.live_server import live_client
from tests.browser import headless_chromium
from tests.database import DatabaseUnderTest, truncate_all

WAIT_MS = 10_000


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with headless_chromium() as chromium:
        yield chromium


def operation(page: Page, method: str, path: str) -> Locator:
    """One operation block of Swagger UI, e.g. ``GET /api/v1/me``."""
    summary = f'.opblock-summary-path[data-path="{path}"]'
    return page.locator(f".opblock.opblock-{method.lower()}").filter(has=page.locator(summary))


async def authorize(page: Page, token: str) -> None:
    """Authorize -> type the token into BearerToken -> Authorize -> Close, as a reader does."""
    await page.locator(".auth-wrapper button.authorize").click()
    dialog = page.locator(".modal-ux")
    bearer = dialog.locator(".auth-container").filter(has_text="BearerToken")
    await bearer.get_by_label("auth-bearer-value").fill(token)
    await bearer.get_by_role("button", name="Apply credentials").click()
    await expect(bearer.get_by_role("button", name="Remove authorization")).to_be_visible()
    await dialog.get_by_role("button", name="Close").click()
    await expect(dialog).to_have_count(0, timeout=WAIT_MS)


async def try_it_out(block: Locator) -> tuple[str, Any]:
    """Expand an operation, Try it out, Execute; the status and JSON body the page shows."""
    await block.locator(".opblock-summary").first.click()
    await block.locator("button.try-out__btn").click()
    await block.locator("button.execute").click()
    answer = block.locator(".live-responses-table tbody tr.response")
    status = answer.locator(".response-col_status")
    await expect(status).to_have_count(1, timeout=WAIT_MS)
    body = answer.locator(".response-col_description pre").first
    return (await status.inner_text()).strip(), json.loads(await body.inner_text())


@dataclass
class Traffic:
    """What a page asked for: the host of every request, and every request that failed."""

    hosts: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)

    def note(self, request: Request) -> None:
        self.hosts.add(urlsplit(request.url).netloc)

    def check(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.status} {response.request.method} {response.url}")

    def failed(self, request: Request) -> None:
        self.failures.append(f"{request.failure} {request.method} {request.url}")


async def open_docs(browser: Browser, base_url: str, traffic: Traffic) -> Page:
    """``/docs`` in a fresh page, with every request the page makes noted in ``traffic``."""
    context = await browser.new_context(base_url=base_url)
    context.on("request", traffic.note)
    context.on("response", traffic.check)
    context.on("requestfailed", traffic.failed)
    page = await context.new_page()
    await page.goto("/docs")
    return page


async def test_docs_list_operations_and_authorize_makes_me_succeed_offline(
    database: DatabaseUnderTest, browser: Browser
) -> None:
    traffic = Traffic()
    try:
        async with live_client(app_settings(database)) as client:
            acme = await sign_up(client, "acme")
            globex = await sign_up(client, "globex")
            server = client.base_url.netloc.decode()
            page = await open_docs(browser, str(client.base_url), traffic)
            me = operation(page, "GET", "/api/v1/me")
            await expect(me).to_be_visible(timeout=WAIT_MS)
            await expect(operation(page, "POST", "/api/v1/auth/token")).to_be_visible()
            await authorize(page, globex.access_token)
            status, body = await try_it_out(me)
    finally:
        await truncate_all(database.owner)
    assert_me_is(status, body, globex, other=acme)
    assert traffic.hosts == {server}, f"the page asked other hosts than {server}: {traffic.hosts}"
    assert traffic.failures == []


def assert_me_is(status: str, body: Any, account: Account, other: Account) -> None:
    """The page shows 200 and ``account``'s user and tenant, not the other tenant's."""
    assert status == "200", (status, body)
    shown = (body["user"]["email"], body["user"]["id"], body["tenant"]["id"])
    assert shown == (account.email, account.user_id, account.tenant_id)
    assert other.tenant_id != account.tenant_id and other.email != account.email
