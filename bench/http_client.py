"""A tiny HTTP/1.1 client on the standard library, for setup and preflight requests only."""

from __future__ import annotations

import http.client
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


class HttpFailure(RuntimeError):
    """No response: the connection failed or timed out."""


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


@dataclass(frozen=True, slots=True)
class HttpClient:
    base_url: str
    timeout: float = 30.0

    def request(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str] | None = None,
        body: str | None = None,
    ) -> Reply:
        parts = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=self.timeout
        )
        try:
            connection.request(method, path, body=body, headers=dict(headers or {}))
            response = connection.getresponse()
            return Reply(response.status, response.read().decode("utf-8", "replace"))
        except (OSError, http.client.HTTPException) as error:
            raise HttpFailure(f"{method} {self.base_url}{path}: {error!r}") from error
        finally:
            connection.close()

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post_json(self, path: str, payload: object) -> Reply:
        headers = {"Content-Type": "application/json"}
        return self.request("POST", path, headers, json.dumps(payload))
