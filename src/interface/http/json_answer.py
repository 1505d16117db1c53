"""An answer whose JSON is encoded by the handler: what Litestar's ``Response`` would send,
without building it and then its ``ASGIResponse`` on every request (issue 13).

A handler that returns a ``Response`` has it turned into an ``ASGIResponse`` after it
returns: its headers merged with the route's, its content rendered through the route's
serializer, each header added through ``MutableScopeHeaders``. A handler annotated
``-> ASGIResponse`` is answered with what it returns as it is; ``JsonAnswer`` is that
answer, ready: a struct encoded by msgspec (as Litestar encodes one with no type encoders
of its own: this app declares none), or JSON already encoded (an order's stored document),
its headers, then ``content-type`` and ``content-length``, in the order Litestar gives
them. The OpenAPI document describes such
a route's answers through its ``responses`` (a ``ResponseSpec`` for its success).
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
from litestar.response.base import ASGIResponse

_JSON = (b"content-type", b"application/json")
_NO_HEADERS: Mapping[str, str] = {}


class JsonAnswer(ASGIResponse):
    __slots__ = ("_raw_headers",)

    def __init__(
        self,
        content: msgspec.Struct | bytes,
        status: int = 200,
        headers: Mapping[str, str] = _NO_HEADERS,
    ) -> None:
        """``content`` encoded (bytes: JSON sent as they are); ``headers`` sent first, by
        lower-case name. Nothing of ``ASGIResponse.__init__`` is needed here (no cookies,
        no background task, never a ``HEAD`` answer: Litestar answers ``HEAD`` only from
        ``@head`` handlers)."""
        body = content if isinstance(content, bytes) else msgspec.json.encode(content)
        raw = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in headers.items()
        ]
        raw += (_JSON, (b"content-length", str(len(body)).encode()))
        self._raw_headers = raw
        self.body = body
        self.status_code = status
        self.content_length = len(body)
        self.background = None
        self.is_head_response = False
        self.encoding = "utf-8"
        self._encoded_cookies = ()

    def encode_headers(self) -> list[tuple[bytes, bytes]]:
        return self._raw_headers
