"""uvicorn's httptools protocol with the bounds a public server needs.

uvicorn closes idle keep-alive connections, but a client gets all the time and memory it
wants to send a request: a connection that sends nothing, half a head, a byte a second, an
endless header line, or a body that stalls stays open. ``BoundedProtocol`` closes one
whose head is not complete ``HEADER_TIMEOUT_SECONDS`` after it opened or after its request
began (while an earlier response on it is still being produced, the deadline waits), answers
431 to a head over ``MAX_HEADER_BYTES`` however it arrives (in one read or many, finished
or not; each pipelined head measured on its own), and cuts a body that sends nothing for
``BODY_TIMEOUT_SECONDS`` (while it is read: not while its request waits behind an earlier
one). It also bounds each worker's open connections (``MAX_CONNECTIONS``): a request beyond
them is answered 503 without running the app. Each refusal is counted and logged
(``interface/http/overload.py``). Pipelined requests are answered in order: the 503 is
queued like any response, and the 431 waits for the responses to the requests before it.
Each response is written through ``HeadWithBody``: its head goes out with its body, in one
write (``response_writes.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from infrastructure.settings_server import ServerSettings
from interface.cli.response_writes import HeadWithBody
from interface.http.overload import head_too_large, note_refusal, overloaded

_LINGER_SECONDS = 2.0


class BoundedProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._bounds: ServerSettings = getattr(config, "bounds", ServerSettings())
        self._timer: asyncio.TimerHandle | None = None
        self._in_head = True
        # An unfinished head is measured by the reads wholly inside it (not the one it began
        # in, which may end the request before): that stops one that never ends. A finished
        # head is measured as parsed (``_parsed_head_bytes``), however it was read.
        self._head_bytes = 0
        self._head_began = False  # in the current read
        self._refused = False
        self._answer_waits = False  # the 431, behind a response still to be sent
        self._app = self.app

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_begins()

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # read and dropped until the connection closes
        self._head_began = False
        super().data_received(data)
        if self._in_head and not self._head_began and not self.transport.is_closing():
            self._head_bytes += len(data)  # all of it is head: the head is still not done
            if self._head_bytes > self._bounds.max_header_bytes:
                self._refuse_head()

    def on_message_begin(self) -> None:
        if not self._refused:
            super().on_message_begin()
            self._head_begins()

    def on_headers_complete(self) -> None:
        self._in_head = False
        if not self._refused and self._parsed_head_bytes() > self._bounds.max_header_bytes:
            self._refuse_head()
        if self._refused:
            return  # no app runs, for this head or any pipelined behind it in this read
        self._set_timer(None)  # the head is done; its body's time starts in _time_body
        if len(self.connections) <= self._bounds.max_connections and len(self.tasks) < (
            self._bounds.max_connections
        ):
            super().on_headers_complete()
        else:
            note_refusal("connection_limit")
            self.app = overloaded  # this request only: the next one may fit again
            try:
                super().on_headers_complete()
            finally:
                self.app = self._app
        self.cycle.transport = HeadWithBody(self.transport, self.cycle, self.loop)
        self._time_body()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)
            self._time_body()

    def on_message_complete(self) -> None:
        if not self._refused:
            self._set_timer(None)
            super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # what follows a refused head in its read is dropped too
            super().send_400_response(msg)

    def on_response_complete(self) -> None:
        super().on_response_complete()  # starts the next pipelined request, if any
        if self._answer_waits and not self._responding():
            self._answer_too_large()
        elif self._responding() and self.cycle.more_body:
            self._time_body()  # the last request, queued until now: its body is read now

    def connection_lost(self, exc: Exception | None) -> None:
        self._set_timer(None)
        super().connection_lost(exc)

    def _head_begins(self) -> None:
        self._in_head, self._head_bytes, self._head_began = True, 0, True
        self._set_timer(self._bounds.header_timeout_seconds, self._head_late)

    def _time_body(self) -> None:
        """Give the body its time from now, unless its request is queued behind a response
        being made: uvicorn does not read it meanwhile, so it cannot be said to stall."""
        if not self.pipeline:
            self._set_timer(self._bounds.body_timeout_seconds, self._body_stalled)

    def _parsed_head_bytes(self) -> int:
        """The whole head's size as sent in the usual form: ``METHOD url HTTP/1.1``, a
        ``name: value`` line for each header, each line and the head ended by CRLF."""
        fields = sum(len(name) + len(value) + 4 for name, value in self.headers)
        return len(self.parser.get_method()) + len(self.url) + 12 + fields + 2

    def _set_timer(self, seconds: float | None, then: Callable[[], None] | None = None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = (
            None if seconds is None or then is None else self.loop.call_later(seconds, then)
        )

    def _responding(self) -> bool:
        """Whether a response to an earlier request on this connection is still to be sent:
        the last request's (made or queued; uvicorn answers them in order) is not done."""
        return self.cycle is not None and not self.cycle.response_complete

    def _refuse_head(self) -> None:
        """Refuse the head: nothing more is read into a request (no app runs for it or any
        behind it), and the 431 follows the responses to the requests before it."""
        note_refusal("head_too_large")
        self._refused = True
        self._set_timer(None)
        if self._responding():
            self._answer_waits = True  # sent by on_response_complete
        else:
            self._answer_too_large()

    def _answer_too_large(self) -> None:
        """Answer 431 and end the connection: the answer, then our end of it, then (after
        a moment of reading and dropping what the client still sends, so that our close
        does not reset the connection under the answer) all of it."""
        self._answer_waits = False
        if self.transport.is_closing():
            return  # the response before it closed the connection (its request asked to)
        self._unset_keepalive_if_required()
        self.transport.write(head_too_large())
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(_LINGER_SECONDS, self.transport.close)

    def _head_late(self) -> None:
        if self._responding():
            # A pipelined head behind a response still being made: its time starts after.
            self._set_timer(self._bounds.header_timeout_seconds, self._head_late)
            return
        self._timer = None
        note_refusal("head_timeout")
        self.transport.close()

    def _body_stalled(self) -> None:
        self._timer = None
        note_refusal("body_timeout")
        self.transport.close()
