"""``python -m tests.citus test [pytest args]``: build a three-node Citus cluster on
loopback, run the test suite against its coordinator (``TEST_DATABASE_URL``), tear the
cluster down, exit with pytest's status. ``python -m tests.citus up``: build one and keep
it until Ctrl-C or SIGTERM (for working on the cluster by hand).

The kit comes from ``CITUS_KIT`` (default: ``../shared/citus/``'s). See docs/scale-out.md.
"""

from __future__ import annotations

import os
import signal
import subprocess  # nosec: runs this project's pytest
import sys
from types import FrameType

from tests.citus.databases import running_cluster
from tests.database import TEST_DATABASE


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(command: str, pytest_args: list[str]) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with running_cluster(TEST_DATABASE) as cluster:
        url = cluster.coordinator.superuser_url()
        if command == "up":
            print(f"TEST_DATABASE_URL={url}", flush=True)
            try:
                signal.pause()
            except KeyboardInterrupt:
                pass
            return 0
        environment = dict(os.environ, TEST_DATABASE_URL=url)
        pytest = [sys.executable, "-m", "pytest", *pytest_args]
        return subprocess.run(pytest, env=environment, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("test", "up"):
        sys.exit("usage: python -m tests.citus {test [pytest args] | up}")
    sys.exit(main(sys.argv[1], sys.argv[2:]))
