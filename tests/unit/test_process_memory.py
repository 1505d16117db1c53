"""The API process gives Argon2's memory back after each hash (issue 13).

Each check runs in a fresh interpreter: the malloc settings are per process, and the test
process has set them already (every ``create_app`` does)."""

from __future__ import annotations

import subprocess
import sys

import pytest

_HASH_TWICE = """
import sys
from argon2 import PasswordHasher
if sys.argv[1] == "fixed":
    from infrastructure.process_memory import fix_mmap_threshold
    fix_mmap_threshold()
def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
hasher.hash("first")  # glibc raises its dynamic mmap threshold after this one's block is freed
before = rss_mib()
hasher.hash("second")
print(rss_mib() - before)
"""


def _growth_mib(mode: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _HASH_TWICE, mode], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc, /proc")
def test_a_second_password_hash_leaves_no_memory_behind() -> None:
    assert _growth_mib("fixed") < 2  # Argon2's 8 MiB went back to the system


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc, /proc")
def test_without_the_fixed_threshold_the_hash_memory_stays() -> None:
    """The control: what the fix prevents does happen on this C library."""
    assert _growth_mib("dynamic") > 6
