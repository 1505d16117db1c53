"""``WebhookTransport`` over httpx: one shared client per process, redirects not followed,
a bounded timeout per attempt."""

from __future__ import annotations

import time
from collections.abc import Mapping

import httpx

from domain.webhooks.errors import WebhookDeliveryFailed
from domain.webhooks.ports import TransportResult

USER_AGENT = "Tenantry-Webhooks/1"


class HttpxWebhookTransport:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> TransportResult:
        started = time.monotonic()
        try:
            response = await self._client.post(
                url, content=body, headers={**headers, "user-agent": USER_AGENT}
            )
        except httpx.TimeoutException:
            raise WebhookDeliveryFailed("timed out", None, _ms(started)) from None
        except httpx.HTTPError as error:
            raise WebhookDeliveryFailed(
                f"no answer ({type(error).__name__})", None, _ms(started)
            ) from None
        return TransportResult(response.status_code, _ms(started))


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def webhook_client(timeout_seconds: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout_seconds), follow_redirects=False, trust_env=False
    )
