"""Whether a process still runs, by its pid (Linux; elsewhere the signal check alone)."""

from __future__ import annotations

import os
from pathlib import Path


def running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, exited but not yet reaped, has stopped; another
    user's process runs)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True  # no procfs: trust the signal check
    return state != "Z"
