"""Entry point: ``.venv/bin/python bench/run.py [--seconds 10 --rounds 4 ...]`` (see README.md).

``run_module`` is every bench script's entry (``profile.py`` and ``scale.py`` load it from
here): run as a script, Python puts ``bench/`` first on ``sys.path``, where a script's name
could shadow the standard library (``profile``); it is dropped, and the ``bench`` package
and the project's ``src`` are made importable.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_module(name: str) -> int:
    """``main()`` of the bench module ``name``, as a script's exit status."""
    sys.path[:] = [path for path in sys.path if Path(path or ".").resolve() != HERE]
    for path in (ROOT / "src", ROOT):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    status: int = importlib.import_module(name).main()
    return status


if __name__ == "__main__":
    raise SystemExit(run_module("bench.harness"))
