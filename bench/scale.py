"""Entry point of the scale curve: ``.venv/bin/python bench/scale.py [--quick]`` (see
bench/README.md, "The scale curve")."""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    entry = runpy.run_path(str(Path(__file__).with_name("run.py")))
    raise SystemExit(entry["run_module"]("bench.scale_run"))
