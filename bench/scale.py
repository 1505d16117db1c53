"""Entry point of the scale curve: ``.venv/bin/python bench/scale.py [--quick]`` (see
bench/README.md, "The scale curve")."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _main() -> int:
    # Run as a script, so make the ``bench`` package and the project's ``src`` importable.
    for path in (ROOT / "src", ROOT):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from bench.scale_run import main

    return main()


if __name__ == "__main__":
    raise SystemExit(_main())
