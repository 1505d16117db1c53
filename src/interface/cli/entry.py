"""The ``tenantry`` command's entry point: a Ctrl-C while the program is still importing
ends it quietly, with the usual status 130, instead of a traceback."""

from __future__ import annotations

import sys


def run() -> int:
    try:
        from interface.cli.main import main

        return main()
    except KeyboardInterrupt:
        print("tenantry: interrupted", file=sys.stderr)
        return 130
