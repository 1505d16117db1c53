"""The layers a request crosses cost CPU on every request (issue 13): a read of the API
passes through one layer of ours around the whole app (``edge``) and one on the API router
(``api_gate``), besides Litestar's exception handling (around the router and around the
route), and its answer through one ``send`` wrapper of ours. Observed from inside the
server's ``send``."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import httpx
import litestar

from interface.composition.app import create_app
from tests.api.conftest import app_settings
from tests.api.identity_helpers import sign_up
from tests.database import DatabaseUnderTest, truncate_all

_OURS = str(Path(__file__).resolve().parents[2] / "src" / "interface")
_LITESTAR_MIDDLEWARE = str(Path(litestar.__file__).parent / "middleware")


def _layers(frame: FrameType | None) -> list[str]:
    """The middleware and ``send`` wrappers on the stack, outermost first."""
    names: list[str] = []
    while frame is not None:
        where = frame.f_code.co_filename
        if where.startswith(_OURS) or where.startswith(_LITESTAR_MIDDLEWARE):
            names.append(frame.f_code.co_qualname)
        frame = frame.f_back
    return names[::-1]


async def test_a_read_crosses_one_layer_of_ours_around_the_app_and_one_on_the_api(
    database: DatabaseUnderTest,
) -> None:
    app = create_app(app_settings(database))
    seen: dict[str, list[str]] = {}

    async def server(scope: Any, receive: Any, send: Any) -> None:
        async def server_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                seen[scope["path"]] = _layers(sys._getframe(1))
            await send(message)

        await app(scope, receive, server_send)

    transport = httpx.ASGITransport(app=server)
    async with (
        app.lifespan(),
        httpx.AsyncClient(transport=transport, base_url="http://t") as client,
    ):
        acme = await sign_up(client, "acme")
        await sign_up(client, "globex")
        page = await client.get("/api/v1/orders?limit=50", headers=acme.headers)
    await truncate_all(database.owner)
    assert page.status_code == 200 and page.json()["items"] == []
    assert seen["/api/v1/orders"] == [
        "with_request_edge.<locals>.edge",
        "with_request_edge.<locals>.answer",
        "ExceptionHandlerMiddleware.__call__",
        "ApiGateMiddleware.__call__",
        "ExceptionHandlerMiddleware.__call__",
        "ExceptionHandlerMiddleware.__call__.<locals>.capture_response_started",
        "ExceptionHandlerMiddleware.__call__.<locals>.capture_response_started",
        "with_request_edge.<locals>.answer.<locals>.send_answer",
    ]
