"""What a response costs the server to send on loopback: head and body in two ``send``
calls (uvicorn on its own) against one ``sendmsg`` (``interface/cli/response_writes.py``).

A child process reads everything; the parent sends ``--responses`` answers shaped like the
single read's (a 170-byte head, a 700-byte body). Reported: the CPU per response of the
sender (the server) and of the reader (the client; under load, on the same cores). The two
ways alternate, ``--rounds`` times each::

    .venv/bin/python bench/response_writes.py
"""

from __future__ import annotations

import argparse
import os
import socket
import time

HEAD = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 700\r\n"
    b'etag: "2"\r\nx-request-id: 0192abcd-0000-7000-8000-000000000000\r\n\r\n'
)
BODY = b"x" * 700


def _drain(address: tuple[str, int], total: int) -> None:
    reader = socket.create_connection(address)
    received = 0
    while received < total:
        data = reader.recv(65536)
        if not data:
            break
        received += len(data)


def send_cost(one_write: bool, responses: int) -> tuple[float, float]:
    """The sender's and the reader's CPU microseconds per response."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        child = os.fork()
        if child == 0:
            _drain(listener.getsockname(), responses * (len(HEAD) + len(BODY)))
            os._exit(0)
        sender, _ = listener.accept()
        with sender:
            sender.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            start = time.process_time()
            for _ in range(responses):
                if one_write:
                    sender.sendmsg([HEAD, BODY])
                else:
                    sender.send(HEAD)
                    sender.send(BODY)
            spent = time.process_time() - start
        _, _, usage = os.wait4(child, 0)
    read = usage.ru_utime + usage.ru_stime
    return spent / responses * 1e6, read / responses * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    for round_ in range(1, options.rounds + 1):
        two = send_cost(False, options.responses)
        one = send_cost(True, options.responses)
        print(
            f"round {round_}, CPU us per response (sender + reader): "
            f"two writes {two[0]:.2f} + {two[1]:.2f}, one write {one[0]:.2f} + {one[1]:.2f}"
        )


if __name__ == "__main__":
    main()
