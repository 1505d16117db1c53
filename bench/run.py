"""Entry point: ``.venv/bin/python bench/run.py [--seconds 10 --rounds 4 ...]`` (see README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _main() -> int:
    # Run as a script, so make the ``bench`` package and the project's ``src`` importable.
    for path in (ROOT / "src", ROOT):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from bench.harness import main

    return main()


if __name__ == "__main__":
    raise SystemExit(_main())
