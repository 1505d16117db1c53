"""An API that cannot start (here: its port is taken) makes ``tenantry serve`` say so and
exit with an error, with one worker or several, after stopping everything it started."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.serve_process import free_port, rest_of_output, serving


@pytest.mark.parametrize("workers", [1, 2], ids=["1 worker", "2 workers"])
async def test_a_taken_port_is_an_error_exit_and_nothing_is_left_running(
    data_dir: Path, workers: int
) -> None:
    port = free_port()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        async with serving(data_dir, port, workers) as server:
            text = await rest_of_output(server)
    assert server.returncode == 1, text
    assert "the API failed to start" in text and "address already in use" in text.lower(), text
    assert "Traceback" not in text and "The API has stopped" not in text, text
    assert "The embedded PostgreSQL has stopped" in text
    assert not (data_dir / "postgres" / "postmaster.pid").exists()
