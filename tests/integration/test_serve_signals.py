"""``tenantry serve`` as an operator runs it, with one API process or several: SIGTERM (what
process managers send), Ctrl-C and a closed terminal (SIGINT or SIGHUP to the whole process
group, as a terminal sends them) stop the API gracefully, its workers, and then the embedded
PostgreSQL, leaving no server behind."""

from __future__ import annotations

import asyncio
import signal
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.identity_helpers import sign_up
from tests.serve_process import (
    alive,
    api_workers,
    free_port,
    read_until,
    relay_workers,
    rest_of_output,
    send_stop,
    serving,
    stop,
    wait_ready,
)


async def _metrics_count(port: int, requests: int) -> float:
    """Make ``requests`` readiness checks, then the count ``/metrics`` reports for them."""
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(requests):  # each its own connection: spread over the workers
            async with httpx.AsyncClient(base_url=base) as fresh:
                assert (await fresh.get("/health/live")).status_code == 200
        text = (await client.get("/metrics")).text
    marker = 'tenantry_http_requests_total{method="GET",route="/health/live",status="2xx"}'
    return sum(float(line.split()[-1]) for line in text.splitlines() if line.startswith(marker))


@pytest.mark.parametrize(
    ("how", "workers"),
    [
        (signal.SIGTERM, 1),
        (signal.SIGTERM, 2),
        (signal.SIGINT, 1),
        (signal.SIGINT, 2),
        (signal.SIGHUP, 2),
    ],
    ids=["SIGTERM-1", "SIGTERM-2 workers", "Ctrl-C-1", "Ctrl-C-2 workers", "hang-up-2 workers"],
)
async def test_a_stop_signal_stops_the_api_and_then_the_embedded_database(
    data_dir: Path, how: signal.Signals, workers: int
) -> None:
    port = free_port()
    async with serving(data_dir, port, workers) as server:
        await wait_ready(f"http://127.0.0.1:{port}/health/ready", server)
        postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        assert alive(postmaster)
        [worker] = relay_workers(server.pid)
        api = api_workers(server.pid)
        assert len(api) == (workers if workers > 1 else 0)
        started = await read_until(server, f"relay worker {worker} is delivering events")
        assert await _metrics_count(port, 12) == 12  # every worker's requests, added up
        text = started + await stop(server, how)
    assert server.returncode == 0, text
    assert "The API has stopped." in text and "The embedded PostgreSQL has stopped" in text
    assert "Traceback" not in text and "tenantry:" not in text, text
    assert not (data_dir / "postgres" / "postmaster.pid").exists(), "PostgreSQL still running"
    assert not alive(postmaster)
    assert not alive(worker), "the relay worker is still running"
    assert not [pid for pid in api if alive(pid)], "an API worker is still running"
    assert f"relay worker {worker} has stopped" in text
    assert (data_dir / "jwt-secret.dev").stat().st_mode & 0o777 == 0o600


async def test_a_killed_serve_takes_its_worker_along_and_the_next_start_cleans_up(
    data_dir: Path,
) -> None:
    """SIGKILL gives serve no chance to stop anything: the kernel stops its relay and API
    workers (PR_SET_PDEATHSIG); PostgreSQL stays up with a dead handle and the workers'
    metrics directory stays behind, which the next start drops, and that start serves and
    then stops everything."""
    port = free_port()
    async with serving(data_dir, port, workers=2) as killed:
        await wait_ready(f"http://127.0.0.1:{port}/health/ready", killed)
        [orphan] = relay_workers(killed.pid)
        orphans = [orphan, *api_workers(killed.pid)]
        assert len(orphans) == 3
        await read_until(killed, f"relay worker {orphan} is delivering events")
        killed.kill()
        async with asyncio.timeout(20):  # (the workers hold serve's stdout while they live)
            await killed.wait()
            while any(alive(pid) for pid in orphans):
                await asyncio.sleep(0.1)
    postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
    assert alive(postmaster)  # nobody stopped it
    async with serving(data_dir, port) as again:
        await wait_ready(f"http://127.0.0.1:{port}/health/ready", again)
        [worker] = relay_workers(again.pid)
        await read_until(again, f"relay worker {worker} is delivering events")
        output = await stop(again, signal.SIGTERM)
    assert again.returncode == 0, output
    leftovers = Path(tempfile.gettempdir()).glob(f"tenantry-metrics-{killed.pid}-*")
    assert not list(leftovers), "the killed serve's metrics directory is still there"
    assert not (data_dir / "postgres" / "postmaster.pid").exists(), "PostgreSQL still running"
    assert not alive(postmaster) and not alive(worker)


@pytest.mark.parametrize(
    ("how", "workers"), [(signal.SIGTERM, 1), (signal.SIGINT, 2)], ids=["SIGTERM", "Ctrl-C"]
)
async def test_a_stop_signal_lets_the_requests_in_flight_finish(
    data_dir: Path, how: signal.Signals, workers: int
) -> None:
    """The sandbox gateway takes 2 s per charge: an order placed just before the signal is
    still answered, paid, before the API stops. (The workers get every setting of serve's
    environment: the latency too.)"""
    port = free_port()
    async with serving(data_dir, port, workers, SANDBOX_LATENCY_MS="2000") as server:
        await wait_ready(f"http://127.0.0.1:{port}/health/ready", server)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            acme = await sign_up(client, "acme")
            await sign_up(client, "globex")
            pen = await make_product(client, acme, "PEN")
            carla = await make_customer(client, acme)
            started = time.monotonic()
            in_flight = asyncio.create_task(place(client, acme, order_body(carla, (pen, 1))))
            await asyncio.sleep(0.5)  # the request has reached the gateway
            send_stop(server, how)
            answered = await in_flight
            took = time.monotonic() - started
        output = await rest_of_output(server)
    assert answered.status_code == 201, answered.text
    assert answered.json()["status"] == "paid"
    assert took >= 2, "the gateway's latency did not apply"
    assert server.returncode == 0 and "The API has stopped." in output
