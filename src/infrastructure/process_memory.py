"""How the API process keeps its C heap small (glibc).

glibc's ``malloc`` raises its mmap threshold each time a mapped block of up to 32 MiB is
freed: a block as large as the last one freed then comes from the heap, and stays there
when freed. An Argon2 hash allocates its whole memory cost at once (``ARGON2_MEMORY_KIB``;
the benchmark uses 8 MiB) and other large blocks come and go with requests; with the
dynamic threshold they end up in the heap and are not given back. A fixed threshold keeps
every such block in a mapping of its own, returned to the system when freed. Measured
(issue 13): the API process after the benchmark's load, 167 MiB with the dynamic threshold,
144 MiB with the fixed one (138 instead of 146 right after startup, which hashes once).
Capping the arenas (``MALLOC_ARENA_MAX=2``) and ``malloc_trim`` after startup or after the
load saved nothing more once the threshold was fixed (under 0.5 MiB).

On a C library without ``mallopt`` (not glibc) this does nothing.
"""

from __future__ import annotations

import ctypes
import logging

MMAP_THRESHOLD_BYTES = 128 * 1024
"""glibc's default, now fixed: every block of this size or more is mapped on its own."""
_M_MMAP_THRESHOLD = -3
_logger = logging.getLogger(__name__)


def fix_mmap_threshold() -> None:
    """Large blocks (Argon2's memory) are mapped on their own and unmapped when freed."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    if mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) != 1:
        _logger.warning("mallopt(M_MMAP_THRESHOLD) failed: freed blocks may stay in the heap")
