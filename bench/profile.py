"""Entry point: ``.venv/bin/python bench/profile.py [--targets api-get,api-list --seconds 15]``
profiles the API under the benchmark's load with py-spy (see README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _main() -> int:
    # Run as a script, Python puts bench/ first on sys.path, where this file would shadow the
    # standard library's ``profile``: drop it, and make ``bench`` and ``src`` importable.
    sys.path[:] = [path for path in sys.path if Path(path or ".").resolve() != HERE]
    for path in (ROOT / "src", ROOT):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from bench.profiling import main

    return main()


if __name__ == "__main__":
    raise SystemExit(_main())
