"""Entry point: ``.venv/bin/python bench/profile.py [--targets api-get,api-list --seconds 15]``
profiles the API under the benchmark's load with py-spy (see README.md)."""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    entry = runpy.run_path(str(Path(__file__).with_name("run.py")))
    raise SystemExit(entry["run_module"]("bench.profiling"))
