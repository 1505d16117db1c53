"""The logs of a whole signup -> order flow and of failing requests: one JSON line per
request with its context, and nothing a log must not hold (passwords, tokens, the
Authorization header, e-mail addresses)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from infrastructure.settings_limits import LimitSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import PASSWORD, sign_up
from tests.api.live_server import live_client
from tests.database import DatabaseUnderTest, truncate_all
from tests.logs import json_logs


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    with json_logs() as lines:
        yield lines


def _parsed(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


async def test_a_whole_flow_logs_each_request_once_and_no_personal_data(
    client: Client, log_lines: io.StringIO
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN")
    carla = await make_customer(client, acme, "carla.customer@example.test")
    placed = await place(client, acme, order_body(carla, (pen, 1)))
    assert placed.status_code == 201, placed.text
    taken = await client.post(
        "/api/v1/signup",
        json={
            "tenant_name": "Acme",
            "tenant_slug": "acme",
            "email": "eve@acme.test",
            "password": PASSWORD,
        },
    )
    assert taken.status_code == 409
    await client.get("/api/v1/me", headers={"X-Request-ID": "client-chosen-1"})
    text = log_lines.getvalue()
    lines = _parsed(log_lines)

    requests = [line for line in lines if line.get("event") == "request"]
    assert len(requests) == 9  # 2 x (signup, login), product, customer, order, 409, 401
    for line in requests:
        assert {"request_id", "method", "route", "status", "duration_ms", "level"} <= set(line)
    order = next(line for line in requests if line["route"] == "/api/v1/orders")
    assert (order["tenant_id"], order["user_id"], order["status"]) == (
        acme.tenant_id,
        acme.user_id,
        201,
    )
    chosen = next(line for line in requests if line.get("client_request_id"))
    assert chosen["client_request_id"] == "client-chosen-1"
    assert chosen["request_id"] != "client-chosen-1" and chosen["status"] == 401
    for secret in (
        PASSWORD,
        acme.access_token,
        acme.refresh_token,
        globex.access_token,
        "Bearer",
        "carla.customer@example.test",
        "owner@acme.test",
        "eve@acme.test",
    ):
        assert secret not in text, secret


async def test_a_trusted_proxys_request_id_is_the_request_id(
    database: DatabaseUnderTest,
) -> None:
    limits = LimitSettings.from_env({"TRUSTED_PROXIES": "127.0.0.1"})
    try:
        async with live_client(app_settings(database, limits=limits)) as client:
            response = await client.get("/health/live", headers={"X-Request-ID": "lb-42"})
    finally:
        await truncate_all(database.owner)
    assert response.headers["x-request-id"] == "lb-42"
