"""A response's head and body in one write.

uvicorn writes a response's status line and headers as soon as the app starts it, and its
body in a second write: two ``send`` calls and two TCP segments, for what is almost always
one small answer. One write saves the server 1-4 us of CPU per response and the client a
wake-up (``bench/response_writes.py``; under 1% of a read, issue 13,
``docs/performance.md``). ``HeadWithBody`` is the transport a response is written to: it
holds the head until the body's first write, and sends both with ``writelines`` (one
``writev``). A head with no body write behind it in the same turn of the loop (a ``HEAD``,
a stream whose first part is late) goes out on the loop's next turn, and a close sends it
first: nothing waits longer than that, and nothing is lost.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol


class _Cycle(Protocol):
    response_started: bool


class HeadWithBody(asyncio.Transport):
    """``transport`` as one response (``cycle``) writes to it."""

    __slots__ = ("_transport", "_cycle", "_loop", "_head", "_head_seen")

    def __init__(
        self, transport: asyncio.Transport, cycle: _Cycle, loop: asyncio.AbstractEventLoop
    ) -> None:
        super().__init__()
        self._transport = transport
        self._cycle = cycle
        self._loop = loop
        self._head: bytes | None = None
        self._head_seen = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.writelines((head, data))
        elif not self._head_seen and self._cycle.response_started:
            # The head: uvicorn writes it right after marking the response started (a
            # "100 Continue" is written before that, and goes out at once).
            self._head_seen = True
            self._head = bytes(data)
            self._loop.call_soon(self._send_head)
        else:
            self._transport.write(data)

    def close(self) -> None:
        self._send_head()
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def _send_head(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            if not self._transport.is_closing():
                self._transport.write(head)
